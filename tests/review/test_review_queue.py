"""Does the queue open on what waits for review, oldest first, with counts per state one tap away,
and can a manager approve several at once, after one confirmation, with one audit event each,
skipping their own checklists and those changed since they looked?"""
import re

import pytest
from sqlalchemy import func, select

from monitor.extensions import db
from monitor.models import AuditEvent, Checklist
from monitor.services.corrections import correct_checklist
from monitor.services.review import review_checklist
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def desk(create_user, create_court, make_checklist):
    """Three waiting checklists (filed in order), one each returned, approved, rejected, and a draft."""
    monitor, manager = create_user("monitor", username="sokha"), create_user("manager", username="bopha")
    court = create_court()
    waiting = [make_checklist(monitor, court, complete_document(f"2025-01-{day:02d}")) for day in (20, 5, 12)]
    decided = {}
    for action in ("return", "approve", "reject"):
        checklist = make_checklist(monitor, court, complete_document("2025-01-02"))
        review_checklist(checklist, action, create_user("manager"), "Look again" if action != "approve" else "")
        decided[action] = checklist
    draft = make_checklist(monitor, court, complete_document("2025-01-03"), status="draft")
    return {"manager": manager, "waiting": waiting, "decided": decided, "draft": draft, "court": court}


def _listed(html: str) -> list[str]:
    return re.findall(r'href="/review/checklists/([0-9a-f-]{36})"', html)


def test_the_queue_opens_on_waiting_checklists_oldest_first_with_counts(desk, client_for):
    office = client_for(desk["manager"])
    page = office.get("/review/").text
    assert _listed(page) == [c.uuid for c in desk["waiting"]], "only waiting ones, first submitted first"
    assert "Waiting for review, oldest first: 3" in page
    tabs = dict(re.findall(r'<a href="[^"]*state=(\w+)"[^>]*>[^<]*<span class="count">(\d+)</span>', page))
    assert tabs == {"submitted": "3", "returned": "1", "approved": "1", "rejected": "1", "all": "6"}
    assert 'state=submitted" aria-current="page"' in page

    assert _listed(office.get("/review/?state=returned").text) == [desk["decided"]["return"].uuid]
    everything = _listed(office.get("/review/?state=all").text)
    assert len(everything) == 6 and desk["draft"].uuid not in everything
    assert _listed(office.get(f"/review/?state=approved&court={desk['court'].key}").text) == [desk["decided"]["approve"].uuid]


def test_bulk_approval_confirms_once_approves_each_with_its_audit_event_and_lists_what_it_skipped(
        desk, client_for, create_user, make_checklist):
    manager = desk["manager"]
    own = make_checklist(manager, desk["court"], complete_document("2025-01-25"))
    office = client_for(manager)
    page = office.get("/review/").text
    picks = dict(re.findall(r'name="pick" value="(([0-9a-f-]{36}):\d+)"', page))
    assert own.uuid not in {uuid for uuid in picks.values()}, "one's own checklist cannot be selected"
    values = list(picks) + [f"{own.uuid}:1"]

    # A colleague corrects one of them after the queue was shown: approving it would approve unseen answers.
    stale = desk["waiting"][1]
    corrected = complete_document("2025-01-05")
    corrected["hearing"]["hearing_open"] = "no"
    correct_checklist(stale, create_user("manager"), corrected, 1, "Doors locked")

    confirm = office.post("/review/approve", data={"pick": values})
    assert confirm.status_code == 200
    text = re.sub(r"\s+", " ", confirm.text)
    assert "Approve 2 checklists? Each approval is recorded in its history and the audit log." in text
    assert "you filed it yourself (four eyes)" in text and "it was changed since the queue was shown" in text
    assert db.session.scalar(select(func.count()).select_from(Checklist).where(Checklist.status == "approved")) == 1

    hidden = re.findall(r'name="pick" value="([^"]+)"', confirm.text)
    done = office.post("/review/approve", data={"pick": hidden, "confirmed": "1"})
    assert "2 checklists approved." in done.text, done.text
    db.session.expire_all()
    statuses = {c.uuid: db.session.get(Checklist, c.id).status for c in [*desk["waiting"], own]}
    assert statuses == {desk["waiting"][0].uuid: "approved", desk["waiting"][2].uuid: "approved",
                        stale.uuid: "submitted", own.uuid: "submitted"}
    for checklist in (desk["waiting"][0], desk["waiting"][2]):
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.target_key == checklist.uuid,
                                                             AuditEvent.event == "review")).all()
        assert [(e.actor_id, e.details["action"], e.details["revision"]) for e in events] == [(manager.id, "approve", 1)]


def test_approving_nothing_says_so(desk, client_for):
    response = client_for(desk["manager"]).post("/review/approve", data={})
    assert response.status_code == 422 and "None of the selected checklists can be approved." in response.text
