"""Can a manager see, download, print and script the statistics, and nobody else?"""
import io
import json

import pytest
from openpyxl import load_workbook

from tests.statistics.conftest import csv_download
from tests.support.pdf import read_pdf

#: The figures come from the database in tests/statistics/test_fixture_figures.py (both engines);
#: here the page, the files and the API that present them.
pytestmark = pytest.mark.one_database


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
    assert html.count("<svg") >= 10
    assert '<tspan>Q2</tspan><tspan x="36.0" dy="13">2023</tspan>' in html  # the trend axis starts at 2023-Q2
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
    assert body["period"]["label"] == "2025-Q1" and len(body["indicators"]) == 34
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


def test_xlsx_has_a_sheet_per_group_and_definitions(manager_client, quarter_data):
    response = manager_client.get("/statistics/download.xlsx?period=2025-Q1")
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    assert workbook.sheetnames == ["Volume", "Fair trial", "Juvenile justice", "UNODC UNICEF juvenile justice i", "Definitions"]
    volume = list(workbook["Volume"].iter_rows(values_only=True))
    labels, header = volume[1], volume[2]  # what each column holds, then the column keys
    assert labels[header.index("denominator")] == "Denominator"
    hearings = next(row for row in volume[3:] if row[header.index("indicator")] == "hearings")
    assert hearings[header.index("n")] == 2
    definitions = list(workbook["Definitions"].iter_rows(values_only=True))
    assert len(definitions) == 36
    manual = {row[0]: row[-1] for row in definitions[2:]}
    assert manual["unodc_time_before_sentencing"] == 4


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
    assert 4 <= pdf.pages <= 30
    assert "2025-Q1: 1 November 2024 – 31 January 2025" in text
    assert "Accused represented by a lawyer: 66.7%" in text and "2 of 3" in text
    # chart text: the trend axis runs over eight quarters, the court bars are labelled
    assert "Last eight quarters" in text and "Alpha Court" in text
    assert "Q2\n2023" in text  # first quarter of the trend axis
    assert "page 1 of" in text
    assert "must-never-appear" not in text


def test_stats_command_writes_each_format(runner, quarter_data, tmp_path):
    out = tmp_path / "exports"
    result = runner.invoke(args=["stats", "2025-Q1", "--format", "csv", "--format", "json", "--format", "pdf",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["statistics-2025-Q1.csv", "statistics-2025-Q1.json", "statistics-2025-Q1.pdf"]
    assert json.loads((out / "statistics-2025-Q1.json").read_text())["period"]["end"] == "2025-01-31"
    refused = runner.invoke(args=["stats", "last-quarter"])
    assert refused.exit_code == 2 and "give a quarter like 2025-Q3" in refused.output
