"""The XLSX as a publication: a first sheet saying what this is and how to cite it, a sheet per
indicator group (bold frozen header with filters, fitted widths, percentages as numbers in a %
format, a native chart of the group's headline figures), then the definitions in plain words.

Every cell goes through `monitor.security.spreadsheets` (no formula can slip in). Each table sheet
has a title row, the column keys (stable for scripts) and the readable header with the filters."""
import io

from monitor.checklists.definition import translate
from monitor.checklists.wording import say
from monitor.security.spreadsheets import add_bar_chart, append_row, fitted_widths, lay_out, new_workbook, sheet_name
from monitor.statistics.plain_words import plain_definition, units_text
from monitor.statistics.presentation import period_dates, period_name
from monitor.statistics.results import EXCLUDED, StatisticsReport
from monitor.statistics.tables import COLUMNS, column_labels, figure_rows

#: Readable columns first; the remaining keys of COLUMNS follow for scripts.
READABLE_FIRST = ("title", "breakdown_label", "category_label", "value", "numerator", "denominator", "n",
                  "median", *EXCLUDED, "suppressed", "manual_indicator")
DEFINITION_COLUMNS = ("indicator", "group", "title", "definition", "unit", "kind", "breakdowns", "legal_basis",
                      "manual_indicator")
#: Rows above the data of a table sheet: title, keys, readable header.
HEADER_ROW = 3
PERCENT, COUNT, DAYS = "0.0%", "#,##0", "#,##0.0"
GREY = "FF5F6368"


def figure_columns() -> list[str]:
    first = [name for name in READABLE_FIRST if name in COLUMNS or name == "breakdown_label"]
    return first + [name for name in COLUMNS if name not in first]


def to_xlsx(report: StatisticsReport, language: str = "en", imprint: dict | None = None) -> bytes:
    """`imprint` (organisation, citation text, methodology of a release) fills the first sheet."""
    workbook = new_workbook()
    taken: set[str] = set()
    heading = f"{translate(report.indicator_set['title'], language)}: {period_name(report.period)}"
    _about_sheet(workbook.create_sheet(sheet_name(say("About"), taken)), report, language, imprint or {}, heading)
    rows = figure_rows(report, language)
    labels = {**column_labels(), "breakdown_label": say("Breakdown"), "definition": say("Definition")}
    for group in report.groups:
        title = translate(group["title"], language)
        sheet = workbook.create_sheet(sheet_name(title, taken))
        in_group = [_publication_row(row) for row in rows if row["group"] == group["key"]]
        _figure_sheet(sheet, f"{heading} · {title}", labels, in_group, report, group, language)
    definitions = workbook.create_sheet(sheet_name(say("Definitions"), taken))
    _table(definitions, heading, DEFINITION_COLUMNS, labels, _definition_rows(report, language), {})
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _publication_row(row: dict) -> dict:
    """A percentage as a number a spreadsheet formats as percent (0.724 shown 72.4%)."""
    if row["kind"] == "percentage" and row.get("value") is not None:
        row = {**row, "value": round(row["value"] / 100, 6)}
    return row


def _cell_styles(columns, row: dict) -> list[dict | None]:
    formats = {"value": PERCENT if row.get("kind") == "percentage" else DAYS if row.get("kind") == "duration" else COUNT,
               "median": DAYS, "mean": DAYS}
    return [{"number_format": formats[name]} if name in formats and row.get(name) is not None else None
            for name in columns]


def _table(sheet, heading: str, columns, labels: dict, rows: list[dict], styles_of) -> int:
    """Title, keys, bold header with filters and frozen panes, then the rows. Returns the last row."""
    header = [labels.get(name, name) for name in columns]
    body = [[row.get(name) for name in columns] for row in rows]
    # The header wraps, so it counts for about half its length; long texts wrap at the cap.
    widths = fitted_widths([[label[:max(len(label) // 2, 10)] for label in header], *body], maximum=48)
    last_row = HEADER_ROW + len(rows)
    lay_out(sheet, widths, header_row=HEADER_ROW, last_row=last_row)
    append_row(sheet, [heading], bold=True, size=13)
    append_row(sheet, list(columns), color=GREY, size=8)
    append_row(sheet, header, bold=True, wrap=True)
    for row, values in zip(rows, body):
        styles = styles_of(columns, row) if callable(styles_of) else None
        wrap = [{"wrap": True} if isinstance(value, str) and len(value) > 48 else None for value in values]
        merged = [{**(a or {}), **(b or {})} or None for a, b in zip(styles or [None] * len(values), wrap)]
        append_row(sheet, values, styles=merged)
    return last_row


def _figure_sheet(sheet, heading: str, labels: dict, rows: list[dict], report: StatisticsReport, group: dict,
                  language: str) -> None:
    columns = figure_columns()
    for row in rows:
        row["breakdown_label"] = say("All") if row["breakdown"] == "all" else _breakdown_title(report, row, language)
    last_row = _table(sheet, heading, columns, labels, rows, _cell_styles)
    _group_chart(sheet, rows, last_row, translate(group["title"], language))


def _breakdown_title(report: StatisticsReport, row: dict, language: str) -> str:
    for breakdown in report.indicator(row["indicator"]).breakdowns:
        if breakdown.key == row["breakdown"]:
            return translate(breakdown.title, language)
    return row["breakdown"]


def _group_chart(sheet, rows: list[dict], last_row: int, group_title: str) -> None:
    """Below the table: the group's headline figures (percentages, or counts where it has none) and a
    native chart drawn from those cells."""
    headline = [row for row in rows if row["breakdown"] == "all"]
    percentages = [row for row in headline if row["kind"] == "percentage"]
    charted = percentages or [row for row in headline if row["kind"] == "count"]
    if not charted:
        return
    percent = bool(percentages)
    append_row(sheet, [])
    append_row(sheet, [])
    append_row(sheet, [say("Chart: %(group)s, headline figures", group=group_title)], bold=True)
    first = last_row + 4
    for row in charted:
        append_row(sheet, [row["title"], row["value"]], styles=[None, {"number_format": PERCENT if percent else COUNT}])
    add_bar_chart(sheet, title=group_title, first_row=first, last_row=first + len(charted) - 1, label_column=1,
                  value_column=2, anchor=f"D{first - 1}", percent=percent)


def _definition_rows(report: StatisticsReport, language: str) -> list[dict]:
    groups = {group["key"]: translate(group["title"], language) for group in report.groups}
    rows = []
    for indicator in report.indicators:
        definition = indicator.definition
        rows.append({
            "indicator": definition["key"], "group": groups.get(definition["group"], definition["group"]),
            "title": translate(definition["title"], language),
            "definition": plain_definition(definition, language),
            "unit": units_text(definition["unit"]), "kind": _kind_text(definition["kind"]),
            "breakdowns": ", ".join(translate(b.title, language) for b in indicator.breakdowns),
            "legal_basis": "; ".join(definition["legal_basis"]),
            "manual_indicator": definition["manual_indicator"],
        })
    return rows


def _kind_text(kind: str) -> str:
    if kind == "percentage":
        return say("Percentage")
    if kind == "duration":
        return say("Median days")
    return say("Count")


def _about_sheet(sheet, report: StatisticsReport, language: str, imprint: dict, heading: str) -> None:
    """What a reader needs before the figures: what this is, who published it, how to cite it, how it was made."""
    lay_out(sheet, [110])
    methodology = imprint.get("methodology") or {}
    lines: list[tuple[str, dict]] = [
        (heading, {"bold": True, "size": 15}),
        (period_dates(report.period, language), {}),
    ]
    if imprint.get("organisation"):
        lines.append((say("Published by %(organisation)s.", organisation=imprint["organisation"]), {}))
    lines += [("", {}), (say("How to cite"), {"bold": True, "size": 12})]
    lines.append((imprint.get("citation") or say("Not a published release: cite the published version at its "
                                                   "stable address, not this download."), {"wrap": True}))
    lines += [("", {}), (say("Methodology"), {"bold": True, "size": 12})]
    if methodology.get("courts"):
        lines.append((say("Courts covered: %(courts)s.", courts=", ".join(methodology["courts"])), {"wrap": True}))
    lines += [(text, {"wrap": True}) for text in _method_texts(report)]
    lines += [("", {}), (say("Reading the sheets"), {"bold": True, "size": 12}),
              (say("One sheet per group of indicators: the headline figure of each indicator (breakdown “All”), "
                   "then its breakdowns, with a chart of the group's headline figures below the table. "
                   "Percentages are numbers formatted as percent. An empty value marked in the “withheld” column "
                   "was not published. The “Definitions” sheet says in plain words what each indicator counts."),
               {"wrap": True})]
    for text, style in lines:
        append_row(sheet, [text], **style)


def _method_texts(report: StatisticsReport) -> list[str]:
    texts = [
        say("Only checklists approved by a programme manager.") if "submitted" not in report.counted_statuses
        else say("Checklists submitted by monitors and those approved by a programme manager."),
        say("The monitor could not see or hear the answer in court (I/U on the paper checklist). Unknown and not "
            "applicable answers are left out of a percentage's denominator and counted apart, so a percentage is "
            "always “of those observed”."),
        say("Figures describe the hearings the programme observed, not every hearing in the country. UNODC/UNICEF "
            "indicators are sample-based proxies: the manual's official versions need population data."),
    ]
    if report.suppression_threshold:
        texts.append(say("[s]: withheld. A figure resting on fewer than %(threshold)s people or hearings is not "
                         "published, nor any figure from which it could be worked out by subtraction.",
                         threshold=report.suppression_threshold))
    return texts
