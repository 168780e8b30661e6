"""Turning computed figures into what a reader sees: numbers as text, changes, periods and charts.

Kept apart from computing so a published release can re-render frozen figures, and so small-cell
suppression can be applied here, on top of the results, without touching the engine. Numbers and
dates are formatted with Babel for the reader's `language`; words go through `say`, so callers
render inside that language (see `monitor.services.statistics_files.in_language`)."""
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

from monitor.checklists.definition import translate
from monitor.checklists.wording import say
from monitor.statistics.chart_html import bar_figure, trend_figure
from monitor.statistics.charts import Point, bar_chart, trend_chart
from monitor.statistics.periods import Period
from monitor.statistics.results import BreakdownResult, Figure, IndicatorReport, StatisticsReport

#: Shown where there is no figure (no data, or a denominator of 0).
NOTHING = "–"
#: Day, month name, year in every language: "1 November 2024", "1 វិច្ឆិកា 2024".
DATE_PATTERN = "d MMMM y"
#: Printed in place of a withheld number (small-cell suppression in a published release).
SUPPRESSED = "[s]"



def value_text(figure: Figure | None, language: str = "en") -> str:
    """The figure as printed: 160, 72.4%, or the median in days; a dash when there is nothing to show."""
    if figure is not None and figure.suppressed:
        return SUPPRESSED
    if figure is None or figure.value is None:
        return NOTHING
    if figure.kind == "count":
        return format_decimal(figure.n, "#,##0", locale=language)
    if figure.kind == "percentage":
        return percent_text(figure.value, language)
    return number_text(figure.value, language)


def percent_text(value: float, language: str = "en") -> str:
    return format_percent(value / 100, "#,##0.0%", locale=language)


def number_text(value: float | None, language: str = "en") -> str:
    if value is None:
        return NOTHING
    pattern = "#,##0" if float(value).is_integer() else "#,##0.0"
    return format_decimal(value, pattern, locale=language)


def change(figure: Figure, earlier: Figure | None) -> float | None:
    """Percentage points for a percentage, units for a count, days of median for a duration."""
    if earlier is None or figure.value is None or earlier.value is None:
        return None
    return figure.value - earlier.value


def change_text(figure: Figure, earlier: Figure | None, language: str = "en") -> str | None:
    difference = change(figure, earlier)
    if difference is None:
        return None
    pattern = "+#,##0;-#,##0" if figure.kind == "count" else "+#,##0.0;-#,##0.0"
    return format_decimal(difference, pattern, locale=language)


def date_text(day: date | str, language: str = "en") -> str:
    """A date, or the day of an ISO timestamp (a report's `generated_at`), written out."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return format_date(day, DATE_PATTERN, locale=language)


def period_dates(period: Period, language: str = "en") -> str:
    return f"{date_text(period.start, language)} – {date_text(period.end, language)}"


def period_name(period: Period) -> str:
    """A period in words: "2025-Q3" (ត្រីមាសទី៣ ឆ្នាំ២០២៥), "Reporting year 2025"; a date range keeps its ISO label."""
    if period.kind == "quarter":
        return say("%(year)s-Q%(quarter)s", year=period.year, quarter=period.quarter)
    if period.kind == "year":
        return say("Reporting year %(year)s", year=period.year)
    return period.label


def period_months(period: Period, language: str = "en") -> str:
    """The months a period covers, in the reader's language: "July–September 2026", "November 2025–October 2026"."""
    if period.start.year == period.end.year:
        first = format_date(period.start, "LLLL", locale=language)
    else:
        first = format_date(period.start, "LLLL y", locale=language)
    return f"{first}–{format_date(period.end, 'LLLL y', locale=language)}"


def period_choice(period: Period, language: str = "en") -> str:
    """A period in a menu, so a manager sees which months they pick: "2026-Q3 (July–September 2026)"."""
    if period.kind == "range":
        return period.label
    return f"{period_name(period)} ({period_months(period, language)})"


def _axis_label(period: Period) -> tuple[str, str]:
    """Two short lines under a trend point: the quarter over the year."""
    if period.kind != "quarter":
        return period.label, ""
    return say("Q%(quarter)s", quarter=period.quarter), str(period.year)


def count_text(count: int | None, language: str = "en") -> str:
    """A count that may have been withheld."""
    return SUPPRESSED if count is None else number_text(count, language)


def trend_svg(report: IndicatorReport, language: str = "en") -> Markup | None:
    """The all-SVG trend: kept for releases published before `trend_html`, whose pages stay as they were."""
    if not report.trend:
        return None
    percent = report.figure.kind == "percentage"
    points = []
    for point in report.trend:
        label, below = _axis_label(point.period)
        points.append(Point(label, point.figure.value, value_text(point.figure, language), below))

    def tick_text(value: float) -> str:
        return format_percent(value / 100, "#,##0%", locale=language) if percent else number_text(value, language)

    return trend_chart(translate(report.definition["title"], language), points, percent=percent, tick_text=tick_text)


def _trend_points(report: IndicatorReport, language: str) -> list[Point]:
    points = []
    for point in report.trend:
        label, below = _axis_label(point.period)
        points.append(Point(label, point.figure.value, _short_value_text(point.figure, language), below))
    return points


def _short_value_text(figure: Figure, language: str) -> str:
    """A whole percent under a trend point ("100%" fits an eighth of a phone; the table has the decimal)."""
    if figure.kind == "percentage" and figure.value is not None and not figure.suppressed:
        return format_percent(figure.value / 100, "#,##0%", locale=language)
    return value_text(figure, language)


def _tick_text(percent: bool, language: str):
    def tick_text(value: float) -> str:
        return format_percent(value / 100, "#,##0%", locale=language) if percent else number_text(value, language)
    return tick_text


def trend_html(report: IndicatorReport, language: str = "en", caption: str = "") -> Markup | None:
    """The trend with its labels in HTML (`chart_html`): what pages and the newsletter show."""
    if not report.trend:
        return None
    percent = report.figure.kind == "percentage"
    return trend_figure(translate(report.definition["title"], language), _trend_points(report, language),
                        percent=percent, tick_text=_tick_text(percent, language), caption=caption)


def breakdown_html(report: IndicatorReport, breakdown: BreakdownResult, language: str = "en", caption: str = "") -> Markup:
    points = [Point(translate(category.label, language), category.figure.value, bar_text(category.figure, language))
              for category in breakdown.categories]
    return bar_figure(translate(breakdown.title, language), points, percent=report.figure.kind == "percentage",
                      caption=caption)


def group_html(report: StatisticsReport, group: dict, language: str = "en", caption: str = "",
               title: str = "") -> Markup | None:
    """The group's chart: each indicator's headline figure as a bar (percentages; counts where the group
    has no percentage). None when there is nothing to draw."""
    items = report.in_group(group["key"])
    charted = [item for item in items if item.figure.kind == "percentage"] or \
        [item for item in items if item.figure.kind == "count"]
    if not charted:
        return None
    points = [Point(translate(item.definition["title"], language), item.figure.value if item.figure.kind == "percentage"
                    else (None if item.figure.suppressed else item.figure.n), bar_text(item.figure, language))
              for item in charted]
    return bar_figure(title or translate(group["title"], language), points,
                      percent=charted[0].figure.kind == "percentage", caption=caption)


#: Fewer big numbers than this leaves a release page and a newsletter without an opening.
MINIMUM_HEADLINES = 3


def headline_items(report: StatisticsReport, chosen: list[str] | None = None, limit: int = 6) -> list[IndicatorReport]:
    """The figures shown first as big numbers: those chosen (a newsletter's), else the key indicators
    (those with a trend), topped up to three with other percentages where too few of them can be shown.
    A withheld figure is never a headline."""
    def shown(items):
        return [item for item in items if not item.figure.suppressed and item.figure.value is not None]

    if chosen:
        found = {item.key: item for item in report.indicators}
        return shown(found[key] for key in chosen if key in found)[:limit]
    headlines = shown(item for item in report.indicators if item.trend)[:limit]
    others = shown(item for item in report.indicators if not item.trend and item.figure.kind == "percentage")
    return headlines + others[:max(0, MINIMUM_HEADLINES - len(headlines))]


def breakdown_svg(report: IndicatorReport, breakdown: BreakdownResult, language: str = "en") -> Markup:
    points = [
        Point(translate(category.label, language), category.figure.value, bar_text(category.figure, language))
        for category in breakdown.categories
    ]
    title = f"{translate(report.definition['title'], language)}: {translate(breakdown.title, language)}"
    return bar_chart(title, points, percent=report.figure.kind == "percentage")


def bar_text(figure: Figure, language: str = "en") -> str:
    """Percentages carry their base beside the bar, so a bar of 100% over 2 is not mistaken for a trend."""
    if figure.suppressed:
        return SUPPRESSED
    if figure.kind == "percentage":
        if not figure.denominator:
            return NOTHING
        fraction = f"{number_text(figure.numerator, language)}/{number_text(figure.denominator, language)}"
        return f"{value_text(figure, language)} ({fraction})"
    if figure.kind == "duration":
        return f"{value_text(figure, language)} (n={number_text(figure.n, language)})" if figure.n else NOTHING
    return value_text(figure, language)


def file_kind(name: str) -> str:
    """What a published file is, for a reader choosing a download."""
    extension = name.rsplit(".", 1)[-1]
    return {"pdf": say("Newsletter"), "xlsx": say("Spreadsheet with charts"), "csv": say("Table of every figure"),
            "json": say("Data and definitions for programs")}.get(extension, name)


def size_text(size: int, language: str = "en") -> str:
    """A file size a reader understands: 48 KB, 1.2 MB."""
    if size >= 1_000_000:
        return say("%(size)s MB", size=format_decimal(size / 1_000_000, "#,##0.0", locale=language))
    return say("%(size)s KB", size=format_decimal(max(size / 1000, 1), "#,##0", locale=language))


def basis_text(figure: Figure, language: str = "en") -> str:
    """What a figure rests on, short enough for a table row on a phone: "5/7", "n = 12", or [s]."""
    if figure.suppressed:
        return SUPPRESSED
    if figure.kind == "percentage":
        return f"{number_text(figure.numerator, language)}/{number_text(figure.denominator, language)}"
    return f"n = {number_text(figure.n, language)}"


def quarters_of_year(report: StatisticsReport, language: str = "en") -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The annual report's quarter-by-quarter comparison: the quarters of the reporting year (their
    short names) and, for each indicator with a trend, its figure in each (from the trend points)."""
    period = report.period
    if period.kind != "year":
        return [], []
    inside = [point.period for point in next((item.trend for item in report.indicators if item.trend), ())
              if period.start <= point.period.start and point.period.end <= period.end]
    rows = []
    for item in report.indicators:
        if not item.trend:
            continue
        by_label = {point.period.label: point.figure for point in item.trend}
        rows.append((translate(item.definition["title"], language),
                     [value_text(by_label.get(quarter.label), language) for quarter in inside]))
    return [period_name(quarter) for quarter in inside], rows
