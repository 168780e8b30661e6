"""Disclosure control across releases: what a draft may show given everything already published.

Pure functions (no Flask, no database). An attacker holds every release (docs/privacy.md), so a
draft's figures are checked against them, not only against each other:
- **Comparisons and trend points repeat the frozen figures** of that period's own latest release
  (`frozen_comparisons`): a quarter's figures then exist in one place only; a period never
  published shows no figure.
- **A new version** may not show a cell that differs from an earlier version's by 1 to T-1
  (the difference counts the people added, removed or corrected, and gives their answers).
- **A year against its quarters**: the year minus the quarters published (any version) may not
  leave 1 to T-1 units, whether the draft is the year or one of its quarters.
`across_releases` names the cells to withhold; `monitor.statistics.suppression` then complements
them, and the two alternate until nothing more is found (`monitor.services.releases.prepare`)."""
from dataclasses import dataclass, replace
from itertools import product

from monitor.statistics.results import Comparison, Figure, StatisticsReport
from monitor.statistics.suppression import HEADLINE, WHOLE, is_small, median_only

#: Cells of a figure that count units; the excluded reasons are cells of their own.
FIGURE_CELLS = ("n", "numerator", "denominator", "complement")


@dataclass(frozen=True)
class Published:
    """One release as the public holds it."""

    period_label: str
    version: int
    report: StatisticsReport


def figure_cells(figure: Figure) -> dict[str, int | None]:
    """Unit counts a figure shows (None where withheld)."""
    if figure.suppressed:
        return {"n": None}
    cells = {"n": figure.n}
    if figure.kind == "percentage":
        cells["numerator"], cells["denominator"] = figure.numerator, figure.denominator
        known = figure.numerator is not None and figure.denominator is not None
        cells["complement"] = figure.denominator - figure.numerator if known else None
    cells.update(figure.excluded)
    return cells


def report_cells(report: StatisticsReport) -> dict[tuple, int | None]:
    """(indicator, breakdown, category, cell) -> value, for the report's own period."""
    found = {}
    for indicator in report.indicators:
        places = [(HEADLINE, indicator.figure)] + [
            ((breakdown.key, category.key), category.figure)
            for breakdown in indicator.breakdowns for category in breakdown.categories]
        for (breakdown, category), figure in places:
            for cell, value in figure_cells(figure).items():
                found[(indicator.key, breakdown, category, cell)] = value
    return found


def _withheld_as(key: tuple) -> tuple:
    """The suppression key that withholds a cell: the whole figure, or one excluded count."""
    return (*key[:3], WHOLE if key[3] in FIGURE_CELLS else key[3])


def across_releases(draft: StatisticsReport, published: list[Published], threshold: int) -> set[tuple]:
    """Cells of the (already suppressed) draft that earlier releases would give away."""
    own = report_cells(draft)
    label = draft.period.label
    forced = set()
    for earlier in (p for p in published if p.period_label == label):
        before = report_cells(earlier.report)
        forced |= {_withheld_as(key) for key, value in own.items()
                   if value is not None and before.get(key) is not None and is_small(value - before[key], threshold)}
    forced |= _against_year(draft, own, published, threshold)
    return forced


def _quarter_labels(year: int) -> list[str]:
    return [f"{year}-Q{number}" for number in range(1, 5)]


def _against_year(draft: StatisticsReport, own: dict, published: list[Published], threshold: int) -> set[tuple]:
    period = draft.period
    if period.kind not in ("quarter", "year"):
        return set()
    labels = _quarter_labels(period.year)
    versions = {label: [report_cells(p.report) for p in published if p.period_label == label] for label in labels}
    if period.kind == "year":
        years, others = [own], labels
    else:
        years = [report_cells(p.report) for p in published if p.period_label == str(period.year)]
        others = [label for label in labels if label != period.label]
    forced = set()
    for year in years:
        for key, total in year.items():
            if total is None or (period.kind == "quarter" and own.get(key) is None):
                continue
            mine = own[key] if period.kind == "quarter" else 0
            choices = [{cells[key] for cells in versions[label] if cells.get(key) is not None} or {0} for label in others]
            if any(is_small(total - mine - sum(chosen), threshold) for chosen in product(*choices)):
                forced.add(_withheld_as(key))
    return forced


def frozen_comparisons(report: StatisticsReport, published: list[Published]) -> StatisticsReport:
    """Comparisons and trend points as the frozen headline of each period's latest release (its own
    period's trend point is its own headline); an unpublished period shows no figure."""
    latest: dict[str, Published] = {}
    for release in published:
        if release.period_label not in latest or release.version > latest[release.period_label].version:
            latest[release.period_label] = release

    def frozen(comparison: Comparison | None, key: str, own: Figure) -> Comparison | None:
        if comparison is None:
            return None
        if comparison.period.label == report.period.label:
            return Comparison(comparison.period, own)
        release = latest.get(comparison.period.label)
        earlier = next((item for item in release.report.indicators if item.key == key), None) if release else None
        if earlier is None:
            return Comparison(comparison.period, _nothing(own))
        return Comparison(comparison.period, median_only(earlier.figure))

    return replace(report, indicators=tuple(
        replace(item, previous=frozen(item.previous, item.key, item.figure),
                year_earlier=frozen(item.year_earlier, item.key, item.figure),
                trend=tuple(frozen(point, item.key, item.figure) for point in item.trend))
        for item in report.indicators))


def _nothing(figure: Figure) -> Figure:
    """No figure: the period was never published."""
    return Figure(kind=figure.kind, n=None, excluded={name: None for name in figure.excluded})
