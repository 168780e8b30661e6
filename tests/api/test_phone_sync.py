"""What the phone app needs from the API to keep its promise: sends that name their author and the
server's copy they started from, and the state and comments of the monitor's own checklists."""
import uuid

import pytest

from monitor.services import review
from monitor.services.checklists import find_checklist
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def court(create_court):
    return create_court()


def payload(court, document, status="draft", **extra):
    return {"uuid": extra.pop("uuid", str(uuid.uuid4())), "checklist": "mini", "version": 1, "court": court.key,
            "status": status, **document, **extra}


def test_a_send_naming_another_author_is_refused_and_nothing_is_stored(app, client, court, create_user, api_token):
    """Monitor A's tab sends A's checklist while B is signed in: is it refused, not stored as B's?"""
    create_user("monitor", username="alice")
    bob = api_token(create_user("monitor", username="bob"))
    body = payload(court, complete_document(), author="alice")
    answer = client.post("/api/v1/submissions", json=body, headers=bob)
    assert answer.status_code == 409
    assert answer.json["error"] == "wrong_author"
    assert answer.json["message"] == ("This checklist was filled by alice, but bob is signed in. "
                                      "Sign in as alice to send it.")
    assert find_checklist(body["uuid"]) is None
    bobs = client.post("/api/v1/submissions", json=payload(court, complete_document(), author="bob"), headers=bob)
    assert bobs.status_code == 201


def test_a_draft_changed_elsewhere_is_never_silently_replaced(app, client, court, create_user, api_token):
    """The phone sends a draft based on the copy it last saw; after another device changed it, is that a 409?"""
    headers = api_token(create_user("monitor"))
    first = payload(court, complete_document(open_hearing="yes"))
    stored = client.post("/api/v1/submissions", json=first, headers=headers).json
    assert len(stored["content_hash"]) == 64

    elsewhere = dict(first, hearing={**first["hearing"], "case_reference": "CR-2"}, base_hash=stored["content_hash"])
    changed = client.post("/api/v1/submissions", json=elsewhere, headers=headers)
    assert changed.status_code == 200 and changed.json["content_hash"] != stored["content_hash"]

    stale = dict(first, hearing={**first["hearing"], "hearing_open": "no"}, base_hash=stored["content_hash"])
    refused = client.post("/api/v1/submissions", json=stale, headers=headers)
    assert refused.status_code == 409 and refused.json["error"] == "stale"
    assert "changed on the server" in refused.json["message"]
    checklist = find_checklist(first["uuid"])
    assert checklist.answers["hearing_open"] == "yes" and checklist.answers["case_reference"] == "CR-2"

    retried = client.post("/api/v1/submissions", json=elsewhere, headers=headers)
    assert retried.status_code == 200, "a retry of what is stored is no conflict, whatever base it names"
    resolved = dict(stale, base_hash=changed.json["content_hash"])
    assert client.post("/api/v1/submissions", json=resolved, headers=headers).status_code == 200
    assert find_checklist(first["uuid"]).answers["hearing_open"] == "no"


def test_a_resend_of_a_returned_checklist_names_its_revision(app, client, court, create_user, api_token):
    """Returned at revision 1: is a resend based on revision 0 refused, and one based on 1 accepted?"""
    monitor = create_user("monitor")
    headers = api_token(monitor)
    manager = create_user("manager")
    body = payload(court, complete_document(), status="submitted")
    client.post("/api/v1/submissions", json=body, headers=headers)
    review.review_checklist(find_checklist(body["uuid"]), review.RETURN, manager, "Check the hearing date.")

    changed = {**body["hearing"], "case_reference": "CR-9"}
    stale = client.post("/api/v1/submissions", json=dict(body, hearing=changed, base_revision=0), headers=headers)
    assert stale.status_code == 409 and stale.json["error"] == "stale"
    assert "now revision 1; your copy started from revision 0" in stale.json["message"]
    again = client.post("/api/v1/submissions", json=dict(body, hearing=changed, base_revision=1), headers=headers)
    assert again.status_code == 200 and again.json["status"] == "submitted" and again.json["revision"] == 2


def test_a_monitor_learns_the_state_and_comment_of_their_own_checklists(app, client, court, create_user, api_token):
    monitor, other = create_user("monitor"), create_user("monitor")
    headers = api_token(monitor)
    manager = create_user("manager")
    mine = payload(court, complete_document(), status="submitted")
    client.post("/api/v1/submissions", json=mine, headers=headers)
    client.post("/api/v1/submissions", json=payload(court, complete_document(), status="submitted"), headers=api_token(other))
    review.review_checklist(find_checklist(mine["uuid"]), review.RETURN, manager, "Was the hearing open?")

    listed = client.get("/api/v1/submissions?per_page=200", headers=headers).json["items"]
    assert [item["uuid"] for item in listed] == [mine["uuid"]], "only their own"
    item = listed[0]
    assert (item["status"], item["revision"]) == ("returned", 1)
    assert item["review"]["comment"] == "Was the hearing open?"
    assert item["review"]["action"] == "return" and item["review"]["actor_name"] == manager.display_name
    assert len(item["content_hash"]) == 64 and item["updated_at"]
    full = client.get(f"/api/v1/submissions/{mine['uuid']}", headers=headers).json
    assert full["review"]["comment"] == "Was the hearing open?" and full["content_hash"] == item["content_hash"]

