"""Do ages, detention lengths, hidden items and validation behave as a monitor expects?"""
from datetime import date
from pathlib import Path

import pytest

from monitor.checklists import answers
from monitor.checklists.computed import days_between, years_between
from monitor.checklists.loader import read_definition_file

DEFINITION = read_definition_file(Path(__file__).parents[2] / "monitor" / "checklists" / "fair_trial.v1.yaml")
TODAY = date(2026, 6, 30)


@pytest.mark.parametrize(
    "birth, offence, age",
    [
        ("2008-03-01", "2026-03-01", 18),  # birthday on the offence date: already 18
        ("2008-03-01", "2026-02-28", 17),  # 17 years and 364 days
        ("2008-03-02", "2026-03-01", 17),
        ("2008-02-29", "2026-02-28", 17),  # leap-day birthday, common year
        ("2008-02-29", "2026-03-01", 18),
        ("2010-05-05", "2010-05-05", 0),
        ("2026-01-02", "2026-01-01", None),  # born after the offence: no age
        (None, "2026-01-01", None),
        ("2008-03-01", None, None),
        ("not a date", "2026-01-01", None),
        ("2008-W10-1", "2026-03-01", None),  # an ISO week date is not how checklists write dates
        ("20080301", "2026-03-01", None),
    ],
)
def test_age_at_offence(birth, offence, age):
    assert years_between(birth, offence) == age


@pytest.mark.parametrize(
    "arrest, hearing, days",
    [("2026-01-01", "2026-01-01", 0), ("2025-12-31", "2026-01-01", 1), ("2024-02-28", "2024-03-01", 2),
     ("2026-01-02", "2026-01-01", None), (None, "2026-01-01", None)],
)
def test_pretrial_detention_days(arrest, hearing, days):
    assert days_between(arrest, hearing) == days


def accused(**answers_):
    return {"gender": "male", "present_at_hearing": "yes", **answers_}


def test_age_is_computed_from_dates_and_annex_attached_for_a_juvenile():
    document = {"hearing": {"hearing_date": "2026-03-01"},
                "accused": [accused(date_of_birth="2008-03-02", offence_date="2026-03-01", age_at_offence=30)]}
    document = answers.normalise(DEFINITION, document)
    assert document["accused"][0]["age_at_offence"] == 17  # the computed age replaces what was typed
    assert document["accused"][0]["juvenile"] == {}


def test_entered_age_is_kept_when_dates_are_missing_and_adult_has_no_annex():
    document = {"hearing": {"hearing_date": "2026-03-01"}, "accused": [accused(age_at_offence=18, juvenile={"in_camera": "yes"})]}
    document = answers.normalise(DEFINITION, document)
    assert document["accused"][0]["age_at_offence"] == 18
    assert "juvenile" not in document["accused"][0]


def test_detention_days_computed_to_the_hearing_date():
    document = {"hearing": {"hearing_date": "2026-03-01"},
                "accused": [accused(detention_status="pretrial_detention", date_of_arrest="2025-12-01")]}
    assert answers.normalise(DEFINITION, document)["accused"][0]["pretrial_detention_days"] == 90


def test_answers_to_hidden_items_are_dropped():
    """An item the monitor was not asked has no answer, so statistics never count it."""
    document = {"hearing": {"hearing_date": "2026-03-01", "verdict_announced": "no", "verdict_public": "yes"},
                "accused": [accused(detention_status="not_detained", pretrial_detention_days=40)]}
    document = answers.normalise(DEFINITION, document)
    assert "verdict_public" not in document["hearing"]
    assert "pretrial_detention_days" not in document["accused"][0]


def test_draft_needs_no_required_items_but_submission_does():
    document = answers.normalise(DEFINITION, {"hearing": {"hearing_date": "2026-03-01"}, "accused": []})
    assert answers.validate(DEFINITION, document, submitting=False, today=TODAY) == {}
    problems = answers.validate(DEFINITION, document, submitting=True, today=TODAY)
    assert problems["hearing.hearing_open"] == "is required"
    assert problems["accused"] == "add at least 1 accused"


@pytest.mark.parametrize(
    "hearing, accused_answers, path, message",
    [
        ({"hearing_date": "2026-07-01"}, {}, "hearing.hearing_date", "cannot be in the future"),
        ({"hearing_date": "2026-02-30"}, {}, "hearing.hearing_date", "must be a date written YYYY-MM-DD"),
        ({"hearing_date": "2026-W09-7"}, {}, "hearing.hearing_date", "must be a date written YYYY-MM-DD"),
        ({"hearing_date": "٢٠٢٦-٠٣-٠١"}, {}, "hearing.hearing_date", "must be a date written YYYY-MM-DD"),
        ({"start_time": "10:30\n"}, {}, "hearing.start_time", "HH:MM"),
        ({"start_time": "1٠:30"}, {}, "hearing.start_time", "HH:MM"),
        ({"offence_categories": ["drugs"] * 40}, {}, "hearing.offence_categories", "lists 40 choices; there are only "),
        ({"hearing_open": "maybe"}, {}, "hearing.hearing_open", "must be one of: yes, no, unknown"),
        ({"hearing_open": "na"}, {}, "hearing.hearing_open", "must be one of: yes, no, unknown"),
        ({"start_time": "25:00"}, {}, "hearing.start_time", "HH:MM"),
        ({"offence_categories": ["drugs", "piracy"]}, {}, "hearing.offence_categories", "unknown choice piracy"),
        ({}, {"age_at_offence": 130}, "accused[0].age_at_offence", "must be at most 120"),
        ({}, {"age_at_offence": "17"}, "accused[0].age_at_offence", "must be a whole number"),
        ({}, {"detention_status": "pretrial_detention", "date_of_arrest": "2026-03-02"}, "accused[0].date_of_arrest",
         "hearing date"),
        ({}, {"date_of_birth": "2020-01-01", "offence_date": "2019-01-01"}, "accused[0].date_of_birth", "offence"),
        ({"surprise": "yes"}, {}, "hearing.surprise", "is not an item"),
    ],
)
def test_bad_values_are_named_by_path(hearing, accused_answers, path, message):
    document = {"hearing": {"hearing_date": "2026-03-01", **hearing}, "accused": [accused(**accused_answers)]}
    problems = answers.validate(DEFINITION, answers.normalise(DEFINITION, document), submitting=False, today=TODAY)
    assert path in problems, problems
    assert message in problems[path]


def test_annex_items_are_validated_under_their_path():
    document = {"hearing": {"hearing_date": "2026-03-01"},
                "accused": [accused(age_at_offence=15), accused(age_at_offence=16, juvenile={"in_camera": "perhaps"})]}
    problems = answers.validate(DEFINITION, answers.normalise(DEFINITION, document), submitting=False, today=TODAY)
    assert "accused[1].juvenile.in_camera" in problems


def test_a_malformed_date_is_named_where_it_is_not_as_a_wrong_comparison_elsewhere():
    document = {"hearing": {"hearing_date": "2026-W09-7"},
                "accused": [accused(offence_date="2026-01-05", date_of_arrest="2026-01-06")]}
    problems = answers.validate(DEFINITION, answers.normalise(DEFINITION, document), submitting=False, today=TODAY)
    assert problems == {"hearing.hearing_date": "must be a date written YYYY-MM-DD"}


def test_the_age_is_worked_out_before_the_annex_is_decided_so_the_annex_is_kept():
    annex = {"in_camera": "yes", "parent_present": "no"}
    document = {"hearing": {"hearing_date": "2026-03-01"},
                "accused": [accused(date_of_birth="2010-01-01", offence_date="2026-01-01", juvenile=dict(annex))]}
    settled = answers.settle(DEFINITION, document)
    assert settled.document["accused"][0]["age_at_offence"] == 16
    assert settled.document["accused"][0]["juvenile"] == annex
    assert settled.ignored == {}


def test_what_the_rules_remove_is_listed_with_the_reason():
    document = {"hearing": {"hearing_date": "2026-03-01", "verdict_announced": "no", "verdict_public": "yes"},
                "accused": [accused(age_at_offence=19, juvenile={"in_camera": "yes"}),
                            accused(detention_status="not_detained", date_of_arrest="2026-01-01")]}
    settled = answers.settle(DEFINITION, document)
    assert settled.ignored == {"hearing.verdict_public": "not asked unless verdict_announced = yes",
                               "accused[0].juvenile": "accused is 19 at the offence"}
    assert "pretrial_detention_days" not in settled.document["accused"][1]  # worked out, not asked, never sent


def test_an_entered_age_is_kept_only_while_the_dates_are_not_both_known():
    document = {"hearing": {"hearing_date": "2026-03-01"}, "accused": [accused(age_at_offence=15, offence_date="2026-01-01")]}
    assert answers.normalise(DEFINITION, document)["accused"][0]["age_at_offence"] == 15


def test_a_sent_value_that_disagrees_with_its_dates_is_named():
    sent = {"hearing": {"hearing_date": "2026-03-01"},
            "accused": [accused(date_of_birth="2010-01-01", offence_date="2026-01-01", age_at_offence=30)]}
    settled = answers.settle(DEFINITION, answers.copy_document(sent))
    assert settled.document["accused"][0]["age_at_offence"] == 16
    assert answers.sent_problems(DEFINITION, sent, settled) == {
        "accused[0].age_at_offence": "is 16 when worked out from date_of_birth and offence_date, not 30"}


def test_an_annex_without_any_age_is_a_problem_for_a_sender_not_a_silent_loss():
    sent = {"hearing": {"hearing_date": "2026-03-01"}, "accused": [accused(juvenile={"in_camera": "yes"})]}
    settled = answers.settle(DEFINITION, answers.copy_document(sent))
    assert "juvenile" not in settled.document["accused"][0]
    problems = answers.sent_problems(DEFINITION, sent, settled)
    assert list(problems) == ["accused[0].juvenile"] and "age_at_offence" in problems["accused[0].juvenile"]
