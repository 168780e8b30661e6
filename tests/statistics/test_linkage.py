"""Does a draft release keep back what the releases already published would give away?"""
from datetime import date

from monitor.statistics.linkage import Published, across_releases, frozen_comparisons
from monitor.statistics.periods import quarter, reporting_year
from monitor.statistics.results import BreakdownResult, CategoryFigure, Comparison, Figure, IndicatorReport, StatisticsReport
from monitor.statistics.suppression import suppress_report

T = 5


def count(n):
    return Figure(kind="count", n=n, value=float(n))


def report(period, total, courts, trend=()):
    item = IndicatorReport(
        definition={"key": "juveniles", "group": "g", "title": {"en": "J"}, "unit": "juvenile", "kind": "count"},
        figure=count(total),
        breakdowns=(BreakdownResult("court", {"en": "Court"}, tuple(
            CategoryFigure(key, {"en": key}, count(n)) for key, n in courts.items())),),
        trend=tuple(trend))
    return suppress_report(StatisticsReport(period, {}, (), ("approved",), "2025-01-01T00:00:00+00:00", (item,)), T)


def q(number):
    return quarter(2024, number, 11)


def test_a_new_version_keeps_back_cells_that_moved_by_fewer_than_t():
    first = report(q(2), 40, {"a": 20, "b": 20})
    second = report(q(2), 41, {"a": 21, "b": 20})
    forced = across_releases(second, [Published("2024-Q2", 1, first)], T)
    assert forced == {("juveniles", "all", "all", "figure"), ("juveniles", "court", "a", "figure")}
    assert across_releases(report(q(2), 45, {"a": 25, "b": 20}), [Published("2024-Q2", 1, first)], T) == set()


def test_a_year_keeps_back_what_its_unpublished_quarter_would_be():
    quarters = [Published(f"2024-Q{n}", 1, report(q(n), 10, {"a": 5, "b": 5})) for n in (1, 2, 3)]
    year = report(reporting_year(2024, 11), 33, {"a": 18, "b": 15})  # Q4: 3 children, 3 at court a
    forced = across_releases(year, quarters, T)
    assert ("juveniles", "all", "all", "figure") in forced and ("juveniles", "court", "a", "figure") in forced
    assert ("juveniles", "court", "b", "figure") not in forced  # Q4 had none at court b: zero describes nobody


def test_a_quarter_published_after_its_year_keeps_back_what_would_leave_a_small_rest():
    year = Published("2024", 1, report(reporting_year(2024, 11), 40, {"a": 20, "b": 20}))
    quarters = [Published(f"2024-Q{n}", 1, report(q(n), 10, {"a": 5, "b": 5})) for n in (1, 2)]
    third = report(q(3), 18, {"a": 8, "b": 10})  # leaves 2 for Q4 overall, 2 at court a
    forced = across_releases(third, [year, *quarters], T)
    assert forced == {("juveniles", "all", "all", "figure"), ("juveniles", "court", "a", "figure")}


def test_trend_points_repeat_the_frozen_figures_of_their_own_releases():
    first = report(q(1), 12, {"a": 6, "b": 6})
    draft = report(q(2), 14, {"a": 7, "b": 7}, trend=[Comparison(q(n), count(99)) for n in (4, 1, 2)])
    trend = frozen_comparisons(draft, [Published("2024-Q1", 1, first)]).indicators[0].trend
    assert [point.figure.n for point in trend] == [None, 12, 14]
    assert date(2024, 2, 1) == trend[2].period.start
