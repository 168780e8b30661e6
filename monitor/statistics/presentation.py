"""Turning computed figures into what a reader sees: numbers as text, changes, and charts.

Kept apart from computing so a published release can re-render frozen figures, and so small-cell
suppression can be applied here, on top of the results, without touching the engine."""
from markupsafe import Markup

from monitor.checklists.definition import translate
from monitor.statistics.charts import Point, bar_chart, trend_chart
from monitor.statistics.results import BreakdownResult, Figure, IndicatorReport

#: Printed in place of a withheld number (small-cell suppression in a published release).
SUPPRESSED = "[s]"


def value_text(figure: Figure | None) -> str:
    """The figure as printed: 160, 72.4%, or the median in days; a dash when there is nothing to show."""
    if figure is not None and figure.suppressed:
        return SUPPRESSED
    if figure is None or figure.value is None:
        return "–"
    if figure.kind == "count":
        return f"{figure.n:,}"
    if figure.kind == "percentage":
        return f"{figure.value:.1f}%"
    return _number(figure.value)


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def change(figure: Figure, earlier: Figure | None) -> float | None:
    """Percentage points for a percentage, units for a count, days of median for a duration."""
    if earlier is None or figure.value is None or earlier.value is None:
        return None
    return figure.value - earlier.value


def change_text(figure: Figure, earlier: Figure | None) -> str | None:
    difference = change(figure, earlier)
    if difference is None:
        return None
    if figure.kind == "count":
        return f"{difference:+,.0f}"
    return f"{difference:+.1f}"


def number_text(value: float | None) -> str:
    return _number(value)


def count_text(count: int | None) -> str:
    """A count that may have been withheld."""
    return SUPPRESSED if count is None else f"{count:,}"


def trend_svg(report: IndicatorReport, language: str = "en") -> Markup | None:
    if not report.trend:
        return None
    points = [Point(point.period.label, point.figure.value, value_text(point.figure)) for point in report.trend]
    return trend_chart(translate(report.definition["title"], language), points, percent=report.figure.kind == "percentage")


def breakdown_svg(report: IndicatorReport, breakdown: BreakdownResult, language: str = "en") -> Markup:
    points = [
        Point(translate(category.label, language), category.figure.value, _bar_text(category.figure))
        for category in breakdown.categories
    ]
    title = f"{translate(report.definition['title'], language)}: {translate(breakdown.title, language)}"
    return bar_chart(title, points, percent=report.figure.kind == "percentage")


def _bar_text(figure: Figure) -> str:
    """Percentages carry their base beside the bar, so a bar of 100% over 2 is not mistaken for a trend."""
    if figure.suppressed:
        return SUPPRESSED
    if figure.kind == "percentage":
        return f"{value_text(figure)} ({figure.numerator}/{figure.denominator})" if figure.denominator else "–"
    if figure.kind == "duration":
        return f"{value_text(figure)} (n={figure.n})" if figure.n else "–"
    return value_text(figure)
