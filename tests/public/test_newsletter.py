"""Can a manager write the period's newsletter in their own words, see what to check before publishing
(numbers that are not published figures, names, dates, case numbers), never headline a withheld figure,
and find it frozen into the release: its page, its API answer and its PDF? Is nothing published under
the name Court Monitor ships with?"""
import pytest

from monitor.services import releases as service
from monitor.services import settings
from monitor.services.statistics_files import export_file
from tests.public.test_releases import manager_client, sensitive_quarter  # noqa: F401
from tests.support.pdf import read_pdf

SCRIPT = "<script>alert('x')</script>"


def published_keys(period: str = "2025-Q1") -> tuple[list[str], str]:
    """Three headline-able indicators, and one withheld."""
    report = service.prepare(service.publishable_period(period)).report
    shown = [item.key for item in report.indicators if not item.figure.suppressed and item.figure.value is not None]
    withheld = next(item.key for item in report.indicators if item.figure.suppressed)
    return shown[:3], withheld


def test_publishing_is_refused_until_the_organisation_is_named(app, sensitive_quarter, manager_client):  # noqa: F811
    app.config["ORGANISATION_NAME"] = settings.DEFAULT_ORGANISATION_NAME  # a fresh installation
    response = manager_client.post("/releases", data={"period": "2025-Q1"})
    assert response.status_code == 400
    assert "Give your organisation&#39;s name" in response.get_data(as_text=True)
    with pytest.raises(service.PublishRefused):
        service.publish("2025-Q1")
    refused = manager_client.post("/releases/organisation", data={"organisation": settings.DEFAULT_ORGANISATION_NAME,
                                                                  "period": "2025-Q1"}, follow_redirects=True)
    assert "the name Court Monitor ships with" in refused.get_data(as_text=True)
    manager_client.post("/releases/organisation", data={"organisation": "Phnom Penh Trial Watch", "period": "2025-Q1"})
    release = service.publish("2025-Q1")
    body = manager_client.get(f"/api/v1/releases/2025-Q1/v{release.version}").get_json()
    assert body["citation"]["text"].startswith("Phnom Penh Trial Watch (")
    assert body["methodology"]["edition"]["organisation"] == "Phnom Penh Trial Watch"


def test_manager_writes_checks_and_publishes_a_newsletter(sensitive_quarter, manager_client):  # noqa: F811
    settings.set_organisation("Phnom Penh Trial Watch", None, None)
    headlines, withheld = published_keys()
    form = {
        "period": "2025-Q1", "title_en": "Courts opened their doors", "title_km": "តុលាការបើកទ្វារ",
        "introduction_en": f"This quarter **every** hearing we saw was public. {SCRIPT} [more](javascript:alert(1))",
        "introduction_km": "ត្រីមាសនេះ សវនាការទាំងអស់ដែលយើងបានឃើញ គឺជាសាធារណៈ។",
        "commentary_fair_trial_en": "87% of the accused had no lawyer, says our count.",
        "highlights_en": "Sok Dara, born 12/03/2010, case no. 123/2024, waited in detention.",
        "headlines": [*headlines, withheld],
    }
    refused = manager_client.post("/releases/newsletter", data=form)
    assert refused.status_code == 400 and "A withheld figure cannot be a headline" in refused.get_data(as_text=True)

    saved = manager_client.post("/releases/newsletter", data={**form, "headlines": headlines}, follow_redirects=True)
    page = saved.get_data(as_text=True)
    assert saved.status_code == 200 and "Newsletter draft for 2025-Q1 saved." in page
    checks = page[page.index('id="checks"'):page.index("</section>", page.index('id="checks"'))]
    assert "“87%” is not a published figure of this release." in checks
    for flagged in ("Sok Dara", "12/03/2010", "case no. 123/2024"):
        assert flagged in checks, flagged

    release = service.publish("2025-Q1")
    public = manager_client.get(f"/data/2025-Q1/v{release.version}").get_data(as_text=True)
    assert "Courts opened their doors" in public and "<strong>every</strong>" in public
    assert SCRIPT not in public  # shown as text, never run
    assert 'href="javascript' not in public
    assert public.count('<span class="what">') == 3
    khmer = manager_client.get(f"/data/2025-Q1/v{release.version}?lang=km").get_data(as_text=True)
    assert "តុលាការបើកទ្វារ" in khmer and "ត្រីមាសនេះ" in khmer
    frozen = manager_client.get(f"/api/v1/releases/2025-Q1/v{release.version}").get_json()["methodology"]["edition"]
    assert frozen["newsletter"]["headlines"] == headlines

    # Later edits of the draft never change what was published.
    manager_client.post("/releases/newsletter", data={**form, "title_en": "Changed", "headlines": headlines})
    assert "Courts opened their doors" in manager_client.get(f"/data/2025-Q1/v{release.version}?lang=en").get_data(as_text=True)
    pdf = read_pdf(export_file(service.report_of(release), "pdf", "en", {**frozen, "methodology": {}})[0])
    assert "Courts opened their doors" in pdf.text and "Phnom Penh Trial Watch" in pdf.text


def test_the_preview_warns_about_the_default_name_before_publish(app, sensitive_quarter, manager_client):  # noqa: F811
    app.config["ORGANISATION_NAME"] = settings.DEFAULT_ORGANISATION_NAME  # a fresh installation
    page = manager_client.get("/releases/preview?period=2025-Q1").get_data(as_text=True)
    assert "the name Court Monitor ships with, which Publish refuses" in page
    assert page.index("which Publish refuses") < page.index(">Publish</button>")
    assert 'href="/releases/newsletter?period=2025-Q1#organisation"' in page
    settings.set_organisation("Phnom Penh Trial Watch", None, None)
    assert "which Publish refuses" not in manager_client.get("/releases/preview?period=2025-Q1").get_data(as_text=True)


def test_the_preview_shows_the_address_releases_are_published_under(app, sensitive_quarter, manager_client):  # noqa: F811
    settings.set_organisation("Phnom Penh Trial Watch", None, None)
    app.config["PUBLIC_URL"] = "http://localhost:5000"
    page = manager_client.get("/releases/preview?period=2025-Q1").get_data(as_text=True)
    assert "Releases are published under http://localhost:5000" in page
    assert "an address of this computer only" in page
    app.config["PUBLIC_URL"] = "https://data.example.org"
    page = manager_client.get("/releases/preview?period=2025-Q1").get_data(as_text=True)
    assert "Releases are published under https://data.example.org" in page
    assert "an address of this computer only" not in page


def test_a_new_release_is_cited_in_the_readers_language(app, sensitive_quarter):  # noqa: F811
    """The Khmer page's "How to cite" reads in Khmer with Khmer dates; the English one and the API's text stay as they were."""
    import re
    settings.set_organisation("Phnom Penh Trial Watch", None, None)
    release = service.publish("2025-Q1")
    reader = app.test_client()

    def cited(language: str) -> str:
        page = reader.get(f"/data/2025-Q1/v{release.version}?lang={language}").get_data(as_text=True)
        return re.search(r'id="citation-text">([^<]*)<', page).group(1)

    english, khmer = cited("en"), cited("km")
    api = reader.get(f"/api/v1/releases/2025-Q1/v{release.version}").get_json()["citation"]["text"]
    assert english.replace("&#39;", "'") == api and "version 1. Published 20" in english
    assert "Published" not in khmer and "version" not in khmer and "Phnom Penh Trial Watch" in khmer
    assert not re.search(r"\\d{4}-\\d{2}-\\d{2}", khmer), khmer  # no ISO date
    assert release.checksum in khmer
