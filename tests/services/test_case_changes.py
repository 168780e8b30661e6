"""Can a manager move a hearing to another case and merge a case opened twice, with each change in
the audit log, and do phones that still hold the merged case's uuid reach the case it went into?"""
import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import AuditEvent
from monitor.services import case_changes, cases
from tests.support.case_checklist import hearing, person, write_case_definitions


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {"CHECKLIST_FOLDER": str(write_case_definitions(tmp_path / "checklists")), "DEFAULT_CHECKLIST": "mini_case"}


@pytest.fixture
def opened_twice(create_court, create_user, make_checklist):
    """One trial opened as two cases by two monitors: C-00001 (one accused, two hearings, drugs)
    and C-00002 (two accused, the verdict hearing, theft)."""
    court, first, second = create_court(), create_user(), create_user()
    kept = cases.open_case(first, court, ["drugs"], 1).case
    absorbed = cases.open_case(second, court, ["theft_robbery"], 1).case
    for document in (hearing("2025-01-10", person(arrest="2024-12-01")), hearing("2025-02-14", person())):
        cases.name_case(make_checklist(first, court, document), kept)
    verdict = make_checklist(second, court, hearing("2025-03-03", person("convicted"), person("acquitted")))
    cases.name_case(verdict, absorbed)
    db.session.commit()
    return kept, absorbed, verdict


def events() -> list[dict]:
    return [event.details | {"target": event.target_key} for event in
            db.session.scalars(select(AuditEvent).where(AuditEvent.event == "case_change").order_by(AuditEvent.id))]


def test_merging_moves_the_hearings_and_the_old_uuid_leads_to_the_kept_case(app, opened_twice):
    kept, absorbed, verdict = opened_twice
    assert case_changes.merge_cases(None, kept, absorbed) == 1
    kept = cases.find_case(kept.uuid)
    assert [c.hearing_date.isoformat() for c in cases.checklists_of_case(kept)] == ["2025-01-10", "2025-02-14", "2025-03-03"]
    assert [a.code for a in kept.accused] == ["A1", "A2"] and kept.offence_categories == ["drugs", "theft_robbery"]
    facts = cases.facts_of(kept)
    assert (facts.hearings, facts.accused[0].days_from_arrest_to_verdict) == (3, 92)
    assert cases.find_case(absorbed.uuid).id == kept.id
    assert [case.code for case in cases.search_cases()] == ["C-00001"]
    assert cases.case_by_code("C-00002").status == "closed"
    assert events() == [{"action": "merge", "absorbed": "C-00002", "hearings_moved": 1, "target": "C-00001"}]
    with pytest.raises(case_changes.CaseChangeRefused):
        case_changes.merge_cases(None, kept, cases.case_by_code("C-00002"))


def test_moving_a_hearing_is_audited_and_refused_when_nothing_changes(app, opened_twice):
    kept, absorbed, verdict = opened_twice
    case_changes.move_checklist(None, verdict, kept)
    assert cases.facts_of(cases.find_case(absorbed.uuid)).hearings == 0
    assert [a.code for a in cases.find_case(kept.uuid).accused] == ["A1", "A2"]
    assert events() == [{"action": "move", "from": "C-00002", "to": "C-00001", "target": verdict.uuid}]
    with pytest.raises(case_changes.CaseChangeRefused):
        case_changes.move_checklist(None, verdict, kept)


def test_the_commands_move_and_merge_and_name_what_they_cannot_find(runner, opened_twice):
    kept, absorbed, verdict = opened_twice
    moved = runner.invoke(args=["cases", "move", verdict.uuid, "c-00001"])
    assert (moved.exit_code, moved.output) == (0, f"Checklist {verdict.uuid} is now a hearing of case C-00001.\n")
    merged = runner.invoke(args=["cases", "merge", "C-00001", "C-00002"])
    assert (merged.exit_code, merged.output) == (0, "Merged case C-00002 into C-00001: 0 hearings moved.\n")
    unknown = runner.invoke(args=["cases", "merge", "C-00001", "C-00404"])
    assert unknown.exit_code == 1 and "No case with code 'C-00404'" in unknown.output
    again = runner.invoke(args=["cases", "merge", "C-00001", "C-00002"])
    assert again.exit_code == 1 and "already merged" in again.output
    missing = runner.invoke(args=["cases", "move", "00000000-0000-4000-8000-000000000000", "C-00001"])
    assert missing.exit_code == 1 and "No checklist" in missing.output
