"""Corrections keep every revision: who changed which item from what to what, and the original."""
import pytest

from monitor.models import ChecklistRevision
from monitor.services import corrections, revisions
from monitor.services.checklists import ChecklistInvalid, ChecklistLocked
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def submitted(create_user, create_court, make_checklist):
    monitor = create_user("monitor")
    return make_checklist(monitor, create_court(), complete_document())


def test_first_revision_is_the_monitors_submission(submitted):
    [first] = revisions.revisions_of(submitted)
    assert (first.number, first.kind, first.author_id, first.base_number) == (1, "submission", submitted.monitor_id, None)
    assert first.document == complete_document()
    assert submitted.revision == 1


def test_each_correction_is_a_revision_with_its_changes(submitted, create_user):
    """Are revisions numbered, attributed and diffed item by item, with the original kept?"""
    manager, colleague = create_user("manager"), create_user("manager")
    corrected = complete_document()
    corrected["hearing"]["hearing_open"] = "no"
    corrected["accused"][0]["age_at_offence"] = 16
    corrected["accused"][0]["juvenile"] = {"in_camera": "yes", "parent_present": "no"}
    second = corrections.correct_checklist(submitted, manager, corrected, 1, "Seen on the court's notice board").revision
    assert (second.number, second.base_number, second.kind, second.author_id) == (2, 1, "correction", manager.id)
    assert second.comment == "Seen on the court's notice board"
    assert second.changes == [
        {"path": "hearing.hearing_open", "before": "yes", "after": "no"},
        {"path": "accused[0].age_at_offence", "before": 35, "after": 16},
        {"path": "accused[0].juvenile.in_camera", "before": None, "after": "yes"},
        {"path": "accused[0].juvenile.parent_present", "before": None, "after": "no"},
    ]
    third_document = {**corrected, "hearing": {**corrected["hearing"], "case_reference": "CR-2"}}
    third = corrections.correct_checklist(submitted, colleague, third_document, 2, "Typo").revision
    assert third.changes == [{"path": "hearing.case_reference", "before": "CR-1", "after": "CR-2"}]

    assert [r.number for r in revisions.revisions_of(submitted)] == [1, 2, 3]
    assert revisions.get_revision(submitted, 1).document == complete_document(), "the original is never lost"
    assert submitted.revision == 3 and submitted.answers["case_reference"] == "CR-2"
    assert submitted.accused[0].juvenile.answers == {"in_camera": "yes", "parent_present": "no"}


def test_save_based_on_a_stale_revision_is_refused(submitted, create_user):
    """Two managers correct from revision 1: the second save must fail, not overwrite the first."""
    first_manager, second_manager = create_user("manager"), create_user("manager")
    mine, theirs = complete_document(), complete_document()
    mine["hearing"]["hearing_open"] = "no"
    theirs["hearing"]["hearing_open"] = "unknown"
    corrections.correct_checklist(submitted, first_manager, mine, 1, "Closed")
    with pytest.raises(revisions.StaleRevision) as refused:
        corrections.correct_checklist(submitted, second_manager, theirs, 1, "Unknown")
    assert "revision 2 was saved by" in str(refused.value) and first_manager.display_name in str(refused.value)
    assert submitted.answers["hearing_open"] == "no"
    assert submitted.revision == 2


def test_concurrent_claim_of_the_same_revision_is_refused(submitted, create_user):
    """Even when the in-memory checklist still says revision 1, the database refuses a second revision 2."""
    manager = create_user("manager")
    document = complete_document()
    document["hearing"]["hearing_open"] = "no"
    revisions.record_revision(submitted, manager, "correction", document, 1)
    with pytest.raises(revisions.StaleRevision):
        revisions.record_revision(submitted, manager, "correction", document, 1)
    assert [r.number for r in revisions.revisions_of(submitted)] == [1]  # the first claim was never committed


def test_corrections_are_validated_like_submissions(submitted, create_user):
    manager = create_user("manager")
    bad = complete_document()
    bad["hearing"]["hearing_open"] = "maybe"
    del bad["accused"][0]["gender"]
    with pytest.raises(ChecklistInvalid) as invalid:
        corrections.correct_checklist(submitted, manager, bad, 1, "Bad")
    assert set(invalid.value.problems) == {"hearing.hearing_open", "accused[0].gender"}
    assert submitted.revision == 1
    with pytest.raises(corrections.NothingChanged):
        corrections.correct_checklist(submitted, manager, complete_document(), 1, "Same")


def test_only_submitted_or_approved_checklists_are_corrected(create_user, create_court, make_checklist):
    monitor, manager = create_user("monitor"), create_user("manager")
    draft = make_checklist(monitor, create_court(), complete_document(), status="draft")
    with pytest.raises(ChecklistLocked):
        corrections.correct_checklist(draft, manager, complete_document(open_hearing="no"), 0, "Draft")
    assert ChecklistRevision.query.count() == 0
