"""Does a report evaluate each condition once, however many periods it shows (issue 20.2)?

A quarter's report shows the quarter, the previous quarter, the same quarter a year earlier and an
eight-quarter trend. Evaluating the conditions again for each of them was most of a small
quarter's time; these tests count evaluations, not seconds, so they hold on any machine."""
from collections import defaultdict
from datetime import date

from monitor.services import statistics as service
from monitor.statistics import engine


def _count_evaluations(monkeypatch) -> dict[int, list[str]]:
    """Per unit evaluated (by identity), the conditions evaluated over its rows, in order."""
    calls: dict[int, list[str]] = defaultdict(list)
    original = engine._Unit._evaluate

    def counted(unit, condition):
        calls[id(unit)].append(condition.source)
        return original(unit, condition)

    monkeypatch.setattr(engine._Unit, "_evaluate", counted)
    return calls


def test_a_quarter_with_comparisons_and_trend_evaluates_each_condition_once(app, add_hearing, create_court, monkeypatch):
    """With hearings in the quarter, the previous quarter, a year earlier and earlier in the trend,
    is every condition of every indicator evaluated exactly once, and are all periods still counted?"""
    court = create_court("alpha", "Alpha Court")
    # 2025-Q1 is Nov 2024 - Jan 2025 (the year starts in November); its trend starts with 2023-Q2.
    for day, detention in ((date(2024, 12, 1), "pretrial_detention"), (date(2025, 1, 31), "not_detained"),
                           (date(2024, 9, 15), "pretrial_detention"), (date(2023, 12, 10), "unknown"),
                           (date(2023, 3, 1), "not_detained")):
        add_hearing(court, day, "approved", {"stage": "first_instance", "hearing_open": "yes"}, [
            {"gender": "male", "age_at_offence": 30, "detention_status": detention, "represented_by_lawyer": "yes"},
            {"gender": "female", "age_at_offence": 16, "detention_status": detention,
             "juvenile": {"juvenile_pretrial_detention": "no", "in_camera": "yes"}},
        ])
    calls = _count_evaluations(monkeypatch)

    report = service.build_report(service.period_from_arguments("2025-Q1", None, None))

    indicators = service.indicator_set().indicators
    expected = {unit: sorted({condition.source for indicator in indicators if indicator.unit == unit
                              for condition in indicator.conditions().values()})
                for unit in ("hearing", "accused", "juvenile")}
    assert sorted(sorted(sources) for sources in calls.values()) == sorted(
        sources for sources in expected.values() if sources)
    pretrial = report.indicator("pretrial_detention")
    assert (pretrial.figure.numerator, pretrial.figure.denominator) == (2, 4)
    assert (pretrial.previous.figure.numerator, pretrial.previous.figure.denominator) == (2, 2)
    assert pretrial.year_earlier.figure.denominator == 0 and pretrial.year_earlier.figure.excluded["unknown"] == 2
    hearings = report.indicator("hearings")
    assert [point.figure.n for point in hearings.trend] == [1, 0, 0, 1, 0, 0, 1, 2]
