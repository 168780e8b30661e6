"""Can a manager publish a period that advocates can read, cite and download, which never changes
and never exposes anyone?"""
import hashlib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import AuditEvent
from monitor.services import releases as service
from monitor.services.review import review_checklist
from tests.support.pdf import read_pdf

NAMES = ["Sokha Examplename", "Dara Fictitious", "Vanna Madeup"]
CASE_REFERENCES = ["CR-2025-7731", "CR-2025-8842", "CR-2025-9953"]
BIRTH_DATES = ["2009-03-14", "2008-11-02", "1990-07-21"]


@pytest.fixture
def sensitive_quarter(add_hearing, create_court, create_user):
    """2025-Q1 (Nov 2024 - Jan 2025): seven hearings whose every free field holds something identifying."""
    alpha, beta = create_court("alpha", "Alpha Court"), create_court("beta", "Beta Court")
    monitor = create_user("monitor", username="observer-kanha")
    checklists = []
    for index in range(7):
        court = alpha if index < 6 else beta
        name = NAMES[index % 3]
        accused = [
            {"gender": "male", "age_at_offence": 30 + index, "represented_by_lawyer": "yes" if index % 2 else "no",
             "detention_status": "pretrial_detention", "pretrial_detention_days": 30 + 10 * index,
             "date_of_birth": BIRTH_DATES[2], "accused_name": name, "notes": f"{name} told the monitor everything"},
        ]
        if index == 0:  # one juvenile: a figure of one, which must never be published
            accused.append({"gender": "female", "age_at_offence": 15, "represented_by_lawyer": "no",
                            "date_of_birth": BIRTH_DATES[0], "accused_name": NAMES[1],
                            "juvenile": {"juvenile_pretrial_detention": "yes", "child_name": NAMES[1]}})
        checklists.append(add_hearing(court, date(2024, 11, 4 + index), "approved",
                                      {"hearing_type": "trial", "stage": "first_instance", "hearing_open": "yes",
                                       "case_reference": CASE_REFERENCES[index % 3]}, accused, monitor=monitor))
    return checklists


@pytest.fixture
def manager_client(client, create_user, login):
    login(create_user("manager", username="manager-bopha"))
    return client


def _figure(report: dict, key: str) -> dict:
    return next(item for item in report["indicators"] if item["key"] == key)


def test_manager_previews_then_publishes_and_the_public_reads_it(manager_client, sensitive_quarter, app):
    assert 'href="/releases"' in manager_client.get("/statistics?period=2025-Q1").get_data(as_text=True)
    preview = manager_client.get("/releases/preview?period=2025-Q1")
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "exactly what the public will see" in html and "version 1" in html and "7 checklists" in html
    response = manager_client.post("/releases", data={"period": "2025-Q1"})
    assert response.status_code == 302 and response.location.endswith("/data/2025-Q1/v1")

    anonymous = app.test_client()
    page = anonymous.get("/data/2025-Q1/v1").get_data(as_text=True)
    assert "Methodology" in page and "Alpha Court" in page and "How to cite" in page
    assert "[s]" in page  # the one juvenile is withheld
    assert anonymous.get("/data/2025-Q1").location.endswith("/data/2025-Q1/v1")
    assert "2025-Q1" in anonymous.get("/data/").get_data(as_text=True)


def test_release_files_match_their_manifest_and_the_citation_names_the_release(sensitive_quarter, app):
    release = service.publish("2025-Q1")
    client = app.test_client()
    body = client.get("/api/v1/releases/2025-Q1/v1").get_json()
    manifest_bytes = (Path(app.config["EXPORT_FOLDER"]) / "2025-Q1" / "v1" / "manifest.json").read_bytes()
    assert hashlib.sha256(manifest_bytes).hexdigest() == release.checksum == body["checksum"]
    manifest = json.loads(manifest_bytes)
    assert {entry["name"] for entry in manifest["files"]} == {
        f"statistics-2025-Q1-v1{suffix}.{fmt}" for fmt in ("csv", "xlsx", "json", "pdf") for suffix in ("", "-km")
        if not (fmt == "json" and suffix)}
    for entry in manifest["files"]:
        served = client.get(f"/data/2025-Q1/v1/{entry['name']}").data
        assert hashlib.sha256(served).hexdigest() == entry["sha256"] and len(served) == entry["bytes"]
    citation = body["citation"]
    for part in ("2025-Q1", "version 1", "http://localhost/data/2025-Q1/v1", release.published_at.date().isoformat(),
                 app.config["ORGANISATION_NAME"]):
        assert part in citation["text"] and part.replace("version 1", "version 1") in citation["bibtex"]
    assert citation["bibtex"].startswith("@misc{")
    # The workbook opens on how to cite the release (all but the checksum, which vouches for the file itself).
    about = load_workbook(io.BytesIO(client.get("/data/2025-Q1/v1/statistics-2025-Q1-v1-km.xlsx").data))["អំពីឯកសារនេះ"]
    assert citation["text"].split(" (SHA-256")[0] + "." in [row[0] for row in about.iter_rows(values_only=True)]
    assert _figure(body["report"], "juvenile_accused")["suppressed"] is True
    assert body["suppression_threshold"] == 5


def test_nothing_public_contains_a_name_reference_birth_date_monitor_or_checklist(sensitive_quarter, app):
    service.publish("2025-Q1")
    client = app.test_client()
    forbidden = NAMES + CASE_REFERENCES + BIRTH_DATES + ["observer-kanha", "Test Monitor", "told the monitor"]
    forbidden += [checklist.uuid for checklist in sensitive_quarter]
    texts = {}
    for url in ["/data/", "/data/2025-Q1/v1", "/data/2025-Q1/v1?lang=km", "/api/v1/releases", "/api/v1/releases/2025-Q1",
                "/api/v1/releases/2025-Q1/v1"]:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.get_data(as_text=True)
    for entry in client.get("/api/v1/releases/2025-Q1/v1").get_json()["files"]:
        content = client.get(f"/data/2025-Q1/v1/{entry['name']}").data
        if entry["name"].endswith(".pdf"):
            texts[entry["name"]] = read_pdf(content).text
        elif entry["name"].endswith(".xlsx"):
            workbook = load_workbook(io.BytesIO(content), read_only=True)
            texts[entry["name"]] = "\n".join(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True)
                                             for cell in row)
        else:
            texts[entry["name"]] = content.decode("utf-8-sig")
    assert len(texts) == 6 + 8  # the pages and answers, then every file (English and Khmer)
    for where, text in texts.items():
        for value in forbidden:
            assert value not in text, f"{value!r} in {where}"
        assert not re.search(r'"(checklist_id|checklist_ids|monitor|published_by|case_reference|date_of_birth)"', text), where


def test_a_release_never_changes_and_a_correction_is_version_two(sensitive_quarter, app, runner, create_user):
    first = service.publish("2025-Q1")
    client = app.test_client()
    before = {name: client.get(f"/data/2025-Q1/v1/{name}").data for name in [f["name"] for f in first.files]}
    api_before = client.get("/api/v1/releases/2025-Q1/v1").data
    assert _figure(first.report, "represented_by_lawyer")["numerator"] == 3

    # A counted checklist is corrected and approved again.
    corrected = sensitive_quarter[0]
    corrected.accused[0].answers = {**corrected.accused[0].answers, "represented_by_lawyer": "yes"}
    corrected.status = "submitted"
    db.session.commit()
    review_checklist(corrected, "approve", create_user("manager"))
    assert client.get("/api/v1/releases/2025-Q1/v1").data == api_before
    for name, content in before.items():
        assert client.get(f"/data/2025-Q1/v1/{name}").data == content
    assert service.find_release("2025-Q1", 1).checksum == first.checksum

    refused = runner.invoke(args=["releases", "publish", "2025-Q1"])
    assert refused.exit_code == 1 and "errata" in refused.output
    result = runner.invoke(args=["releases", "publish", "2025-Q1", "--errata", "Lawyer of one accused was recorded wrongly."])
    assert result.exit_code == 0, result.output
    second = service.find_release("2025-Q1", 2)
    # 4 against v1's 3 would say how the corrected accused answered: v2 withholds it (issue 17).
    assert _figure(second.report, "represented_by_lawyer")["suppressed"] is True
    assert _figure(second.report, "represented_by_lawyer")["numerator"] is None
    assert second.checksum != first.checksum
    assert _figure(service.find_release("2025-Q1", 1).report, "represented_by_lawyer")["numerator"] == 3
    old = client.get("/data/2025-Q1/v1").get_data(as_text=True)
    assert "This version is superseded" in old and "/data/2025-Q1/v2" in old
    assert "Lawyer of one accused was recorded wrongly." in client.get("/data/2025-Q1/v2").get_data(as_text=True)
    assert client.get("/data/2025-Q1").location.endswith("/v2")
    listing = runner.invoke(args=["releases", "list"]).output
    assert "2025-Q1\tv1" in listing and "2025-Q1\tv2" in listing
    assert len(service.counted_checklist_ids(second)) == 7
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "publication")).all()
    assert [event.target_key for event in events] == ["2025-Q1/v1", "2025-Q1/v2"]


def test_publishing_again_needs_an_errata_note_on_the_page(manager_client, sensitive_quarter):
    manager_client.post("/releases", data={"period": "2025-Q1"})
    response = manager_client.post("/releases", data={"period": "2025-Q1", "errata": "  "})
    assert response.status_code == 400 and "say what this new version corrects" in response.get_data(as_text=True)
    assert service.latest_version("2025-Q1") == 1
    bad = manager_client.post("/releases", data={"period": "2025-Q9"}, follow_redirects=True)
    assert "give a quarter like 2025-Q3" in bad.get_data(as_text=True)


def test_api_caching_etags_and_cors(sensitive_quarter, app):
    release = service.publish("2025-Q1")
    client = app.test_client()
    versioned = client.get("/api/v1/releases/2025-Q1/v1")
    assert versioned.headers["ETag"] == f'"{release.checksum}"'
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert versioned.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/releases/2025-Q1/v1", headers={"If-None-Match": f'"{release.checksum}"'}).status_code == 304
    latest = client.get("/api/v1/releases/2025-Q1")
    assert latest.headers["Cache-Control"] == "public, max-age=300" and latest.get_json()["version"] == 1
    index = client.get("/api/v1/releases")
    assert index.get_json()["releases"][0]["address"].endswith("/data/2025-Q1/v1")
    assert client.get("/api/v1/releases", headers={"If-None-Match": index.headers["ETag"]}).status_code == 304
    missing = client.get("/api/v1/releases/2031-Q1/v3")
    assert missing.status_code == 404 and missing.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/checklists").headers
    assert client.get("/data/2025-Q1/v1/../../secret").status_code == 404
    assert client.get("/data/2031-Q1/v1").status_code == 404
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/releases", "/releases/{period}", "/releases/{period}/v{version}"} <= set(paths)


def test_anonymous_visitors_read_releases_and_nothing_else(app):
    client = app.test_client()
    # Public by design: releases, sign-in, static files, the API description, the load balancer's
    # health check, and the offline app shell (page, scripts, interface texts: no answers, no data).
    public = {"public.", "api.release", "static", "auth.login", "api.openapi_document", "offline.", "health."}
    checked = 0
    for rule in app.url_map.iter_rules():
        if any(rule.endpoint.startswith(prefix) for prefix in public):
            continue
        url = re.sub(r"<(?:int:)?[^>]+>", lambda m: "1" if m.group(0).startswith("<int:") else "x", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            response.close()
            if rule.endpoint == "auth.logout":
                assert response.status_code in (302, 400), url
                continue
            expected = 401 if url.startswith("/api/") else 302
            assert response.status_code == expected, (method, url, response.status_code)
            if expected == 302:
                assert "/login" in response.location
            checked += 1
    assert checked >= 20
    assert client.get("/data/").status_code == 200
    assert client.get("/api/v1/releases").status_code == 200


def test_the_manager_sees_what_is_withheld_and_why_and_the_public_reads_the_protection(manager_client, sensitive_quarter, app):
    """The preview lists each withheld cell with its reason (never published); the release explains the protection."""
    page = manager_client.get("/releases/preview?period=2025-Q1").get_data(as_text=True)
    assert "Disclosure report: what this release withholds, and why" in page
    assert re.search(r"<td>juvenile_accused</td><td>all</td><td>all</td><td>figure</td><td>rests on fewer than 5 people</td>", page)  # noqa: E501
    release = service.publish("2025-Q1")
    public = app.test_client().get(f"/data/2025-Q1/v{release.version}").get_data(as_text=True)
    assert "Disclosure report" not in public and "rests on fewer than" not in public
    assert "Protecting children and every person counted" in public and "never a shortest, longest or average time" in public
    khmer = app.test_client().get(f"/data/2025-Q1/v{release.version}?lang=km").get_data(as_text=True)
    assert "ការការពារកុមារ និងមនុស្សគ្រប់រូបដែលត្រូវបានរាប់" in khmer
