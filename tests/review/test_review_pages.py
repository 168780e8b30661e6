"""The review story on the pages: a manager returns a checklist, the monitor sees why on their
phone, changes it and submits again, and the manager approves it."""
import re

import pytest

from monitor.extensions import db
from monitor.models import Checklist
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def story(create_user, create_court, client_for, make_checklist):
    monitor, manager = create_user("monitor"), create_user("manager")
    checklist = make_checklist(monitor, create_court(), complete_document(), status="draft")
    return {"checklist": checklist, "phone": client_for(monitor), "office": client_for(manager)}


def _reload(checklist: Checklist) -> Checklist:
    db.session.expire_all()
    return db.session.get(Checklist, checklist.id)


def test_return_and_resubmit_cycle_on_the_pages(story):
    checklist, phone, office = story["checklist"], story["phone"], story["office"]
    uuid = checklist.uuid

    assert phone.post(f"/checklists/{uuid}/submit").status_code == 302
    assert _reload(checklist).status == "submitted"
    locked = phone.get(f"/checklists/{uuid}/hearing/basics")
    assert locked.status_code == 302, "a submitted checklist is no longer editable by its monitor"

    queue = office.get("/review/")
    assert queue.status_code == 200 and f"/review/checklists/{uuid}" in queue.text
    page = office.get(f"/review/checklists/{uuid}")
    assert "Return to monitor" in page.text and "Approve" in page.text

    returned = office.post(f"/review/checklists/{uuid}/decide",
                           data={"action": "return", "comment": "Was the hearing really open? Please check.", "revision": "1"})
    assert returned.status_code == 302
    assert _reload(checklist).status == "returned"

    mine = phone.get("/checklists")
    assert "Returned to you" in mine.text and "Was the hearing really open? Please check." in mine.text
    overview = phone.get(f"/checklists/{uuid}")
    assert "Was the hearing really open? Please check." in overview.text and "Submit again" in overview.text

    edited = phone.post(f"/checklists/{uuid}/hearing/basics", data={
        "hearing_date": "2025-03-04", "case_reference": "CR-1", "hearing_open": "no", "offence_categories": ["drugs"],
        "action": "save"})
    assert edited.status_code == 302
    resubmitted = phone.post(f"/checklists/{uuid}/submit", follow_redirects=True)
    assert "Checklist submitted again." in resubmitted.text
    checklist = _reload(checklist)
    assert (checklist.status, checklist.revision, checklist.answers["hearing_open"]) == ("submitted", 2, "no")

    approved = office.post(f"/review/checklists/{uuid}/decide", data={"action": "approve", "comment": "", "revision": "2"})
    assert approved.status_code == 302
    assert _reload(checklist).status == "approved"
    history = office.get(f"/review/checklists/{uuid}").text
    for step in ("Submitted", "Returned to the monitor", "Approved"):
        assert f"<strong>{step}</strong>" in history
    assert f"/review/checklists/{uuid}" in office.get("/review/?state=approved").text
    assert f"/review/checklists/{uuid}" not in office.get("/review/?state=submitted").text


def test_returning_without_a_comment_is_refused_with_a_message(story):
    checklist, phone, office = story["checklist"], story["phone"], story["office"]
    phone.post(f"/checklists/{checklist.uuid}/submit")
    response = office.post(f"/review/checklists/{checklist.uuid}/decide",
                           data={"action": "return", "comment": " ", "revision": "1"})
    assert response.status_code == 422
    assert "Say why: the monitor reads this comment." in response.text
    assert _reload(checklist).status == "submitted"


def test_decision_after_a_correction_is_refused(story, create_user, client_for):
    """A manager who looked at revision 1 cannot approve after a colleague saved revision 2."""
    checklist, phone, office = story["checklist"], story["phone"], story["office"]
    phone.post(f"/checklists/{checklist.uuid}/submit")
    colleague = client_for(create_user("manager"))
    colleague.post(f"/review/checklists/{checklist.uuid}/correct/hearing/basics", data={
        "hearing_date": "2025-03-04", "hearing_open": "unknown", "offence_categories": ["drugs"],
        "correction-base_revision": "1", "correction-comment": "Nobody could tell"})
    response = office.post(f"/review/checklists/{checklist.uuid}/decide", data={"action": "approve", "revision": "1"},
                           follow_redirects=True)
    assert "now at revision 2" in response.text
    assert _reload(checklist).status == "submitted"


def test_queue_filters_and_pages(create_user, create_court, client_for, make_checklist):
    """Does the queue filter by court, monitor, date and state, and paginate?"""
    first_monitor, second_monitor = create_user("monitor", username="sokha"), create_user("monitor", username="dara")
    appeal, kandal = create_court("appeal", "Court of Appeal"), create_court("kandal", "Kandal Provincial Court")
    in_appeal = make_checklist(first_monitor, appeal, complete_document("2025-01-10"))
    in_kandal = make_checklist(second_monitor, kandal, complete_document("2025-02-20"))
    office = client_for(create_user("manager"))

    def listed(query: str) -> set[str]:
        text = office.get(f"/review/?{query}").text
        return {c.uuid for c in (in_appeal, in_kandal) if f"/review/checklists/{c.uuid}" in text}

    assert listed("") == {in_appeal.uuid, in_kandal.uuid}
    assert listed("court=appeal") == {in_appeal.uuid}
    assert listed("monitor=dara") == {in_kandal.uuid}
    assert listed("date_from=2025-02-01&date_to=2025-02-28") == {in_kandal.uuid}
    assert listed("state=approved") == set()
    bad = office.get("/review/?date_from=2025-03-01&date_to=2025-02-01")
    assert bad.status_code == 200 and "The end date must be on or after the start date." in bad.text

    for day in range(1, 27):
        make_checklist(first_monitor, appeal, complete_document(f"2024-06-{day:02d}"))
    first_page = office.get("/review/").text
    assert "page 1 of 2" in first_page and "Next" in first_page
    second_page = office.get("/review/?page=2").text
    assert "page 2 of 2" in second_page and "Previous" in second_page


def test_four_eyes_a_manager_cannot_approve_or_correct_their_own_checklist(app, create_user, create_court, client_for,
                                                                           make_checklist):
    """The page says why and who can; the service refuses too (the API answers 409)."""
    manager, colleague = create_user("manager", username="rithy"), create_user("manager", username="sophal")
    checklist = make_checklist(manager, create_court(), complete_document())
    own = client_for(manager)
    page = own.get(f"/review/checklists/{checklist.uuid}").text
    assert 'value="approve"' not in page and 'value="return"' in page
    assert "You filed this checklist yourself, so you cannot approve it: another manager or an administrator can" in page
    assert "/correct" not in page.split("<h2>")[0] or "Correct answers" not in page
    refused = own.post(f"/review/checklists/{checklist.uuid}/decide", data={"action": "approve", "revision": "1"},
                       follow_redirects=True)
    assert "you cannot approve it" in refused.text
    correcting = own.get(f"/review/checklists/{checklist.uuid}/correct/hearing/basics", follow_redirects=True)
    assert "you cannot correct it" in correcting.text
    assert _reload(checklist).status == "submitted"

    assert 'value="approve"' in client_for(colleague).get(f"/review/checklists/{checklist.uuid}").text
    client_for(colleague).post(f"/review/checklists/{checklist.uuid}/decide", data={"action": "approve", "revision": "1"})
    assert _reload(checklist).status == "approved"


def test_four_eyes_is_on_by_default_and_off_only_when_set_off(app, make_app, database_url, monkeypatch, create_user,
                                                               create_court, make_checklist):
    from monitor.services import four_eyes
    from monitor.services.review import review_checklist

    assert four_eyes.enforced()
    for value, on in [("off", False), ("false", False), ("0", False), ("on", True), ("true", True)]:
        monkeypatch.setenv("MONITOR_FOUR_EYES", value)
        with make_app(database_url).app_context():
            assert four_eyes.enforced() is on, value

    app.config["FOUR_EYES"] = False  # a programme with a single manager
    manager = create_user("manager")
    checklist = make_checklist(manager, create_court(), complete_document())
    review_checklist(checklist, "approve", manager, revision=1)
    assert _reload(checklist).status == "approved"


def test_one_revision_numbering_and_a_diff_in_labels(story):
    """The history said "revision 0" for the first submission while the list started at "Revision 1",
    and the diff showed keys counted from 0 (accused[0]...) next to "Accused 1"."""
    checklist, phone, office = story["checklist"], story["phone"], story["office"]
    phone.post(f"/checklists/{checklist.uuid}/submit")
    office.post(f"/review/checklists/{checklist.uuid}/decide", data={"action": "return", "comment": "Check", "revision": "1"})
    phone.post(f"/checklists/{checklist.uuid}/submit")
    page = re.sub(r"\s+", " ", office.get(f"/review/checklists/{checklist.uuid}").text)
    history = page.split("<h2>History</h2>")[1].split("<h2>")[0]
    assert re.findall(r"revision (\d+)", history) == ["1", "1", "2"]  # submitted 1, returned on 1, resubmitted as 2
    assert "revision 0" not in page
    office.post(f"/review/checklists/{checklist.uuid}/correct/hearing/basics", data={
        "hearing_date": "2025-03-04", "hearing_open": "no", "offence_categories": ["drugs"],
        "correction-base_revision": "2", "correction-comment": "Doors were locked"})
    compare = office.get(f"/review/checklists/{checklist.uuid}/compare?from=1&to=3").text
    visible = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", compare))
    assert "Was the hearing open to the public?" in visible and "hearing.hearing_open" not in visible
    assert "accused[" not in visible
