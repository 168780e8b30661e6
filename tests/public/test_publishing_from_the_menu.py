"""Can a manager pick a period from the Releases menu in their language, and is an unfinished period,
or one with checklists still waiting, never published by mistake?"""
import re
from datetime import date

import pytest

from monitor.services import releases as service
from monitor.services.statistics import period_choices
from monitor.statistics.periods import quarter_containing


@pytest.fixture
def manager_client(client, create_user, login):
    login(create_user("manager", username="manager-bopha"))
    return client


@pytest.fixture
def ended_quarter(add_hearing, create_court, create_user):
    """2025-Q1 (Nov 2024 - Jan 2025): two approved hearings, and one each submitted, returned and in draft."""
    court = create_court("alpha", "Alpha Court")
    accused = [{"gender": "male", "age_at_offence": 30, "represented_by_lawyer": "yes"}]
    for index, status in enumerate(["approved", "approved", "submitted", "returned", "draft"]):
        add_hearing(court, date(2024, 11, 4 + index), status, {"stage": "first_instance", "hearing_open": "yes"}, accused)


def _options(html: str) -> dict[str, str]:
    return {value: re.sub(r"\s+", " ", text).strip()
            for value, text in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)}


def test_the_period_menu_reads_as_words_in_the_readers_language(manager_client, app):
    options = _options(manager_client.get("/releases").get_data(as_text=True))
    assert not any("Period(" in text or "datetime" in text for text in options.values())
    assert options["2025-Q1"] == "2025-Q1 (November 2024–January 2025)"  # the reference calendar starts in November
    assert options["2025"] == "Reporting year 2025 (November 2024–October 2025)"
    current = quarter_containing(date.today(), 11).label
    assert options[current].endswith("· not over yet")
    assert len(options) == len(period_choices(11))

    khmer = _options(manager_client.get("/releases?lang=km").get_data(as_text=True))
    assert "វិច្ឆិកា" in khmer["2025-Q1"] and "November" not in khmer["2025-Q1"]


def test_the_statistics_menu_names_the_months_too(manager_client):
    options = _options(manager_client.get("/statistics").get_data(as_text=True))
    assert options["2025-Q2"] == "2025-Q2 (February–April 2025)"


def test_choosing_from_the_menu_previews_and_publishes(manager_client, ended_quarter):
    """The option's value is what preview and publish read (it was a Python repr)."""
    page = manager_client.get("/releases").get_data(as_text=True)
    value = re.search(r'<option value="(2025-Q1)"', page)[1]
    preview = manager_client.get(f"/releases/preview?period={value}")
    assert preview.status_code == 200 and "Publish" in preview.get_data(as_text=True)


def test_a_bad_period_is_shown_as_an_error(manager_client):
    page = manager_client.get("/releases/preview?period=2025-Q9", follow_redirects=True).get_data(as_text=True)
    assert re.search(r'<p class="flash flash-error" role="alert">[^<]*give a quarter like 2025-Q3', page)


def test_an_unfinished_period_previews_marked_not_over_and_is_never_published(manager_client, app, runner):
    current = quarter_containing(date.today(), 11)
    preview = manager_client.get(f"/releases/preview?period={current.label}").get_data(as_text=True)
    assert "Not over yet." in preview and "is not over yet: it can be published from" in preview
    assert 'action="/releases"' not in preview  # no Publish form

    refused = manager_client.post("/releases", data={"period": current.label, "pending_confirmed": "1"}, follow_redirects=True)
    assert re.search(rf'flash-error[^>]*>{current.label} is not over yet: it can be published from',
                     refused.get_data(as_text=True))
    assert service.latest_version(current.label) is None

    year = str(current.year)
    cli = runner.invoke(args=["releases", "publish", year])
    assert cli.exit_code == 1 and f"error: period: {year} is not over yet" in cli.output
    assert service.latest_version(year) is None


def test_the_preview_counts_checklists_still_waiting_and_publishing_asks_to_confirm(manager_client, ended_quarter):
    preview = re.sub(r"\s+", " ", manager_client.get("/releases/preview?period=2025-Q1").get_data(as_text=True))
    assert ("3 checklists of this period are not approved and will not be counted: 1 submitted, "
            "1 returned to the monitor, 1 in draft.") in preview
    assert "counts 2 checklists of the period" in preview

    unconfirmed = manager_client.post("/releases", data={"period": "2025-Q1"})
    assert unconfirmed.status_code == 400
    assert "Confirm that 2025-Q1 is published without the checklists still waiting" in unconfirmed.get_data(as_text=True)
    assert service.latest_version("2025-Q1") is None

    confirmed = manager_client.post("/releases", data={"period": "2025-Q1", "pending_confirmed": "1"})
    assert confirmed.status_code == 302 and confirmed.location.endswith("/data/2025-Q1/v1")
