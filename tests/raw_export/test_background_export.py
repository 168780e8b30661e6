"""Does a raw-data XLSX too large to build while the manager waits get built in the background,
with a page that says how far it has got and offers the file once ready (issue 20.5)?

The limit is lowered to one checklist so the small fixture counts as large."""
import json
import re
import time
from datetime import datetime, timedelta, UTC
from pathlib import Path

import pytest

from monitor.extensions import db
from monitor.models import AuditEvent
from tests.raw_export.test_raw_export import _expected, _read_xlsx, fixture_data  # noqa: F401  (fixture)


@pytest.fixture
def app_config(mini_config):
    return mini_config | {"RAW_EXPORT_BACKGROUND_CHECKLISTS": 1}


def _wait_until_ready(office, page_address: str) -> str:
    for _ in range(200):
        page = office.get(page_address)
        assert page.status_code == 200
        if "is ready" in page.text or "could not be prepared" in page.text:
            return page.text
        assert 'http-equiv="refresh"' in page.text and "being prepared" in page.text
        time.sleep(0.1)
    raise AssertionError("the background export never finished")


def test_a_large_xlsx_is_prepared_in_the_background_and_downloaded_when_ready(
        fixture_data, client_for, create_user):  # noqa: F811
    office = client_for(fixture_data["manager"])
    response = office.get("/review/exports?download=1&format=xlsx&states=approved&states=submitted")
    assert response.status_code == 303
    page_address = response.headers["Location"]
    assert re.fullmatch(r"/review/exports/background/[A-Za-z0-9_-]{22}", page_address)

    page = _wait_until_ready(office, page_address)
    assert re.search(r"Your XLSX file is ready: \d+ rows\.", page)
    download = office.get(page_address + "/file")
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "private, no-store"
    assert re.fullmatch(r'attachment; filename="court-monitor-raw-data-INTERNAL-\d{8}-\d{6}\.xlsx"',
                        download.headers["Content-Disposition"])
    tables = _read_xlsx(download.get_data())
    assert tables["hearings"][:2] == _expected(fixture_data)["hearings"]
    assert len(tables["hearings"]) == 3, "the approved and the submitted checklist"
    assert office.get(page_address + "/file").status_code == 200, "a cut download can start again"

    events = db.session.query(AuditEvent).filter(AuditEvent.target_type == "export").all()
    assert [event.actor_id for event in events] == [fixture_data["manager"].id]

    colleague = client_for(create_user("manager", username="dara"))
    assert colleague.get(page_address).status_code == 404
    assert colleague.get(page_address + "/file").status_code == 404


def test_csv_and_small_xlsx_are_still_downloaded_at_once(fixture_data, client_for):  # noqa: F811
    office = client_for(fixture_data["manager"])
    csv_zip = office.get("/review/exports?download=1&format=csv&states=approved&states=submitted")
    assert csv_zip.status_code == 200 and csv_zip.mimetype == "application/zip", "a zip streams: it never waits silently"
    small = office.get("/review/exports?download=1&format=xlsx&states=approved")
    assert small.status_code == 200, "one checklist is not more than the limit"
    assert "more than 1 checklists is prepared in the background" in office.get("/review/exports").text


def test_a_build_that_stopped_reporting_shows_as_failed(fixture_data, client_for, app):  # noqa: F811
    office = client_for(fixture_data["manager"])
    page_address = office.get("/review/exports?download=1&format=xlsx&states=approved&states=submitted").headers["Location"]
    _wait_until_ready(office, page_address)
    job_file = Path(app.config["EXPORT_FOLDER"]) / "internal" / "background" / page_address.rsplit("/", 1)[1] / "job.json"
    job = json.loads(job_file.read_text())
    long_ago = (datetime.now(UTC) - timedelta(minutes=11)).isoformat(timespec="seconds")
    job_file.write_text(json.dumps(job | {"state": "running", "updated_at": long_ago}))

    page = office.get(page_address)

    assert "The file could not be prepared." in page.text and 'http-equiv="refresh"' not in page.text
    assert office.get(page_address + "/file").status_code == 302
