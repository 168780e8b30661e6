"""Correcting on the pages: the section form, the revision page, the comparison, stale saves."""
import pytest

from monitor.extensions import db
from monitor.models import Checklist
from tests.support.mini_checklist import complete_document

BASICS = "/review/checklists/{uuid}/correct/hearing/basics"


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def setting(create_user, create_court, client_for, make_checklist):
    checklist = make_checklist(create_user("monitor"), create_court(), complete_document(ages=(35, 16)))
    first, second = create_user("manager", username="chenda"), create_user("manager", username="vanna")
    return checklist, client_for(first), client_for(second)


def _basics(hearing_open: str, base: int, reason: str = "Seen in court") -> dict:
    return {"hearing_date": "2025-03-04", "case_reference": "CR-1", "hearing_open": hearing_open,
            "offence_categories": ["drugs"], "correction-base_revision": str(base), "correction-comment": reason}


def test_correction_form_saves_a_revision_and_shows_the_changes(setting):
    checklist, office, _ = setting
    form = office.get(BASICS.format(uuid=checklist.uuid))
    assert form.status_code == 200 and 'name="correction-base_revision"' in form.text and 'value="1"' in form.text
    saved = office.post(BASICS.format(uuid=checklist.uuid), data=_basics("no", 1, "Doors were locked"), follow_redirects=True)
    assert "Correction saved as revision 2." in saved.text
    assert "Was the hearing open to the public?" in saved.text
    assert 'class="before">Yes<' in saved.text and 'class="after">No<' in saved.text
    assert "Doors were locked" in saved.text

    juvenile = office.post(f"/review/checklists/{checklist.uuid}/correct/accused/2/juvenile/protection",
                           data={"in_camera": "no", "parent_present": "yes", "correction-base_revision": "2",
                                 "correction-comment": "The annex was swapped"})
    assert juvenile.status_code == 302

    compare = office.get(f"/review/checklists/{checklist.uuid}/compare?from=1&to=3").text
    assert "Accused 2 · Juvenile annex" in compare
    assert "accused[1].juvenile.in_camera" in compare and "accused[1].juvenile.parent_present" in compare
    assert "hearing.hearing_open" in compare
    original = office.get(f"/review/checklists/{checklist.uuid}/revisions/1").text
    assert "submission" in original and "<dd>Yes</dd>" in original


def test_stale_save_is_refused_with_a_clear_message(setting):
    """Two managers open the same form; the second save is refused and nothing is overwritten."""
    checklist, first, second = setting
    assert first.post(BASICS.format(uuid=checklist.uuid), data=_basics("no", 1)).status_code == 302
    refused = second.post(BASICS.format(uuid=checklist.uuid), data=_basics("unknown", 1))
    assert refused.status_code == 409
    assert "This checklist was changed since you opened it" in refused.text
    assert "Your changes were not saved" in refused.text
    db.session.expire_all()
    stored = db.session.get(Checklist, checklist.id)
    assert (stored.revision, stored.answers["hearing_open"]) == (2, "no")


def test_invalid_correction_names_the_problem_and_saves_nothing(setting):
    checklist, office, _ = setting
    response = office.post(BASICS.format(uuid=checklist.uuid), data=_basics("", 1))
    assert response.status_code == 422 and "is required" in response.text
    missing_revision = office.post(BASICS.format(uuid=checklist.uuid), data={**_basics("no", 1), "correction-base_revision": ""})
    assert missing_revision.status_code == 422 and "The form lost its revision; reload the page." in missing_revision.text
    db.session.expire_all()
    assert db.session.get(Checklist, checklist.id).revision == 1


def test_unknown_revision_and_section_are_404(setting):
    checklist, office, _ = setting
    assert office.get(f"/review/checklists/{checklist.uuid}/revisions/7").status_code == 404
    assert office.get(f"/review/checklists/{checklist.uuid}/compare?from=1&to=9").status_code == 404
    assert office.get(f"/review/checklists/{checklist.uuid}/correct/hearing/nowhere").status_code == 404
    assert office.get(f"/review/checklists/{checklist.uuid}/correct/accused/1/juvenile/protection").status_code == 404


def test_a_correction_without_a_reason_is_refused_and_the_reason_shows_in_history_and_audit(setting, create_user,
                                                                                               client_for):
    """Corrections were saved with an empty comment; now the form asks why, and the history and audit log show it."""
    checklist, office, _ = setting
    refused = office.post(BASICS.format(uuid=checklist.uuid), data=_basics("no", 1, "   "))
    assert refused.status_code == 422
    assert "Say why these answers are corrected; the history and the audit log keep the reason." in refused.text
    db.session.expire_all()
    assert db.session.get(Checklist, checklist.id).revision == 1

    office.post(BASICS.format(uuid=checklist.uuid), data=_basics("no", 1, "The doors were locked all morning"))
    history = office.get(f"/review/checklists/{checklist.uuid}").text
    assert "<blockquote>The doors were locked all morning</blockquote>" in history
    audit = client_for(create_user("admin")).get("/admin/audit").text
    assert "The doors were locked all morning" in audit
