"""Are a quarter's statistics kept between reports, and never shown stale (issue 20.3)?

Each quarter's results are kept under a digest of everything they rest on; these tests change one
thing at a time, the way a programme does, and check the report follows while an unchanged report
computes nothing again."""
from datetime import date
from pathlib import Path

from monitor.extensions import db
from monitor.services import review
from monitor.services import statistics as service
from tests.statistics.test_single_evaluation import _count_evaluations

Q1 = "2025-Q1"  # Nov 2024 - Jan 2025; its trend starts with 2023-Q2


def _report(period: str = Q1):
    return service.build_report(service.period_from_arguments(period, None, None))


def _hearing(add_hearing, court, day: date, status: str = "submitted", lawyer: str = "yes"):
    return add_hearing(court, day, status, {"stage": "first_instance", "hearing_type": "trial", "hearing_open": "yes"},
                       [{"gender": "male", "age_at_offence": 30, "represented_by_lawyer": lawyer}])


def _lawyer(report) -> tuple:
    figure = report.indicator("represented_by_lawyer").figure
    return figure.numerator, figure.denominator


def _without_time(report) -> dict:
    return report.to_dict() | {"generated_at": None}


def test_an_unchanged_quarter_is_not_computed_again(app, add_hearing, create_court, monkeypatch):
    court = create_court("alpha", "Alpha Court")
    _hearing(add_hearing, court, date(2024, 12, 1))
    _hearing(add_hearing, court, date(2024, 9, 1), lawyer="no")
    first = _report()
    calls = _count_evaluations(monkeypatch)

    again = _report()

    assert sum(len(sources) for sources in calls.values()) == 0, "nothing evaluated: every quarter was kept"
    assert _without_time(again) == _without_time(first)


def test_a_checklist_stored_in_a_past_quarter_changes_its_trend_point(app, add_hearing, create_court):
    court = create_court("alpha", "Alpha Court")
    _hearing(add_hearing, court, date(2024, 12, 1))
    assert [point.figure.n for point in _report().indicator("hearings").trend] == [0, 0, 0, 0, 0, 0, 0, 1]

    _hearing(add_hearing, court, date(2023, 3, 1))

    assert [point.figure.n for point in _report().indicator("hearings").trend] == [1, 0, 0, 0, 0, 0, 0, 1]


def test_a_review_decision_changes_the_figures(app, add_hearing, create_court, create_user):
    court = create_court("alpha", "Alpha Court")
    kept = _hearing(add_hearing, court, date(2024, 12, 1))
    returned = _hearing(add_hearing, court, date(2024, 12, 2), lawyer="no")
    assert _lawyer(_report()) == (1, 2)

    review.review_checklist(returned, "return", create_user("manager"), "Please check the lawyer.")

    assert _lawyer(_report()) == (1, 1), "a returned checklist no longer counts"
    assert kept.status == "submitted"


def test_answers_changed_or_a_hearing_moved_to_another_quarter_change_both_quarters(app, add_hearing, create_court):
    court = create_court("alpha", "Alpha Court")
    checklist = _hearing(add_hearing, court, date(2024, 12, 1))
    report = _report()
    assert _lawyer(report) == (1, 1) and report.indicator("represented_by_lawyer").previous.figure.denominator == 0

    checklist.accused[0].answers = {"gender": "male", "age_at_offence": 30, "represented_by_lawyer": "no"}
    checklist.revision += 1  # as a correction does, with the new answers
    db.session.commit()
    assert _lawyer(_report()) == (0, 1)

    checklist.hearing_date = date(2024, 9, 1)
    db.session.commit()
    report = _report()
    assert _lawyer(report) == (0, 0)
    assert report.indicator("represented_by_lawyer").previous.figure.denominator == 1
    assert report.indicator("hearings").figure.n == 0


def test_a_renamed_court_is_named_anew_in_the_breakdowns(app, add_hearing, create_court):
    court = create_court("alpha", "Alpha Court")
    _hearing(add_hearing, court, date(2024, 12, 1))
    assert _report().indicator("hearings").breakdowns[0].categories[0].label == {"en": "Alpha Court"}

    court.name = "Alpha Provincial Court"
    db.session.commit()

    assert _report().indicator("hearings").breakdowns[0].categories[0].label == {"en": "Alpha Provincial Court"}


def test_years_and_date_ranges_are_computed_from_rows(app, add_hearing, create_court):
    court = create_court("alpha", "Alpha Court")
    _hearing(add_hearing, court, date(2024, 12, 1))
    folder = Path(app.config["STATISTICS_KEPT_FOLDER"])

    assert _report("2025").indicator("hearings").figure.n == 1
    assert service.build_report(service.period_from_arguments(None, "2024-12-01", "2024-12-31")).indicator(
        "hearings").figure.n == 1

    assert not folder.exists() or list(folder.iterdir()) == [], "only quarters are kept"
