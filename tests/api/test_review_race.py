"""When a manager decides and another corrects at the same moment, does every decision land on the
revision its author saw, and does the loser get 409 instead of a silent overwrite? Real threads,
real SQLite and PostgreSQL: the compare-and-set must hold in the database, not in Python."""
import threading

import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import AuditEvent, Checklist, ReviewAction
from tests.support.mini_checklist import complete_document

PAIRS = 12


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def race(app, create_user, create_court, make_checklist, api_token):
    """Run `decision` and a correction of the same checklist at once, PAIRS times; the responses."""
    court, monitor = create_court(), create_user("monitor")
    deciding, correcting = api_token(create_user("manager")), api_token(create_user("manager"))
    checklists = [make_checklist(monitor, court) for _ in range(PAIRS)]
    uuids = [checklist.uuid for checklist in checklists]
    db.session.remove()

    def run(decision: dict) -> list[tuple[int, int, str]]:
        corrected = complete_document()
        corrected["hearing"]["hearing_open"] = "no"
        results = {}

        def act(index: int, name: str, start: threading.Barrier) -> None:
            with app.app_context():
                client = app.test_client()
                start.wait()
                if name == "decide":
                    response = client.post(f"/api/v1/submissions/{uuids[index]}/review", headers=deciding,
                                           json={**decision, "revision": 1})
                else:
                    response = client.post(f"/api/v1/submissions/{uuids[index]}/corrections", headers=correcting,
                                           json={"base_revision": 1, "comment": "Notice seen", **corrected})
                results[index, name] = response.status_code
                db.session.remove()

        for index in range(PAIRS):
            start = threading.Barrier(2)
            threads = [threading.Thread(target=act, args=(index, name, start)) for name in ("decide", "correct")]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        return [(results[index, "decide"], results[index, "correct"], uuids[index]) for index in range(PAIRS)]

    return run


def _state(checklist_uuid: str):
    checklist = db.session.scalar(select(Checklist).where(Checklist.uuid == checklist_uuid))
    decisions = db.session.scalars(select(ReviewAction).where(
        ReviewAction.checklist_id == checklist.id, ReviewAction.action != "submit")).all()
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.target_key == checklist_uuid, AuditEvent.event.in_(["review", "correction"])).order_by(AuditEvent.id)).all()
    return checklist, decisions, [event.event for event in events]


def test_a_rejection_and_a_correction_at_once_one_wins_the_other_gets_409(race):
    for decided, corrected, checklist_uuid in race({"action": "reject", "comment": "Duplicate of another hearing"}):
        assert sorted([decided, corrected]) == [200, 409] or sorted([decided, corrected]) == [201, 409], (decided, corrected)
        checklist, decisions, _ = _state(checklist_uuid)
        if decided == 200:  # rejected first: no correction may be saved on a rejected checklist
            assert (checklist.status, checklist.revision) == ("rejected", 1)
            assert [d.revision for d in decisions] == [1]
        else:  # corrected first: the rejection was decided on revision 1, which is no longer current
            assert (checklist.status, checklist.revision, decisions) == ("submitted", 2, [])


def test_an_approval_never_lands_on_a_revision_its_manager_did_not_see(race):
    outcomes = race({"action": "approve", "comment": ""})
    for decided, corrected, checklist_uuid in outcomes:
        assert decided in (200, 409) and corrected == 201, (decided, corrected)
        checklist, decisions, events = _state(checklist_uuid)
        assert checklist.revision == 2
        if decided == 200:
            # Approved on revision 1, so the approval came before the correction (an approved checklist
            # may still be corrected); recorded as revision 1, and in that order.
            assert [d.revision for d in decisions] == [1] and events == ["review", "correction"]
            assert checklist.status == "approved"
        else:
            assert decisions == [] and checklist.status == "submitted" and events == ["correction"]
