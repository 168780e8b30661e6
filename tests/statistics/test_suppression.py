"""Does suppression withhold every small cell, and every cell that would give one away by subtraction?"""
from dataclasses import replace
from datetime import date

from monitor.statistics.periods import Period
from monitor.statistics.results import BreakdownResult, CategoryFigure, Comparison, Figure, IndicatorReport, StatisticsReport
from monitor.statistics.suppression import suppress_indicator, suppress_report

T = 5


def count(n):
    return Figure(kind="count", n=n, value=float(n))


def pct(numerator, denominator, unknown=0, not_applicable=0, not_recorded=0):
    return Figure(kind="percentage", n=denominator, numerator=numerator, denominator=denominator,
                  value=100 * numerator / denominator if denominator else None,
                  excluded={"unknown": unknown, "not_applicable": not_applicable, "not_recorded": not_recorded})


def indicator(figure, **breakdowns):
    return IndicatorReport(
        definition={"key": "x", "group": "g", "title": {"en": "X"}, "unit": "accused", "kind": figure.kind},
        figure=figure,
        breakdowns=tuple(BreakdownResult(key, {"en": key}, tuple(CategoryFigure(k, {"en": k}, f) for k, f in cells.items()))
                         for key, cells in breakdowns.items()),
    )


def withheld(result: IndicatorReport) -> dict:
    """Breakdown -> categories withheld whole."""
    return {b.key: sorted(c.key for c in b.categories if c.figure.suppressed) for b in result.breakdowns}


def test_small_counts_and_their_complements_are_withheld():
    original = indicator(count(71), court={"alpha": count(3), "beta": count(60), "gamma": count(8), "delta": count(0)},
                         gender={"male": count(40), "female": count(31)})
    result = suppress_indicator(original, T)
    # alpha (3) is small; the smallest other non-zero cell (gamma, 8) goes with it; zero stays shown.
    assert withheld(result) == {"court": ["alpha", "gamma"], "gender": []}
    court = {c.key: c.figure for c in result.breakdowns[0].categories}
    assert court["alpha"].n is None and court["gamma"].value is None and court["beta"].n == 60 and court["delta"].n == 0
    assert result.figure.n == 71
    hidden_sum = 71 - sum(c.figure.n for c in result.breakdowns[0].categories if not c.figure.suppressed)
    assert hidden_sum == 11 >= T


def test_two_tiny_cells_are_not_enough_together():
    """1 and 2 withheld together still add up to 3, which 'total minus the rest' reveals: a third cell goes."""
    result = suppress_indicator(indicator(count(50), stage={"a": count(1), "b": count(2), "c": count(20), "d": count(27)}), T)
    assert withheld(result) == {"stage": ["a", "b", "c"]}


def test_percentages_with_small_denominators_and_complements():
    original = indicator(pct(30, 44, unknown=6),
                         court={"alpha": pct(2, 4), "beta": pct(20, 30, unknown=3), "gamma": pct(8, 10, unknown=3)})
    result = suppress_indicator(original, T)
    court = {c.key: c.figure for c in result.breakdowns[0].categories}
    # alpha: denominator 4 -> withheld with its numerator; gamma (10) is the complement. beta's unknown 3
    # is small, and beta's accused minus its denominator (30) would give it back: beta goes whole (issue 17).
    assert withheld(result) == {"court": ["alpha", "beta", "gamma"]}
    assert (court["alpha"].numerator, court["alpha"].denominator, court["alpha"].value) == (None, None, None)
    assert court["beta"].excluded == court["gamma"].excluded == {"unknown": None, "not_applicable": None, "not_recorded": None}
    # Headline: unknown 6 is publishable and stays.
    assert result.figure.excluded["unknown"] == 6 and result.figure.denominator == 44


def test_small_excluded_counts_get_a_complement():
    result = suppress_indicator(indicator(pct(40, 50, unknown=2, not_applicable=9, not_recorded=0)), T)
    # unknown 2 alone would be total - denominator - N/A: N/A (9) is withheld with it; zero stays.
    assert result.figure.excluded == {"unknown": None, "not_applicable": None, "not_recorded": 0}
    assert result.figure.denominator == 50


def test_durations_of_small_groups_are_withheld_and_a_whole_report_records_its_threshold():
    duration = Figure(kind="duration", n=3, value=40.0, mean=41.0, minimum=12.0, maximum=71.0, excluded={"not_recorded": 0})
    small_quarter = Period("quarter", date(2025, 4, 1), date(2025, 6, 30), "2025-Q2", 1, 2025, 2)
    item = IndicatorReport(
        definition={"key": "d", "group": "g", "title": {"en": "D"}, "unit": "juvenile", "kind": "duration"},
        figure=duration, breakdowns=(), trend=(Comparison(small_quarter, duration),),
    )
    report = StatisticsReport(period=small_quarter, indicator_set={}, groups=(), counted_statuses=("approved",),
                              generated_at="2025-07-01T00:00:00+00:00", indicators=(item,))
    public = suppress_report(report, 7)
    figure = public.indicators[0].figure
    assert figure.suppressed and (figure.value, figure.mean, figure.minimum, figure.maximum, figure.n) == (None,) * 5
    assert public.indicators[0].trend[0].figure.suppressed
    assert public.suppression_threshold == 7
    assert StatisticsReport.from_dict(public.to_dict()) == public  # frozen and read back unchanged


def test_no_withheld_cell_can_be_recovered_by_subtraction():
    """Every breakdown of a tempting indicator: the withheld cells are never one alone, nor add to less than T."""
    original = indicator(count(100), a={"x": count(4), "y": count(96)}, b={"x": count(1), "y": count(1), "z": count(98)},
                         c={"x": count(2), "y": count(3), "z": count(4), "w": count(91)})
    result = suppress_indicator(original, T)
    assert withheld(result) == {"a": ["x", "y"], "b": ["x", "y", "z"], "c": ["x", "y", "z"]}
    for breakdown in result.breakdowns:
        shown = sum(c.figure.n for c in breakdown.categories if not c.figure.suppressed)
        hidden = [c for c in breakdown.categories if c.figure.suppressed]
        assert len(hidden) >= 2 and 100 - shown >= T


def test_the_withheld_parts_of_a_shown_percentage_never_add_up_to_a_small_count():
    """Accused minus the denominator minus the shown excluded counts would give the withheld ones back."""
    result = suppress_indicator(indicator(pct(20, 30, unknown=1, not_applicable=0, not_recorded=2)), T)
    assert result.figure.suppressed


def test_small_groups_of_children_keep_their_numerators_to_themselves():
    """Below 4 x T children: 1 to T-1 with or without, none, or all, withholds the figure; larger groups publish."""
    def juvenile(figure):
        return replace(indicator(figure), definition={**indicator(figure).definition, "unit": "juvenile"})

    for numerator, denominator in ((0, 12), (12, 12), (3, 12), (9, 12), (2, 19)):
        assert suppress_indicator(juvenile(pct(numerator, denominator)), T).figure.suppressed, (numerator, denominator)
    assert not suppress_indicator(juvenile(pct(6, 12)), T).figure.suppressed
    assert suppress_indicator(juvenile(pct(41, 45)), T).figure.numerator == 41
    assert suppress_indicator(indicator(pct(0, 12)), T).figure.numerator == 0  # adults: as before


def test_a_published_duration_is_a_median_only():
    duration = Figure(kind="duration", n=9, value=40.0, mean=41.0, minimum=12.0, maximum=71.0, excluded={"not_recorded": 0})
    figure = suppress_indicator(indicator(duration), T).figure
    assert (figure.value, figure.n, figure.mean, figure.minimum, figure.maximum) == (40.0, 9, None, None, None)


def test_cells_found_across_releases_are_withheld_and_complemented():
    original = indicator(count(70), court={"alpha": count(20), "beta": count(20), "gamma": count(30)})
    result = suppress_indicator(original, T, {("court", "alpha", "figure")})
    assert withheld(result) == {"court": ["alpha", "beta"]}
