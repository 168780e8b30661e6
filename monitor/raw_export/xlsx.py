"""Raw export as an XLSX workbook, streamed to disk row by row in constant memory (XlsxWriter
through monitor.security.spreadsheets, which neutralises formula-like text and imports XlsxWriter
only when a workbook is written). Sheets: README, hearings, accused, juvenile, labels; a table
longer than a sheet allows continues on a sheet named e.g. `accused_2`."""
from pathlib import Path

from monitor.raw_export.tables import INTERNAL_NOTE, Table
from monitor.security.spreadsheets import StreamedWorkbook

#: Excel's limit is 1,048,576 rows; one is the header.
ROWS_PER_SHEET = 1_048_575
#: How often a background build reports its progress.
PROGRESS_ROWS = 10_000


def write_workbook(tables: list[Table], path: Path, progress=None) -> int:
    """Write every table and return how many rows they had; `progress(rows)`, when given, hears
    how many are written so far (every 10,000), so a build in the background can say how far it is."""
    written = 0
    with StreamedWorkbook(path) as workbook:
        readme = workbook.add_sheet("README")
        for line in INTERNAL_NOTE.splitlines():
            readme.append_row([line])
        for table in tables:
            sheet, count, part = None, ROWS_PER_SHEET, 1
            for row in table.rows():
                if count == ROWS_PER_SHEET:
                    sheet = _new_sheet(workbook, table, part)
                    count, part = 0, part + 1
                sheet.append_row(row)
                count += 1
                written += 1
                if progress is not None and written % PROGRESS_ROWS == 0:
                    progress(written)
            if sheet is None:
                _new_sheet(workbook, table, 1)
    return written


def _new_sheet(workbook: StreamedWorkbook, table: Table, part: int):
    sheet = workbook.add_sheet(table.name if part == 1 else f"{table.name}_{part}")
    sheet.append_row(table.columns, bold=True)
    return sheet
