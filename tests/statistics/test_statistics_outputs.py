"""Can a manager see, download, print and script the statistics, and nobody else?"""
import io
import json
import re

import pytest
from openpyxl import load_workbook

from tests.statistics.conftest import csv_download
from tests.support.pdf import read_pdf

#: The figures come from the database in tests/statistics/test_fixture_figures.py (both engines);
#: here the page, the files and the API that present them.
pytestmark = pytest.mark.one_database

#: What the indicator file's conditions look like (`hearing_open in [yes, no]`, `x = yes`): never for readers.
CONDITION_SYNTAX = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+ (=|!=|<|>|in \[|is (not )?answered)|\bin \[[a-z_, ]+\]"
                              r"|= (yes|no|unknown|na)\b|\bnot \(")


def test_monitors_may_not_see_statistics(client, create_user, login, api_token):
    """Is the page, a download and the API refused to a monitor (403), and sign-in asked of strangers?"""
    assert client.get("/statistics").status_code == 302
    monitor = create_user("monitor")
    assert client.get("/api/v1/statistics", headers=api_token(monitor)).status_code == 403
    login(monitor)
    assert client.get("/statistics").status_code == 403
    assert client.get("/statistics/download.csv?period=2025-Q1").status_code == 403
    assert b"Statistics</a>" not in client.get("/checklists").data


def test_manager_page_shows_figures_changes_definitions_and_charts(manager_client, quarter_data):
    page = manager_client.get("/checklists").get_data(as_text=True)
    assert 'href="/statistics">Statistics</a>' in page  # link in the top bar
    html = manager_client.get("/statistics?period=2025-Q1").get_data(as_text=True)
    assert "1 November 2024 – 31 January 2025" in html
    for group in ("Volume", "Fair trial", "Juvenile justice", "UNODC/UNICEF juvenile justice indicators"):
        assert f"<h2>{group}</h2>" in html
    # represented: yes, no, yes -> 2 of 3
    assert "66.7%" in html and "2 of 3" in html
    # hearings: 2 this quarter, 1 in 2024-Q4 -> +1 against the previous quarter
    assert "Change against the previous quarter (2024-Q4: 1)" in html
    assert "Definition and legal basis" in html and "ICCPR art. 14(3)(d)" in html
    assert html.count('<figure class="trend"') >= 4 and html.count('<figure class="bars">') >= 10
    # the trend axis starts at 2023-Q2, its words in HTML under the drawing
    assert '<ol class="trend-axis"><li><b>–</b><span>Q2</span><span>2023</span></li>' in html
    assert "must-never-appear" not in html


def test_bad_periods_get_a_clear_400(manager_client):
    response = manager_client.get("/statistics?period=2025-Q9")
    assert response.status_code == 400
    assert "give a quarter like 2025-Q3" in response.get_data(as_text=True)
    response = manager_client.get("/statistics?from=2025-03-01&to=2025-01-01")
    assert response.status_code == 400 and "the end date is before the start date" in response.get_data(as_text=True)
    assert manager_client.get("/statistics/download.exe?period=2025-Q1").status_code == 404


def test_api_returns_every_indicator_with_its_basis(client, create_user, api_token, quarter_data):
    headers = api_token(create_user("manager"))
    body = client.get("/api/v1/statistics?period=2025-Q1", headers=headers).get_json()
    assert body["period"]["label"] == "2025-Q1" and len(body["indicators"]) == 43
    lawyer = next(item for item in body["indicators"] if item["key"] == "represented_by_lawyer")
    assert (lawyer["title"]["en"], lawyer["unit"], lawyer["numerator"], lawyer["denominator"]) == (
        "Accused represented by a lawyer", "accused", 2, 3)
    assert lawyer["excluded"] == {"unknown": 0, "not_applicable": 0, "not_recorded": 0}
    court = next(b for b in lawyer["breakdowns"] if b["key"] == "court")
    assert [(c["key"], c["numerator"], c["denominator"]) for c in court["categories"]] == [("alpha", 1, 2), ("beta", 1, 1)]
    # the same quarter by dates, and the reporting year
    by_dates = client.get("/api/v1/statistics?from=2024-11-01&to=2025-01-31", headers=headers).get_json()
    assert next(i for i in by_dates["indicators"] if i["key"] == "hearings")["n"] == 2
    year = client.get("/api/v1/statistics?period=2025", headers=headers).get_json()
    assert year["period"]["start"] == "2024-11-01"
    invalid = client.get("/api/v1/statistics?from=2025-01-01", headers=headers)
    assert invalid.status_code == 422 and invalid.get_json() == {
        "error": "invalid", "errors": {"from": "give both a start and an end date"}}
    assert "must-never-appear" not in json.dumps(body)


def test_csv_has_a_row_per_indicator_and_breakdown(manager_client, quarter_data):
    disposition, rows = csv_download(manager_client, "period=2025-Q1")
    assert disposition == 'attachment; filename="statistics-2025-Q1.csv"'
    headline = next(r for r in rows if r["indicator"] == "represented_by_lawyer" and r["breakdown"] == "all")
    assert (headline["numerator"], headline["denominator"], headline["value"]) == ("2", "3", "66.6667")
    female = next(r for r in rows if r["indicator"] == "represented_by_lawyer" and r["category"] == "female")
    assert (female["numerator"], female["denominator"]) == ("0", "1")
    days = next(r for r in rows if r["indicator"] == "pretrial_detention_days" and r["breakdown"] == "all")
    assert (days["n"], days["median"], days["minimum"], days["maximum"]) == ("1", "90.0", "90.0", "90.0")


def test_xlsx_reads_as_a_publication(manager_client, quarter_data):
    """Does the workbook open on what it is and how to cite it, with readable unique sheet names, a bold
    frozen filterable header, fitted widths, percentages as numbers in a % format and a chart per group?"""
    response = manager_client.get("/statistics/download.xlsx?period=2025-Q1")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["About", "Volume", "Fair trial", "Juvenile justice", "UNODC UNICEF juvenile justice",
                                   "Definitions"]
    about = [row[0] for row in workbook["About"].iter_rows(values_only=True)]
    assert about[0] == "Fair trial monitoring indicators: 2025-Q1" and workbook["About"]["A1"].font.b
    assert "How to cite" in about and "Methodology" in about
    assert "Published by Synthetic Trial Monitoring Programme." in about

    fair = workbook["Fair trial"]
    keys = [cell.value for cell in fair[2]]
    header = fair[3]
    assert all(cell.font.b for cell in header) and header[0].value == "Title"
    assert fair.freeze_panes == "A4" and fair.auto_filter.ref.startswith("A3:")
    widths = {fair.column_dimensions[letter].width for letter in "ABCDEFGH"}
    assert len(widths) > 3 and all(6 <= width <= 48 for width in widths)
    lawyer = next(row for row in fair.iter_rows(min_row=4) if row[keys.index("indicator")].value == "represented_by_lawyer"
                  and row[keys.index("breakdown")].value == "all")
    value = lawyer[keys.index("value")]
    assert round(value.value, 4) == 0.6667 and value.number_format == "0.0%"
    assert lawyer[keys.index("numerator")].value == 2 and lawyer[keys.index("denominator")].value == 3
    assert all(len(sheet._charts) == 1 for sheet in workbook.worksheets[1:5])

    volume = workbook["Volume"]
    hearings = next(row for row in volume.iter_rows(min_row=4) if row[keys.index("indicator")].value == "hearings")
    assert hearings[keys.index("n")].value == 2 and hearings[keys.index("value")].number_format == "#,##0"

    definitions = list(workbook["Definitions"].iter_rows(min_row=4, values_only=True))
    assert len(definitions) == 43
    public = next(row for row in definitions if row[0] == "hearings_open_to_public")
    assert public[3].startswith("Share of hearings open to the public, among hearings for which the monitor could tell.")
    manual = {row[0]: row[-1] for row in definitions}
    assert manual["unodc_time_before_sentencing"] == 4
    cells = [str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row if cell.value]
    assert not [text for text in cells if CONDITION_SYNTAX.search(text)], "no condition syntax in the workbook"


def test_khmer_xlsx_names_its_sheets_in_khmer_without_cutting_a_letter(manager_client, quarter_data):
    workbook = load_workbook(io.BytesIO(manager_client.get("/statistics/download.xlsx?period=2025-Q1&lang=km").data))
    names = workbook.sheetnames
    assert len(set(names)) == len(names) == 6 and all(len(name) <= 31 for name in names)
    assert names[2] == "ការជំនុំជម្រះក្ដីដោយយុត្តិធម៌"
    assert not any(name.endswith("\u17d2") for name in names)


def test_json_download_is_the_api_content(manager_client, quarter_data):
    download = json.loads(manager_client.get("/statistics/download.json?period=2025-Q1").data)
    api = manager_client.get("/api/v1/statistics?period=2025-Q1").get_json()
    download.pop("generated_at"), api.pop("generated_at")
    assert download == api


def test_newsletter_pdf_has_period_figures_and_charts(manager_client, quarter_data):
    html = manager_client.get("/statistics/newsletter?period=2025-Q1").get_data(as_text=True)
    assert "@media print" in html and "<svg" in html
    response = manager_client.get("/statistics/download.pdf?period=2025-Q1")
    assert response.mimetype == "application/pdf"
    pdf = read_pdf(response.data)
    text = pdf.text
    assert 4 <= pdf.pages <= 12
    assert "2025-Q1 · 1 November 2024 – 31 January 2025" in text
    assert "66.7%Accused represented by a lawyer\n2 of 3" in text  # a headline figure, big, with its basis
    # chart words: the trend axis runs over eight quarters, each indicator of a group has its bar
    assert "Last eight quarters" in text and "Accused represented by a lawyer 66.7% (2/3)" in text
    assert "Q2\n2023" in text  # first quarter of the trend axis
    assert "page 1 of" in text
    assert "must-never-appear" not in text


def test_stats_command_writes_each_format(runner, quarter_data, tmp_path):
    out = tmp_path / "exports"
    result = runner.invoke(args=["stats", "2025-Q1", "--format", "csv", "--format", "json", "--format", "pdf",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "statistics-2025-Q1.csv", "statistics-2025-Q1.json", "statistics-2025-Q1.pdf"]
    assert json.loads((out / "statistics-2025-Q1.json").read_text())["period"]["end"] == "2025-01-31"
    refused = runner.invoke(args=["stats", "last-quarter"])
    assert refused.exit_code == 2 and "give a quarter like 2025-Q3" in refused.output
