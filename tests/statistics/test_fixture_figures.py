"""Does every default indicator give the figure a person counting by hand would get?

The fixture: two courts, a reporting year starting in November (2025-Q1 = 1 Nov 2024 – 31 Jan 2025),
hearings on the first and the last day of the quarter and on the days just outside it, several
accused per hearing, adults and juveniles, unknown, N/A and unanswered items, and checklists that
must not count (a draft, a returned one). Every expected figure below is written out with its
arithmetic."""
from datetime import date

import pytest

from monitor.checklists.indicators import read_indicator_file
from monitor.services import statistics as service
from monitor.services.definitions import registry

Q1 = "2025-Q1"


@pytest.fixture
def programme(add_hearing, create_court):
    alpha = create_court("alpha", "Alpha Court")
    beta = create_court("beta", "Beta Court")
    # H1: first day of the quarter, approved.
    add_hearing(alpha, date(2024, 11, 1), "approved", {
        "hearing_type": "trial", "stage": "first_instance", "offence_categories": ["drugs"], "hearing_open": "yes",
        "hearing_notice_posted": "no", "verdict_announced": "yes", "verdict_public": "yes", "verdict_reasons_given": "no",
    }, [
        # a1: adult man
        {"gender": "male", "age_at_offence": 30, "present_at_hearing": "yes", "detention_status": "pretrial_detention",
         "pretrial_detention_days": 100, "represented_by_lawyer": "yes", "informed_right_to_lawyer": "yes",
         "informed_right_to_silence": "no", "interpreter_needed": "no", "judge_presumed_guilt": "no",
         "prosecutor_presumed_guilt": "yes", "prison_uniform": "yes", "coerced_confession_claim": "yes", "outcome": "convicted"},
        # a2 / j1: girl of 16
        {"gender": "female", "age_at_offence": 16, "present_at_hearing": "yes", "detention_status": "pretrial_detention",
         "pretrial_detention_days": 40, "represented_by_lawyer": "no", "informed_right_to_lawyer": "unknown",
         "informed_right_to_silence": "yes", "interpreter_needed": "yes", "interpreter_provided": "no",
         "judge_presumed_guilt": "yes", "prosecutor_presumed_guilt": "unknown", "prison_uniform": "no",
         "coerced_confession_claim": "no", "outcome": "convicted",
         "juvenile": {"juvenile_pretrial_detention": "yes", "juvenile_detention_days": 40, "detained_with_adults": "yes",
                      "in_camera": "no", "identity_protected": "no", "juvenile_lawyer_present": "no", "parent_present": "yes",
                      "social_worker_present": "unknown", "juvenile_verdict_public": "yes",
                      "juvenile_sentence_custodial": "yes", "below_minimum_age": "no", "diversion_considered": "no"}},
    ])
    # H2: last day of the quarter, submitted (counted while STATISTICS_COUNT_SUBMITTED is on).
    add_hearing(beta, date(2025, 1, 31), "submitted", {
        "hearing_type": "trial", "stage": "appeal", "offence_categories": ["theft_robbery", "violence"],
        "hearing_open": "unknown", "hearing_notice_posted": "unknown", "verdict_announced": "no",
    }, [
        # a3 / j2: boy of 13
        {"gender": "male", "age_at_offence": 13, "present_at_hearing": "yes", "detention_status": "judicial_supervision",
         "represented_by_lawyer": "yes", "informed_right_to_lawyer": "yes", "informed_right_to_silence": "yes",
         "interpreter_needed": "yes", "interpreter_provided": "yes", "judge_presumed_guilt": "no",
         "prosecutor_presumed_guilt": "no", "prison_uniform": "unknown", "coerced_confession_claim": "unknown",
         "outcome": "pending",
         "juvenile": {"juvenile_pretrial_detention": "no", "in_camera": "yes", "identity_protected": "yes",
                      "juvenile_lawyer_present": "yes", "parent_present": "no", "social_worker_present": "yes",
                      "juvenile_verdict_public": "na", "juvenile_sentence_custodial": "na", "below_minimum_age": "yes",
                      "diversion_considered": "yes"}},
        # a4: woman tried in absentia, age not stated
        {"gender": "female", "present_at_hearing": "no", "detention_status": "unknown", "represented_by_lawyer": "no",
         "judge_presumed_guilt": "unknown", "prosecutor_presumed_guilt": "no", "coerced_confession_claim": "no",
         "outcome": "pending"},
        # a5: adult of unknown gender, presence unknown
        {"gender": "unknown", "age_at_offence": 45, "present_at_hearing": "unknown", "detention_status": "not_detained",
         "represented_by_lawyer": "unknown", "informed_right_to_lawyer": "no", "informed_right_to_silence": "unknown",
         "interpreter_needed": "yes", "interpreter_provided": "unknown", "judge_presumed_guilt": "no",
         "prosecutor_presumed_guilt": "no", "prison_uniform": "no", "coerced_confession_claim": "no", "outcome": "pending"},
    ])
    # H3: mid-quarter, submitted.
    add_hearing(alpha, date(2024, 12, 10), "submitted", {
        "hearing_type": "trial", "stage": "first_instance", "offence_categories": ["violence"], "hearing_open": "no",
        "hearing_notice_posted": "yes", "verdict_announced": "yes", "verdict_public": "unknown", "verdict_reasons_given": "yes",
    }, [
        # a6 / j3: boy of 15, detention length not recorded in the accused block
        {"gender": "male", "age_at_offence": 15, "present_at_hearing": "yes", "detention_status": "pretrial_detention",
         "represented_by_lawyer": "yes", "informed_right_to_lawyer": "yes", "informed_right_to_silence": "yes",
         "interpreter_needed": "no", "judge_presumed_guilt": "no", "prosecutor_presumed_guilt": "yes",
         "prison_uniform": "yes", "coerced_confession_claim": "yes", "outcome": "convicted",
         "juvenile": {"juvenile_pretrial_detention": "yes", "juvenile_detention_days": 200, "detained_with_adults": "unknown",
                      "in_camera": "no", "identity_protected": "yes", "juvenile_lawyer_present": "yes",
                      "parent_present": "unknown", "social_worker_present": "no", "juvenile_verdict_public": "no",
                      "juvenile_sentence_custodial": "no", "below_minimum_age": "no", "diversion_considered": "unknown"}},
        # a7 / j4: boy of 17, verdict pending
        {"gender": "male", "age_at_offence": 17, "present_at_hearing": "yes", "detention_status": "pretrial_detention",
         "pretrial_detention_days": 300, "represented_by_lawyer": "yes", "informed_right_to_lawyer": "no",
         "informed_right_to_silence": "no", "interpreter_needed": "no", "judge_presumed_guilt": "no",
         "prosecutor_presumed_guilt": "no", "prison_uniform": "yes", "coerced_confession_claim": "no", "outcome": "pending",
         "juvenile": {"juvenile_pretrial_detention": "yes", "juvenile_detention_days": 300, "detained_with_adults": "no",
                      "in_camera": "yes", "identity_protected": "yes", "juvenile_lawyer_present": "yes", "parent_present": "yes",
                      "social_worker_present": "no", "juvenile_verdict_public": "yes", "juvenile_sentence_custodial": "na",
                      "below_minimum_age": "no", "diversion_considered": "no"}},
    ])
    # Not in 2025-Q1: the day after (2025-Q2), the day before (2024-Q4), a year earlier (2024-Q1).
    add_hearing(alpha, date(2025, 2, 1), "submitted",
                {"hearing_type": "trial", "stage": "appeal", "offence_categories": ["other"], "hearing_open": "yes"},
                [{"gender": "male", "age_at_offence": 20, "represented_by_lawyer": "yes"}])
    add_hearing(alpha, date(2024, 10, 31), "submitted",
                {"hearing_type": "trial", "stage": "appeal", "offence_categories": ["other"], "hearing_open": "yes"},
                [{"gender": "male", "age_at_offence": 40, "represented_by_lawyer": "no"}])
    add_hearing(beta, date(2024, 1, 31), "approved",
                {"hearing_type": "trial", "stage": "appeal", "offence_categories": ["other"], "hearing_open": "no"},
                [{"gender": "female", "age_at_offence": 33, "represented_by_lawyer": "yes"}])
    # In the quarter but never counted: a draft and a checklist returned to its monitor.
    add_hearing(beta, date(2024, 12, 1), "draft", {"stage": "appeal", "hearing_open": "yes"}, [{"gender": "male"}])
    add_hearing(beta, date(2024, 12, 2), "returned", {"stage": "appeal", "hearing_open": "yes"}, [{"gender": "male"}])


def _report(period: str = Q1):
    return service.build_report(service.period_from_arguments(period, None, None))


def _percentage(figure) -> tuple:
    return (figure.numerator, figure.denominator, None if figure.value is None else round(figure.value, 2),
            figure.excluded["unknown"], figure.excluded["not_applicable"], figure.excluded["not_recorded"])


def _duration(figure) -> tuple:
    return (figure.n, figure.value, None if figure.mean is None else round(figure.mean, 2), figure.minimum,
            figure.maximum, figure.excluded["not_recorded"])


def _categories(report, key: str, breakdown: str, shape=_percentage) -> dict:
    found = next(b for b in report.indicator(key).breakdowns if b.key == breakdown)
    if shape is None:
        return {c.key: c.figure.n for c in found.categories}
    return {c.key: shape(c.figure) for c in found.categories}


#: (numerator, denominator, percent, unknown, not applicable, not recorded) for every percentage indicator.
EXPECTED_PERCENTAGES = {
    # H1 yes, H2 unknown, H3 no: 1 of 2; 1 unknown.
    "hearings_open_to_public": (1, 2, 50.0, 1, 0, 0),
    # Issue 21.6: H1 open (yes), H2 unknown; H3 closed with no answer on the reason: 0 of 1; 1 unknown, 1 not recorded.
    "hearings_closed_without_reason": (0, 1, 0.0, 1, 0, 1),
    # H1 no, H2 unknown, H3 yes: 1 of 2; 1 unknown.
    "hearing_notice_posted": (1, 2, 50.0, 1, 0, 0),
    # yes a1 a3 a6 a7, no a2 a4, unknown a5: 4 of 6 = 66.67%.
    "represented_by_lawyer": (4, 6, 66.67, 1, 0, 0),
    # a4 (absent) is not asked; yes a1 a3 a6, no a5 a7, unknown a2: 3 of 5 = 60%.
    "informed_right_to_lawyer": (3, 5, 60.0, 1, 0, 0),
    # a4 not asked; yes a2 a3 a6, no a1 a7, unknown a5: 3 of 5 = 60%.
    "informed_right_to_silence": (3, 5, 60.0, 1, 0, 0),
    # needed by a2 (no), a3 (yes), a5 (unknown): 1 of 2 = 50%.
    "interpreter_provided": (1, 2, 50.0, 1, 0, 0),
    # Issue 21.3 changes this figure: first-instance hearings only (H1 H3): pretrial a1 a2 a6 a7: 4 of 4.
    # (Before: with H2's supervision a3, not detained a5 and unknown a4, 4 of 6 = 66.67%, 1 unknown.)
    "pretrial_detention": (4, 4, 100.0, 0, 0, 0),
    # yes a2; no a1 a3 a5 a6 a7; unknown a4: 1 of 6 = 16.67%.
    "judge_presumed_guilt": (1, 6, 16.67, 1, 0, 0),
    # yes a1 a6; no a3 a4 a5 a7; unknown a2: 2 of 6 = 33.33%.
    "prosecutor_presumed_guilt": (2, 6, 33.33, 1, 0, 0),
    # Issue 21.5 changes this figure: among the detained and present, a1 a6 a7 yes, a2 no: 3 of 4.
    # (Before: also a5 not detained (no) and a3 under supervision (unknown): 3 of 5 = 60%, 1 unknown.)
    "prison_uniform": (3, 4, 75.0, 0, 0, 0),
    # yes a1 a6; no a2 a4 a5 a7; unknown a3: 2 of 6 = 33.33%.
    "coerced_confession_claims": (2, 6, 33.33, 1, 0, 0),
    # verdicts at H1 (public yes) and H3 (unknown): 1 of 1 = 100%.
    "verdicts_in_public": (1, 1, 100.0, 1, 0, 0),
    # H1 no, H3 yes: 1 of 2.
    "verdicts_with_reasons": (1, 2, 50.0, 0, 0, 0),
    # absent a4; present a1 a2 a3 a6 a7; unknown a5: 1 of 6 = 16.67%.
    "tried_in_absentia": (1, 6, 16.67, 1, 0, 0),
    # Issue 21.3 changes this figure: first instance only, j1 j3 j4 yes (j2, at appeal, left out): 3 of 3.
    "juvenile_pretrial_detention": (3, 3, 100.0, 0, 0, 0),
    # among detained j1 j3 j4: yes j1, no j4, unknown j3: 1 of 2.
    "juvenile_detained_with_adults": (1, 2, 50.0, 1, 0, 0),
    # Issue 21.13, not asked in these checklists: j1 j3 j4 detained, none answered: 3 not recorded.
    "juvenile_detention_reason_given": (0, 0, None, 0, 0, 3),
    "juvenile_detention_alternatives_considered": (0, 0, None, 0, 0, 3),
    # yes j2 j4, no j1 j3: 2 of 4.
    "juvenile_in_camera": (2, 4, 50.0, 0, 0, 0),
    # yes j2 j3 j4, no j1: 3 of 4.
    "juvenile_identity_protected": (3, 4, 75.0, 0, 0, 0),
    # yes j2 j3 j4, no j1: 3 of 4.
    "juvenile_lawyer_present": (3, 4, 75.0, 0, 0, 0),
    # yes j1 j4, no j2, unknown j3: 2 of 3 = 66.67%.
    "juvenile_parent_present": (2, 3, 66.67, 1, 0, 0),
    # yes j2, no j3 j4, unknown j1: 1 of 3 = 33.33%.
    "juvenile_social_worker_present": (1, 3, 33.33, 1, 0, 0),
    # yes j1 j4, no j3, N/A j2 (no verdict): 2 of 3 = 66.67%.
    "juvenile_verdict_public": (2, 3, 66.67, 0, 1, 0),
    # Issue 21.7: verdict public for j1 (identity not protected) and j4 (protected): 1 of 2.
    "juvenile_verdict_public_identity_exposed": (1, 2, 50.0, 0, 0, 0),
    # convicted: j1 (a2, prison yes), j3 (a6, no); j2 and j4 pending are outside: 1 of 2.
    "juvenile_custodial_sentence": (1, 2, 50.0, 0, 0, 0),
    # Issue 21.13, not asked here: convicted j1 j3 unanswered; all four juveniles unanswered.
    "juvenile_sentence_reduction_applied": (0, 0, None, 0, 0, 2),
    "juvenile_age_documented": (0, 0, None, 0, 0, 4),
    "juvenile_treated_as_adult": (0, 0, None, 0, 0, 4),
    # yes j2, no j1 j3 j4: 1 of 4 = 25%.
    "juvenile_below_minimum_age": (1, 4, 25.0, 0, 0, 0),
    # manual 3: as juvenile pretrial detention (first instance only since issue 21.3), 3 of 3.
    "unodc_pre_sentence_detention": (3, 3, 100.0, 0, 0, 0),
    # manual 7: as detained with adults, 1 of 2, 1 unknown.
    "unodc_not_separated_from_adults": (1, 2, 50.0, 1, 0, 0),
    # manual 9: as custodial sentences, 1 of 2.
    "unodc_custodial_sentence": (1, 2, 50.0, 0, 0, 0),
    # Retitled "diversion or alternatives raised" (issue 21.2), same figure: yes j2, no j1 j4, unknown j3: 1 of 3.
    "juvenile_diversion_raised": (1, 3, 33.33, 1, 0, 0),
    # manual 10 (issue 21.2): diversion ordered, not asked in version 1 checklists: 4 not recorded.
    "unodc_diversion_ordered": (0, 0, None, 0, 0, 4),
}

#: (n, median, mean, min, max, not recorded) for every duration indicator.
EXPECTED_DURATIONS = {
    # pretrial a1 100, a2 40, a6 not recorded, a7 300: n 3, median 100, mean 440/3 = 146.67.
    "pretrial_detention_days": (3, 100.0, 146.67, 40.0, 300.0, 1),
    # j1 40, j3 200, j4 300: median 200, mean 540/3 = 180.
    "juvenile_detention_days": (3, 200.0, 180.0, 40.0, 300.0, 0),
    # detained and convicted: j1 40, j3 200 (j4 pending): median (40+200)/2 = 120, mean 120.
    "unodc_time_before_sentencing": (2, 120.0, 120.0, 40.0, 200.0, 0),
}

#: Counts: H1 H2 H3; accused a1-a7; juveniles j1-j4, all with an age under 18 (no possible juvenile).
EXPECTED_COUNTS = {"hearings": 3, "accused": 7, "juvenile_accused": 4, "possible_juvenile_accused": 0}


def test_every_default_indicator_has_a_hand_computed_figure(app):
    """Is every indicator of the default file checked below?"""
    indicators = read_indicator_file(app.config["INDICATOR_FILE"], registry())
    checked = set(EXPECTED_PERCENTAGES) | set(EXPECTED_DURATIONS) | set(EXPECTED_COUNTS)
    assert {indicator.key for indicator in indicators.indicators} == checked


def test_quarter_figures_match_hand_counts(programme):
    """Does each indicator of 2025-Q1 give the hand-counted numerator, denominator and exclusions?"""
    report = _report()
    assert (report.period.start, report.period.end) == (date(2024, 11, 1), date(2025, 1, 31))
    for key, expected in EXPECTED_COUNTS.items():
        assert report.indicator(key).figure.n == expected, key
    for key, expected in EXPECTED_PERCENTAGES.items():
        assert _percentage(report.indicator(key).figure) == expected, key
    for key, expected in EXPECTED_DURATIONS.items():
        assert _duration(report.indicator(key).figure) == expected, key


def test_volume_breakdowns(programme):
    """Are hearings, accused and juveniles split by court, stage, gender, age band and offence as counted by hand?"""
    report = _report()
    # Alpha: H1 H3; Beta: H2. Stages: first instance H1 H3, appeal H2.
    assert _categories(report, "hearings", "court", None) == {"alpha": 2, "beta": 1}
    assert _categories(report, "hearings", "stage", None) == {"first_instance": 2, "appeal": 1, "supreme_court": 0}
    # A hearing counts in each of its offence categories: drugs H1; theft H2; violence H2 H3.
    assert _categories(report, "hearings", "offence", None) == {
        "drugs": 1, "theft_robbery": 1, "violence": 2, "sexual_offence": 0, "trafficking": 0, "other": 0}
    # male a1 a3 a6 a7, female a2 a4, unknown a5.
    assert _categories(report, "accused", "gender", None) == {"male": 4, "female": 2, "other": 0, "unknown": 1}
    # 13: a3; 15: a6; 16, 17: a2 a7; 30, 45: a1 a5; no age: a4.
    assert _categories(report, "accused", "age_band", None) == {
        "under_14": 1, "age_14_15": 1, "age_16_17": 2, "adult": 2, "not_recorded": 1}
    # Accused inherit their hearing's offences: drugs a1 a2; theft a3-a5; violence a3-a5, a6 a7.
    assert _categories(report, "accused", "offence", None) == {
        "drugs": 2, "theft_robbery": 3, "violence": 5, "sexual_offence": 0, "trafficking": 0, "other": 0}
    # j1 j3 j4 at Alpha, j2 at Beta; j1 girl, others boys; ages 16, 13, 15, 17.
    assert _categories(report, "juvenile_accused", "court", None) == {"alpha": 3, "beta": 1}
    assert _categories(report, "juvenile_accused", "gender", None) == {"male": 3, "female": 1, "other": 0, "unknown": 0}
    assert _categories(report, "juvenile_accused", "age_band", None) == {
        "under_14": 1, "age_14_15": 1, "age_16_17": 2, "adult": 0}
    court = next(b for b in report.indicator("hearings").breakdowns if b.key == "court")
    assert [c.label["en"] for c in court.categories] == ["Alpha Court", "Beta Court"]


def test_percentage_and_duration_breakdowns(programme):
    """Do breakdowns of percentages keep their own numerators, denominators and exclusions?"""
    report = _report()
    # Alpha: H1 yes, H3 no -> 1 of 2. Beta: H2 unknown -> 0 of 0, 1 unknown, no percentage.
    assert _categories(report, "hearings_open_to_public", "court") == {
        "alpha": (1, 2, 50.0, 0, 0, 0), "beta": (0, 0, None, 1, 0, 0)}
    # men a1 a3 a6 a7 all yes; women a2 a4 both no; unknown gender a5 unknown.
    assert _categories(report, "represented_by_lawyer", "gender") == {
        "male": (4, 4, 100.0, 0, 0, 0), "female": (0, 2, 0.0, 0, 0, 0),
        "other": (0, 0, None, 0, 0, 0), "unknown": (0, 0, None, 1, 0, 0)}
    # under 14 a3 yes; 14-15 a6 yes; 16-17 a2 no, a7 yes; adults a1 yes, a5 unknown; no age a4 no.
    assert _categories(report, "represented_by_lawyer", "age_band") == {
        "under_14": (1, 1, 100.0, 0, 0, 0), "age_14_15": (1, 1, 100.0, 0, 0, 0), "age_16_17": (1, 2, 50.0, 0, 0, 0),
        "adult": (1, 1, 100.0, 1, 0, 0), "not_recorded": (0, 1, 0.0, 0, 0, 0)}
    # First instance only (issue 21.3): drugs: a1 a2 detained -> 2 of 2; theft: only H2 (appeal) -> none;
    # violence: a6 a7 detained (H2's a3-a5 left out) -> 2 of 2.
    offences = _categories(report, "pretrial_detention", "offence")
    assert offences["drugs"] == (2, 2, 100.0, 0, 0, 0)
    assert offences["theft_robbery"] == (0, 0, None, 0, 0, 0)
    assert offences["violence"] == (2, 2, 100.0, 0, 0, 0)
    # every detained accused is at Alpha: n 3 (a6 not recorded), median 100; Beta has none.
    assert _categories(report, "pretrial_detention_days", "court", _duration) == {
        "alpha": (3, 100.0, 146.67, 40.0, 300.0, 1), "beta": (0, None, None, None, None, 0)}
    # UNODC 3 by gender, first instance only: boys j3 j4 yes (j2 at appeal) -> 2 of 2; girl j1 yes -> 1 of 1.
    assert _categories(report, "unodc_pre_sentence_detention", "gender")["male"] == (2, 2, 100.0, 0, 0, 0)
    assert _categories(report, "unodc_pre_sentence_detention", "gender")["female"] == (1, 1, 100.0, 0, 0, 0)


def test_comparisons_and_trend(programme):
    """Is each figure compared with the quarter before and the same quarter a year earlier, with an 8-quarter trend?"""
    report = _report()
    hearings = report.indicator("hearings")
    # 2024-Q4 (Aug-Oct 2024) holds the hearing of 31 Oct 2024; 2024-Q1 (Nov 2023-Jan 2024) that of 31 Jan 2024.
    assert (hearings.previous.period.label, hearings.previous.figure.n) == ("2024-Q4", 1)
    assert (hearings.year_earlier.period.label, hearings.year_earlier.figure.n) == ("2024-Q1", 1)
    lawyer = report.indicator("represented_by_lawyer")
    assert (lawyer.previous.figure.numerator, lawyer.previous.figure.denominator) == (0, 1)  # 31 Oct: no
    assert (lawyer.year_earlier.figure.numerator, lawyer.year_earlier.figure.denominator) == (1, 1)  # 31 Jan 2024: yes
    assert [(point.period.label, point.figure.n) for point in hearings.trend] == [
        ("2023-Q2", 0), ("2023-Q3", 0), ("2023-Q4", 0), ("2024-Q1", 1),
        ("2024-Q2", 0), ("2024-Q3", 0), ("2024-Q4", 1), ("2025-Q1", 3)]
    assert report.indicator("accused").trend == ()  # trends only for key indicators


def test_reporting_year_and_date_range(programme):
    """Does the reporting year 2025 run November 2024 to October 2025, and can any dates be chosen?"""
    year = _report("2025")
    assert (year.period.start, year.period.end) == (date(2024, 11, 1), date(2025, 10, 31))
    assert year.indicator("hearings").figure.n == 4  # H1 H2 H3 and 1 Feb 2025
    days = service.build_report(service.period_from_arguments(None, "2025-01-31", "2025-02-01"))
    assert days.indicator("hearings").figure.n == 2  # 31 Jan and 1 Feb
    assert days.indicator("accused").figure.n == 4  # a3 a4 a5 and the accused of 1 Feb


def test_only_approved_checklists_count_without_the_switch(make_app, database_url, programme):
    """With STATISTICS_COUNT_SUBMITTED off, do only approved checklists count?"""
    strict = make_app(database_url, REPORTING_YEAR_START_MONTH=11, STATISTICS_COUNT_SUBMITTED=False)
    with strict.app_context():
        report = _report()
    assert report.counted_statuses == ("approved",)
    assert report.indicator("hearings").figure.n == 1  # H1 only
    assert report.indicator("accused").figure.n == 2  # a1 a2
    assert report.indicator("juvenile_accused").figure.n == 1  # j1
