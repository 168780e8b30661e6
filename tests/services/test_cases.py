"""Does a case gather its hearings, and do its facts (hearings, adjournments, days from arrest to
the first-instance verdict) come out as worked out by hand?"""
from datetime import date

import pytest

from monitor.extensions import db
from monitor.models import Case, CaseAccused
from monitor.services import cases
from monitor.services.case_facts import Adjournment, case_facts
from tests.support.case_checklist import hearing, person, write_case_definitions


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {"CHECKLIST_FOLDER": str(write_case_definitions(tmp_path / "checklists")), "DEFAULT_CHECKLIST": "mini_case"}


def test_a_case_gets_the_next_code_accused_codes_and_is_opened_once(app, create_court, create_user):
    court, monitor = create_court(), create_user()
    first = cases.open_case(monitor, court, ["drugs"], 2, case_uuid="6f1c2d3e-0000-4000-8000-000000000001")
    second = cases.open_case(monitor, court, [], 1)
    assert (first.created, first.case.code, [a.code for a in first.case.accused]) == (True, "C-00001", ["A1", "A2"])
    assert second.case.code == "C-00002"
    again = cases.open_case(monitor, court, ["drugs"], 2, case_uuid="6f1c2d3e-0000-4000-8000-000000000001")
    assert (again.created, again.case.id) == (False, first.case.id)
    assert db.session.query(Case).count() == 2 and db.session.query(CaseAccused).count() == 3


def test_case_fields_are_checked_field_by_field(app, create_court, create_user):
    with pytest.raises(cases.CaseInvalid) as refused:
        cases.open_case(create_user(), create_court(), ["drugs", "piracy"], 0, status="finished")
    assert set(refused.value.problems) == {"offence_categories", "accused", "status"}
    assert "piracy" in refused.value.problems["offence_categories"]
    assert db.session.query(Case).count() == 0


def test_the_same_uuid_at_another_court_is_a_conflict(app, create_court, create_user):
    monitor = create_user()
    cases.open_case(monitor, create_court(), [], 1, case_uuid="6f1c2d3e-0000-4000-8000-000000000002")
    with pytest.raises(cases.CaseConflict):
        cases.open_case(monitor, create_court("appeal", "Court of Appeal"), [], 1,
                        case_uuid="6f1c2d3e-0000-4000-8000-000000000002")


def test_facts_of_a_case_followed_through_five_hearings(app, create_court, create_user, make_checklist):
    """Two accused, two adjournments, a first-instance verdict, an appeal, and a draft not yet sent:
    A1 arrested 2024-12-01 and detained until convicted on 2025-03-03 (92 days); A2 arrested
    2024-12-05 (a later hearing says 2024-12-06), acquitted at liberty the same day (88 days)."""
    court, appeal_court, monitor = create_court(), create_court("appeal", "Court of Appeal"), create_user()
    case = cases.open_case(monitor, court, ["drugs"], 2).case
    documents = [
        (court, hearing("2025-02-14", person(arrest="2024-12-01", detention="pretrial_detention"),
                        person(arrest="2024-12-06", detention="not_detained"), adjourned="yes", reason="yes"), "submitted"),
        (court, hearing("2025-01-10", person(arrest="2024-12-01", detention="pretrial_detention"),
                        person(arrest="2024-12-05", detention="not_detained"), adjourned="yes", reason="no"), "submitted"),
        (court, hearing("2025-03-03", person("convicted", detention="pretrial_detention"),
                        person("acquitted", detention="not_detained")), "submitted"),
        (appeal_court, hearing("2025-06-01", person("convicted"), stage="appeal"), "submitted"),
        (court, hearing("2025-07-01", person("acquitted"), stage="appeal"), "draft"),
    ]
    for hearing_court, document, status in documents:
        checklist = make_checklist(monitor, hearing_court, document, status=status)
        cases.name_case(checklist, case)
    db.session.commit()
    unrelated = make_checklist(monitor, court, hearing("2025-01-20", person("convicted", arrest="2024-01-01")))

    facts = cases.facts_of(cases.find_case(case.uuid))

    assert (facts.hearings, facts.first_hearing, facts.last_hearing) == (4, date(2025, 1, 10), date(2025, 6, 1))
    assert facts.adjournments == (Adjournment(date(2025, 1, 10), "no"), Adjournment(date(2025, 2, 14), "yes"))
    assert facts.appeal_hearings == 1
    first, second = facts.accused
    assert (first.code, first.arrest_date, first.verdict_date) == ("A1", date(2024, 12, 1), date(2025, 3, 3))
    assert (first.days_from_arrest_to_verdict, first.pretrial_detention_days_to_verdict) == (92, 92)
    assert (first.appeal_verdict_date, first.arrest_dates_disagree) == (date(2025, 6, 1), False)
    assert (second.code, second.arrest_date, second.arrest_dates_disagree) == ("A2", date(2024, 12, 5), True)
    assert (second.days_from_arrest_to_verdict, second.pretrial_detention_days_to_verdict) == (88, None)
    assert second.appeal_verdict_date is None
    assert [c.hearing_date for c in cases.checklists_of_case(case)] == [
        date(2025, 1, 10), date(2025, 2, 14), date(2025, 3, 3), date(2025, 6, 1), date(2025, 7, 1)]
    assert unrelated.case_id is None


def test_a_case_without_hearings_or_verdict_has_unknown_facts():
    facts = case_facts([], ["A1"])
    assert (facts.hearings, facts.first_hearing, facts.adjournments) == (0, None, ())
    [accused] = facts.accused
    assert (accused.arrest_date, accused.verdict_date, accused.days_from_arrest_to_verdict) == (None, None, None)
