"""Writers: a computed report to CSV, XLSX or JSON bytes. They format; they never compute.

Column headers are always the keys (stable for scripts); titles, category labels, sheet names and
the XLSX label row are in `language`."""
import io
import json

from monitor.checklists.definition import translate
from monitor.checklists.wording import say
from monitor.security.spreadsheets import CsvWriter, append_row, new_workbook
from monitor.statistics.presentation import period_dates, period_name
from monitor.statistics.results import StatisticsReport
from monitor.statistics.tables import COLUMNS, DEFINITION_COLUMNS, column_labels, definition_rows, figure_rows


def to_csv(report: StatisticsReport, language: str = "en") -> bytes:
    """UTF-8 with a byte order mark, so spreadsheet programs read Khmer labels correctly."""
    buffer = io.StringIO()
    writer = CsvWriter(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([row.get(name, "") for name in COLUMNS] for row in figure_rows(report, language))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_json(report: StatisticsReport, language: str = "en") -> bytes:
    """Every text in every language already, so `language` changes nothing."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(report: StatisticsReport, language: str = "en") -> bytes:
    """A sheet per indicator group, then a sheet with every indicator's definition.
    Each sheet: a heading line, a row of column labels in `language`, the key header, the rows."""
    workbook = new_workbook()
    rows = figure_rows(report, language)
    labels = column_labels()
    for group in report.groups:
        sheet = workbook.create_sheet(_sheet_title(translate(group["title"], language)))
        append_row(sheet, [f"{translate(report.indicator_set['title'], language)}: {period_name(report.period)} "
                           f"({period_dates(report.period, language)})"])
        _append_table(sheet, COLUMNS, labels, [row for row in rows if row["group"] == group["key"]])
    definitions = workbook.create_sheet(_sheet_title(say("Definitions")))
    _append_table(definitions, DEFINITION_COLUMNS, labels, definition_rows(report, language))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append_table(sheet, columns, labels: dict[str, str], rows: list[dict]) -> None:
    append_row(sheet, [labels[name] for name in columns])
    append_row(sheet, columns, bold=True)
    for row in rows:
        append_row(sheet, [row.get(name) for name in columns])


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names over 31 characters or with []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31].rstrip("\u17d2")  # a Khmer subscript sign (coeng) needs the letter after it
