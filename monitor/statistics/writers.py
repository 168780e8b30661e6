"""Writers: a computed report to CSV, XLSX or JSON bytes. They format; they never compute.

CSV column headers are always the keys (stable for scripts); titles and category labels are in
`language`. The XLSX is laid out for readers (`monitor.statistics.workbook`), keys kept above its header."""
import io
import json

from monitor.security.spreadsheets import CsvWriter
from monitor.statistics import workbook
from monitor.statistics.results import StatisticsReport
from monitor.statistics.tables import COLUMNS, figure_rows


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


def to_xlsx(report: StatisticsReport, language: str = "en", imprint: dict | None = None) -> bytes:
    """The workbook as a publication (`monitor.statistics.workbook`)."""
    return workbook.to_xlsx(report, language, imprint)
