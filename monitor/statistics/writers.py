"""Writers: a computed report to CSV, XLSX or JSON bytes. They format; they never compute."""
import csv
import io
import json

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from monitor.checklists.definition import translate
from monitor.statistics.results import StatisticsReport
from monitor.statistics.tables import COLUMNS, DEFINITION_COLUMNS, definition_rows, figure_rows


def to_csv(report: StatisticsReport) -> bytes:
    """UTF-8 with a byte order mark, so spreadsheet programs read Khmer labels correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(figure_rows(report))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_json(report: StatisticsReport) -> bytes:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(report: StatisticsReport) -> bytes:
    """A sheet per indicator group, then a sheet with every indicator's definition."""
    workbook = Workbook(write_only=True)
    rows = figure_rows(report)
    for group in report.groups:
        sheet = workbook.create_sheet(_sheet_title(translate(group["title"])))
        sheet.append([f"{translate(report.indicator_set['title'])}: {report.period.label} "
                      f"({report.period.start.isoformat()} – {report.period.end.isoformat()})"])
        _append_table(workbook, sheet, COLUMNS, [row for row in rows if row["group"] == group["key"]])
    definitions = workbook.create_sheet("Definitions")
    _append_table(workbook, definitions, DEFINITION_COLUMNS, definition_rows(report))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append_table(workbook: Workbook, sheet, columns, rows: list[dict]) -> None:
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name) for name in columns])


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names over 31 characters or with []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31]
