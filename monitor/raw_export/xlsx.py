"""Raw export as an XLSX workbook written with openpyxl's write-only mode, which streams rows to
temporary XML instead of keeping cells in memory. Sheets: README, hearings, accused, juvenile,
labels; a table longer than a sheet allows continues on a sheet named e.g. `accused_2`.

openpyxl is imported by the functions that write, not at the top: every `flask` command and server
start imports this module."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from monitor.raw_export.tables import INTERNAL_NOTE, Table

if TYPE_CHECKING:
    from openpyxl import Workbook

#: Excel's limit is 1,048,576 rows; one is the header.
ROWS_PER_SHEET = 1_048_575


def write_workbook(tables: list[Table], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    readme = workbook.create_sheet("README")
    for line in INTERNAL_NOTE.splitlines():
        readme.append([line])
    for table in tables:
        sheet, count, part = None, ROWS_PER_SHEET, 1
        for row in table.rows():
            if count == ROWS_PER_SHEET:
                sheet = _new_sheet(workbook, table, part)
                count, part = 0, part + 1
            sheet.append(row)
            count += 1
        if sheet is None:
            _new_sheet(workbook, table, 1)
    workbook.save(path)


def _new_sheet(workbook: Workbook, table: Table, part: int):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(table.name if part == 1 else f"{table.name}_{part}")
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    return sheet
