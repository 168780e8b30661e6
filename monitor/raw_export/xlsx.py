"""Raw export as an XLSX workbook written with openpyxl's write-only mode, which streams rows to
temporary XML instead of keeping cells in memory. Sheets: README, hearings, accused, juvenile,
labels; a table longer than a sheet allows continues on a sheet named e.g. `accused_2`. Cells go
through monitor.security.spreadsheets, which imports openpyxl only when a workbook is written."""
from pathlib import Path

from monitor.raw_export.tables import INTERNAL_NOTE, Table
from monitor.security.spreadsheets import append_row, new_workbook

#: Excel's limit is 1,048,576 rows; one is the header.
ROWS_PER_SHEET = 1_048_575


def write_workbook(tables: list[Table], path: Path) -> None:
    workbook = new_workbook()
    readme = workbook.create_sheet("README")
    for line in INTERNAL_NOTE.splitlines():
        append_row(readme, [line])
    for table in tables:
        sheet, count, part = None, ROWS_PER_SHEET, 1
        for row in table.rows():
            if count == ROWS_PER_SHEET:
                sheet = _new_sheet(workbook, table, part)
                count, part = 0, part + 1
            append_row(sheet, row)
            count += 1
        if sheet is None:
            _new_sheet(workbook, table, 1)
    workbook.save(path)


def _new_sheet(workbook, table: Table, part: int):
    sheet = workbook.create_sheet(table.name if part == 1 else f"{table.name}_{part}")
    append_row(sheet, table.columns, bold=True)
    return sheet
