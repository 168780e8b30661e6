"""Does the linear-programming audit find every small cell that published figures pin down, accept
what they leave open, and refuse to vouch for figures that contradict each other?"""
import pytest

from monitor.statistics import disclosure
from monitor.statistics.periods import quarter, reporting_year
from monitor.statistics.results import BreakdownResult, CategoryFigure, Figure, IndicatorReport, IndicatorResult, StatisticsReport
from monitor.statistics.suppression import suppress_report

T = 5
DEFINITION = {"key": "juveniles", "group": "g", "title": {"en": "J"}, "unit": "juvenile", "kind": "count", "conditions": {}}


def count(n):
    return Figure(kind="count", n=n, value=float(n))


def results(total, courts):
    categories = tuple(CategoryFigure(k, {"en": k}, count(n)) for k, n in courts.items())
    breakdown = BreakdownResult("court", {"en": "Court"}, categories)
    return IndicatorResult("juveniles", count(total), (breakdown,))


def report(period, total, courts, suppress=True):
    result = results(total, courts)
    item = IndicatorReport(DEFINITION, result.figure, result.breakdowns)
    raw = StatisticsReport(period, {}, (), ("approved",), "2025-01-01T00:00:00+00:00", (item,))
    return suppress_report(raw, T) if suppress else raw


def q(number):
    return quarter(2024, number, 11)


def quarters_and_year(year_report):
    truth = {f"2024-Q{n}#s": (results(10, {"a": 5, "b": 5}),) for n in (1, 2, 3)}
    truth["2024-Q4#s"] = (results(3, {"a": 3, "b": 0}),)
    sources = [disclosure.Source(f"2024-Q{n}", report(q(n), 10, {"a": 5, "b": 5}), {f"2024-Q{n}": f"2024-Q{n}#s"})
               for n in (1, 2, 3)]
    year = disclosure.Source("2024", year_report, {f"2024-Q{n}": f"2024-Q{n}#s" for n in range(1, 5)})
    return truth, [*sources, year]


def test_the_true_counts_satisfy_every_equation():
    truth, sources = quarters_and_year(report(reporting_year(2024, 11), 33, {"a": 18, "b": 15}))
    system = disclosure.build_system(sources, set())
    assert system.equations and disclosure.violations(system, disclosure.true_values(truth)) == []


def test_a_year_that_pins_its_unpublished_quarter_fails_the_audit():
    truth, sources = quarters_and_year(report(reporting_year(2024, 11), 33, {"a": 18, "b": 15}))
    system = disclosure.build_system(sources, set())
    findings = disclosure.audit(system, disclosure.protected_cells(truth, T, {"juveniles"}), T)
    pinned = {(cell[0], cell[2], cell[3]) for cell, low, high in findings}
    assert ("2024-Q4#s", "all", "all") in pinned and ("2024-Q4#s", "court", "a") in pinned
    assert all(high - low < T for _, low, high in findings)


def test_a_year_withheld_leaves_the_quarter_open():
    year = report(reporting_year(2024, 11), 33, {"a": 18, "b": 15})
    hidden = suppress_report(year, T, frozenset({("juveniles", "all", "all", "figure"), ("juveniles", "court", "a", "figure")}))
    truth, sources = quarters_and_year(hidden)
    system = disclosure.build_system(sources, set())
    assert disclosure.audit(system, disclosure.protected_cells(truth, T, {"juveniles"}), T) == []


def test_figures_that_contradict_each_other_fail_closed():
    first = disclosure.Source("a", report(q(1), 10, {"a": 5, "b": 5}), {"2024-Q1": "2024-Q1#s"})
    second = disclosure.Source("b", report(q(1), 12, {"a": 6, "b": 6}), {"2024-Q1": "2024-Q1#s"})
    system = disclosure.build_system([first, second], set())
    truth = {"2024-Q1#s": (results(10, {"a": 5, "b": 5}),)}
    with pytest.raises(disclosure.AuditFailed):
        cells = disclosure.protected_cells(truth, T, {"juveniles"}) or [
            ("2024-Q1#s", "juveniles", "all", "all", "units", ("n",), 10)]
        disclosure.audit(system, cells, T)


def test_a_cell_without_upper_bound_is_unbounded_not_a_refusal():
    """A part the scenario met in 2024-Q2: HiGHS's presolve called it infeasible when maximising, which
    refused the publication; nothing bounds the cell from above, so its range is open."""
    system = disclosure._System()
    v = {name: system.var(("q#s", "pretrial_detention", *name.split(":"), "rest")) for name in (
        "all:all", "oc:unknown", "oc:petty", "oc:felony", "oc:misdemeanour", "court:supreme", "court:pp",
        "court:kandal", "g:male", "g:other", "g:female", "g:unknown", "age:nr", "age:adult",
        "off:theft", "off:drugs", "off:trafficking", "off:other")}

    def terms(*names, total=-1.0):
        return {v["all:all"]: total, **{v[name]: 1.0 for name in names}}

    system.equations += [(terms("oc:unknown", "oc:petty", "oc:felony", "oc:misdemeanour"), 0.0),
                         (terms("court:supreme", "court:pp", "court:kandal"), -3.0),
                         (terms("g:male", "g:other", "g:female", "g:unknown"), 0.0),
                         (terms("age:nr", "age:adult"), 0.0)]
    system.at_most += [({v["all:all"]: -1.0}, -5.0), ({v["all:all"]: -1.0}, 0.0),
                       *((terms(f"off:{name}"), 0.0) for name in ("theft", "drugs", "trafficking", "other")),
                       ({v["all:all"]: 1.0, **{v[f"off:{n}"]: -1.0 for n in ("theft", "drugs", "trafficking", "other")}}, 5.0)]
    low, high = disclosure._Reduced(system, {}).range({v["court:pp"]: 1.0})
    assert low == pytest.approx(0.0) and high == float("inf")
