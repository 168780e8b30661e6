"""A report as flat rows: one per indicator × breakdown category (the CSV and XLSX layout)."""
from monitor.checklists.definition import translate
from monitor.checklists.wording import say
from monitor.statistics.results import EXCLUDED, Figure, StatisticsReport

#: Column order of the figure tables; "all" in breakdown/category marks the headline row.
COLUMNS = (
    "period", "period_start", "period_end", "group", "indicator", "title", "unit", "kind", "breakdown", "category",
    "category_label", "value", "numerator", "denominator", "n", "median", "mean", "minimum", "maximum",
    *EXCLUDED, "manual_indicator", "suppressed",
)


def column_labels() -> dict[str, str]:
    """What each column holds, in the reader's language: the label row above the key header of a sheet."""
    return {
        "period": say("Period"), "period_start": say("First day"), "period_end": say("Last day"),
        "group": say("Group"), "indicator": say("Indicator"), "title": say("Title"), "unit": say("Unit counted"),
        "kind": say("Kind of figure"), "breakdown": say("Breakdown"), "category": say("Category"),
        "category_label": say("Category label"), "value": say("Value (percent, count or median days)"),
        "numerator": say("Numerator"), "denominator": say("Denominator"), "n": say("Units with a value (n)"),
        "median": say("Median"), "mean": say("Mean"), "minimum": say("Minimum"), "maximum": say("Maximum"),
        "unknown": say("Unknown (not in the denominator)"), "not_applicable": say("Not applicable (not in the denominator)"),
        "not_recorded": say("Not recorded (not in the denominator)"), "manual_indicator": say("UNODC/UNICEF manual indicator"),
        "suppressed": say("Withheld (small-cell suppression)"),
        "description": say("Description"), "among": say("Among"), "value_item": say("Item summarised"),
        "breakdowns": say("Breakdowns"), "legal_basis": say("Legal basis"),
    }


def _figure_cells(figure: Figure) -> dict:
    return {
        "value": None if figure.value is None else round(figure.value, 4),
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "n": figure.n,
        "median": figure.median,
        "mean": None if figure.mean is None else round(figure.mean, 4),
        "minimum": figure.minimum,
        "maximum": figure.maximum,
        **{name: figure.excluded.get(name) for name in EXCLUDED},
        "suppressed": suppressed_cells(figure),
    }


def suppressed_cells(figure: Figure) -> str:
    """Which cells of the row were withheld (empty when none): "figure" and/or excluded reasons."""
    withheld = ["figure"] if figure.suppressed else [
        name for name in EXCLUDED if name in figure.excluded and figure.excluded[name] is None]
    return " ".join(withheld)


def figure_rows(report: StatisticsReport, language: str = "en") -> list[dict]:
    rows = []
    period = report.period
    for indicator in report.indicators:
        definition = indicator.definition
        common = {
            "period": period.label, "period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
            "group": definition["group"], "indicator": definition["key"], "title": translate(definition["title"], language),
            "unit": definition["unit"], "kind": definition["kind"], "manual_indicator": definition["manual_indicator"],
        }
        rows.append({**common, "breakdown": "all", "category": "all", "category_label": say("All"),
                     **_figure_cells(indicator.figure)})
        for breakdown in indicator.breakdowns:
            for category in breakdown.categories:
                rows.append({
                    **common, "breakdown": breakdown.key, "category": category.key,
                    "category_label": translate(category.label, language), **_figure_cells(category.figure),
                })
    return rows
