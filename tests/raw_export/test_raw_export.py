"""Raw-data exports: three tables joined by ids, item keys as columns, labels, filters; checked
cell by cell on a small fixture, as CSV (zip) and XLSX, from the page and the command line."""
import csv
import io
import re
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Court, User
from monitor.services import review
from monitor.services.checklist_filters import ChecklistFilter
from monitor.services.checklists import receive_checklist
from monitor.services.definitions import current_definition
from monitor.services.exports import raw_export
from tests.support.mini_checklist import complete_document

HEARING_HEADER = ["checklist_uuid", "checklist", "checklist_version", "court", "monitor", "status", "revision",
                  "submitted_at", "case", "hearing_date", "case_reference", "hearing_open", "offence_categories"]


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def fixture_data(create_user, create_court, make_checklist):
    sokha, manager = create_user("monitor", username="sokha"), create_user("manager", username="chenda")
    phnom_penh, kandal = create_court(), create_court("kandal", "Kandal Provincial Court")
    approved_document = complete_document("2025-03-04", ages=(35, 16))
    approved_document["hearing"]["offence_categories"] = ["drugs", "theft"]
    approved = make_checklist(sokha, phnom_penh, approved_document)
    review.review_checklist(approved, "approve", manager)
    submitted = make_checklist(sokha, kandal, complete_document("2025-04-10", open_hearing="unknown", ages=(40,)))
    draft = make_checklist(sokha, kandal, complete_document("2025-04-11"), status="draft")
    return {"approved": approved, "submitted": submitted, "draft": draft, "manager": manager}


def _stamp(checklist) -> str:
    return checklist.submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def _expected(data) -> dict[str, list[list]]:
    """The approved checklist's tables, cell by cell, as CSV text."""
    approved = data["approved"]
    return {
        "hearings": [HEARING_HEADER, [approved.uuid, "mini", "1", "pp_first_instance", "sokha", "approved", "1", _stamp(approved),
                                      "", "2025-03-04", "CR-1", "yes", "drugs;theft"]],
        "accused": [["checklist_uuid", "accused_number", "gender", "age_at_offence", "has_lawyer"],
                    [approved.uuid, "1", "female", "35", "no"],
                    [approved.uuid, "2", "female", "16", "no"]],
        "juvenile": [["checklist_uuid", "accused_number", "in_camera", "parent_present"],
                     [approved.uuid, "2", "yes", ""]],
    }


def _read_zip(content: bytes) -> dict[str, list[list[str]]]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    tables = {}
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8-sig")
            tables[name[:-4]] = list(csv.reader(io.StringIO(text)))
    assert "INTERNAL - NOT FOR PUBLICATION" in archive.read("README-INTERNAL.txt").decode()
    return tables


def _read_xlsx(content: bytes) -> dict[str, list[list[str]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert workbook.sheetnames == ["README", "hearings", "accused", "juvenile", "cases", "labels"]
    assert workbook["README"]["A1"].value.startswith("INTERNAL - NOT FOR PUBLICATION")
    return {name: [["" if value is None else str(value) for value in row] for row in workbook[name].iter_rows(values_only=True)]
            for name in workbook.sheetnames[1:]}


def _download(client, query: str):
    response = client.get(f"/review/exports?download=1&{query}")
    assert response.status_code == 200, response.text
    return response


def test_csv_export_cell_by_cell(fixture_data, client_for):
    office = client_for(fixture_data["manager"])
    response = _download(office, "format=csv&states=approved")
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert re.fullmatch(r'attachment; filename="court-monitor-raw-data-INTERNAL-\d{8}-\d{6}\.zip"',
                        response.headers["Content-Disposition"])
    tables = _read_zip(response.get_data())
    for name, rows in _expected(fixture_data).items():
        assert tables[name] == rows, name
    labels = {(row[0], row[1]): row[2:] for row in tables["labels"][1:]}
    assert labels["hearings", "case_reference"] == ["Case reference", "text", "", "yes", ""]
    assert labels["hearings", "offence_categories"] == [
        "Offences charged", "multichoice", "drugs = Drugs; theft = Theft", "no", ""]
    assert labels["juvenile", "in_camera"] == ["Was the hearing held in camera?", "yesno", "yes; no; unknown", "no", ""]
    assert labels["accused", "accused_number"][1] == "id"


def test_xlsx_export_cell_by_cell(fixture_data, client_for):
    office = client_for(fixture_data["manager"])
    response = _download(office, "format=xlsx&states=approved")
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    assert response.headers["Cache-Control"] == "private, no-store"
    tables = _read_xlsx(response.get_data())
    for name, rows in _expected(fixture_data).items():
        assert tables[name] == rows, name
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()), read_only=True)
    assert list(workbook["accused"].iter_rows(min_row=2, max_row=2, values_only=True))[0][1:4] == (1, "female", 35), \
        "numbers stay numbers in the workbook"


@pytest.mark.parametrize("query, expected", [
    ("states=approved&states=submitted", {"approved", "submitted"}),
    ("states=submitted&states=approved&states=draft", {"approved", "submitted", "draft"}),
    ("states=approved&states=submitted&court=kandal", {"submitted"}),
    ("states=approved&states=submitted&date_from=2025-04-01&date_to=2025-04-30", {"submitted"}),
    ("states=approved&date_to=2025-03-03", set()),
])
def test_export_filters(fixture_data, client_for, query, expected):
    office = client_for(fixture_data["manager"])
    tables = _read_zip(_download(office, f"format=csv&{query}").get_data())
    exported = {row[0] for row in tables["hearings"][1:]}
    assert exported == {fixture_data[name].uuid for name in expected}
    assert {row[0] for row in tables["accused"][1:]} == exported


def test_export_form_refuses_bad_filters(fixture_data, client_for):
    office = client_for(fixture_data["manager"])
    page = office.get("/review/exports")
    assert page.status_code == 200 and "Internal." in page.text
    none = office.get("/review/exports?download=1&format=csv")
    assert none.status_code == 422 and "Choose at least one state." in none.text
    dates = office.get("/review/exports?download=1&format=pdf&states=approved&date_from=2025-05-01&date_to=2025-04-01")
    assert dates.status_code == 422 and "The end date must be on or after the start date." in dates.text


def test_command_line_export_writes_into_the_export_folder(fixture_data, runner, app, tmp_path):
    result = runner.invoke(args=["export", "raw", "--format", "csv"])
    assert result.exit_code == 0, result.output
    [written] = (Path(app.config["EXPORT_FOLDER"]) / "internal").glob("court-monitor-raw-data-INTERNAL-*.zip")
    tables = _read_zip(written.read_bytes())
    for name, rows in _expected(fixture_data).items():
        assert tables[name] == rows, name

    out = tmp_path / "elsewhere"
    result = runner.invoke(args=["export", "raw", "--format", "xlsx", "--out", str(out), "--state", "submitted",
                                 "--court", "kandal", "--from", "2025-04-01", "--to", "2025-04-30"])
    assert result.exit_code == 0, result.output
    [workbook] = out.glob("*.xlsx")
    hearings = _read_xlsx(workbook.read_bytes())["hearings"]
    assert [row[0] for row in hearings[1:]] == [fixture_data["submitted"].uuid]
    bad = runner.invoke(args=["export", "raw", "--from", "2025-05-01", "--to", "2025-04-01"])
    assert bad.exit_code != 0 and "--to" in bad.output


def test_an_export_reads_one_snapshot_while_checklists_keep_arriving(fixture_data, app, make_app, database_url):
    """A checklist stored while an export is being written appears in none of its tables, never in
    accused.csv without its row in hearings.csv (or the other way round)."""
    everything = ChecklistFilter(states=("approved", "submitted"))
    with raw_export(None, "csv", everything) as tables:
        hearings, accused, juvenile = (table.rows() for table in tables[:3])
        exported = {row[0] for row in hearings}
        other_server = make_app(database_url, **mini_definitions(app))
        with other_server.app_context():  # another worker stores a new checklist with a juvenile now
            sokha = db.session.scalar(select(User).where(User.username == "sokha"))
            court = db.session.scalar(select(Court))
            received = receive_checklist(sokha, current_definition(), court, str(uuid.uuid4()), "submitted",
                                         complete_document("2025-04-12", ages=(15,)))
            arriving_uuid = received.checklist.uuid
            db.session.remove()
        assert {row[0] for row in accused} <= exported
        assert {row[0] for row in juvenile} <= exported
    assert arriving_uuid not in exported
    with raw_export(None, "csv", everything) as tables:
        assert arriving_uuid in {row[0] for row in tables[1].rows()}, "the next export has it"


def mini_definitions(app) -> dict:
    return {key: app.config[key] for key in ("CHECKLIST_FOLDER", "DEFAULT_CHECKLIST")}


def test_the_cases_table_lists_the_cases_of_the_exported_hearings(fixture_data, client_for):
    """Each hearing names its case's code; the cases table has one row per case those hearings name
    (a case of hearings not exported is left out), never the court's case number."""
    from monitor.services import cases

    court = fixture_data["approved"].court
    followed = cases.open_case(fixture_data["manager"], court, ["drugs", "theft"], 2).case
    cases.open_case(fixture_data["manager"], court, [], 1)
    cases.name_case(fixture_data["approved"], followed)
    db.session.commit()
    office = client_for(fixture_data["manager"])
    tables = _read_zip(_download(office, "format=csv&states=approved").get_data())
    assert tables["hearings"][1][8] == "C-00001"
    assert tables["cases"] == [
        ["case_code", "case_uuid", "court", "status", "offence_categories", "accused", "merged_into"],
        ["C-00001", followed.uuid, "pp_first_instance", "ongoing", "drugs;theft", "2", ""]]
    labels = {(row[0], row[1]): row[2:] for row in tables["labels"][1:]}
    assert labels["cases", "status"][0] == "Case status: ongoing, verdict, appeal or closed"
    assert "CR-1" not in str(tables["cases"])
