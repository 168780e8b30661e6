"""Do checklists filed before cases existed get cases, one per hearing or gathered by court and
case reference, as the manager asks with `flask cases migrate`?"""
import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import AuditEvent, Case
from monitor.services import cases
from tests.support.case_checklist import hearing, person, write_case_definitions


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {"CHECKLIST_FOLDER": str(write_case_definitions(tmp_path / "checklists")), "DEFAULT_CHECKLIST": "mini_case"}


@pytest.fixture
def filed(create_court, create_user, make_checklist):
    """Five hearings: two of CR-77/2024 at the first-instance court (the reference typed two ways,
    the second with a verdict for two accused), one of CR-80, one of CR-77/2024 at another court,
    and one draft without a reference."""
    court, other, monitor = create_court(), create_court("siem_reap", "Siem Reap Court"), create_user()
    return [
        make_checklist(monitor, court, hearing("2025-01-10", person(), adjourned="yes", reason="no")),
        make_checklist(monitor, court, hearing("2025-02-14", person("convicted"), person("acquitted"),
                                               reference=" cr-77/2024")),
        make_checklist(monitor, court, hearing("2025-01-12", person(), reference="CR-80")),
        make_checklist(monitor, other, hearing("2025-01-15", person(), reference="CR-77/2024")),
        make_checklist(monitor, court, hearing("2025-03-01", person(), reference=""), status="draft"),
    ]


def case_sizes() -> list[tuple[str, int, list[str], str]]:
    """(code, hearings, accused codes, status) of every case."""
    found = db.session.scalars(select(Case).order_by(Case.id).execution_options(populate_existing=True)).all()
    counts = cases.hearing_counts(found)
    return [(case.code, counts.get(case.id, 0), [a.code for a in case.accused], case.status) for case in found]


def test_each_checklist_becomes_a_case_of_one_hearing(runner, filed):
    result = runner.invoke(args=["cases", "migrate"])
    assert result.exit_code == 0, result.output
    assert result.output == "Opened 5 cases for 5 checklists.\n"
    assert [size[1] for size in case_sizes()] == [1, 1, 1, 1, 1]
    assert runner.invoke(args=["cases", "migrate"]).output == "Opened 0 cases for 0 checklists.\n"


def test_checklists_of_one_court_and_reference_are_gathered(runner, filed, create_user, make_checklist):
    result = runner.invoke(args=["cases", "migrate", "--group-by-reference"])
    assert result.exit_code == 0, result.output
    assert result.output == "Opened 4 cases for 5 checklists.\n"
    assert case_sizes() == [("C-00001", 2, ["A1", "A2"], "verdict"), ("C-00002", 1, ["A1"], "ongoing"),
                            ("C-00003", 1, ["A1"], "ongoing"), ("C-00004", 1, ["A1"], "ongoing")]
    first = db.session.get(Case, filed[0].case_id)
    assert filed[1].case_id == first.id and first.offence_categories == ["drugs"]
    assert cases.facts_of(first).adjournments[0].reason_given == "no"
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "case_change")).all()
    assert event.details == {"group_by_reference": True, "cases_opened": 4, "checklists_named": 5}

    later = make_checklist(filed[0].monitor, filed[0].court, hearing("2025-04-01", person(), reference="CR-77/2024"))
    again = runner.invoke(args=["cases", "migrate", "--group-by-reference"])
    assert again.output == "Opened 0 cases for 1 checklists (1 joined cases opened before).\n"
    assert db.session.get(type(later), later.id).case_id == first.id


def test_the_court_case_number_is_not_copied_into_the_case(runner, filed):
    runner.invoke(args=["cases", "migrate", "--group-by-reference"])
    texts = [str(value).upper() for row in db.session.execute(select(Case.__table__)).all() for value in row]
    assert texts and not [text for text in texts if "CR-" in text or "77/2024" in text or "CR-80" in text]
