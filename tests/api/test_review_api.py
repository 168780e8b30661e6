"""Review through the JSON API: return with a comment, resubmit from the phone, approve."""
import uuid

import pytest

from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def people(create_user, create_court, api_token):
    monitor, manager = create_user("monitor"), create_user("manager")
    return {"court": create_court(), "phone": api_token(monitor), "office": api_token(manager)}


def _submission(court_key: str, checklist_uuid: str, document: dict, status: str = "submitted") -> dict:
    return {"uuid": checklist_uuid, "checklist": "mini", "version": 1, "court": court_key, "status": status, **document}


def test_return_resubmit_approve_cycle(client, people):
    """Does a returned checklist show the manager's comment on the phone, accept changed answers
    resent by the phone, and count as approved once the manager approves it?"""
    checklist_uuid, document = str(uuid.uuid4()), complete_document()
    sent = client.post("/api/v1/submissions", json=_submission(people["court"].key, checklist_uuid, document),
                       headers=people["phone"])
    assert sent.status_code == 201 and sent.json["revision"] == 1

    returned = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"],
                           json={"action": "return", "comment": "Accused 1 looked younger; check the age.", "revision": 1})
    assert returned.status_code == 200 and returned.json["status"] == "returned"

    on_phone = client.get(f"/api/v1/submissions/{checklist_uuid}", headers=people["phone"]).json
    assert on_phone["status"] == "returned"
    assert on_phone["review"]["action"] == "return"
    assert on_phone["review"]["comment"] == "Accused 1 looked younger; check the age."

    document["accused"][0]["age_at_offence"] = 16
    document["accused"][0]["juvenile"] = {"in_camera": "no"}
    draft = client.post("/api/v1/submissions", headers=people["phone"],
                        json=_submission(people["court"].key, checklist_uuid, document, status="draft"))
    assert draft.status_code == 200 and draft.json["status"] == "returned", "a draft save keeps it returned"
    resent = client.post("/api/v1/submissions", json=_submission(people["court"].key, checklist_uuid, document),
                         headers=people["phone"])
    assert resent.status_code == 200
    assert resent.json["status"] == "submitted" and resent.json["revision"] == 2

    approved = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"],
                           json={"action": "approve", "revision": 2})
    assert approved.status_code == 200 and approved.json["status"] == "approved"

    retried = client.post("/api/v1/submissions", json=_submission(people["court"].key, checklist_uuid, document),
                          headers=people["phone"])
    assert retried.status_code == 200 and retried.json["status"] == "approved", "a phone retry changes nothing"

    revisions = client.get(f"/api/v1/submissions/{checklist_uuid}/revisions", headers=people["office"]).json
    assert [r["kind"] for r in revisions] == ["submission", "resubmission"]
    assert {"path": "accused[0].age_at_offence", "before": 35, "after": 16} in revisions[1]["changes"]

    again = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"], json={"action": "approve"})
    assert again.status_code == 409


def test_reject_keeps_the_checklist(client, people):
    """Is a rejected checklist kept and readable, and can no longer be approved?"""
    checklist_uuid = str(uuid.uuid4())
    client.post("/api/v1/submissions", json=_submission(people["court"].key, checklist_uuid, complete_document()),
                headers=people["phone"])
    rejected = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"],
                           json={"action": "reject", "comment": "Duplicate of another checklist."})
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"
    assert client.get(f"/api/v1/submissions/{checklist_uuid}", headers=people["office"]).json["status"] == "rejected"
    approve = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"], json={"action": "approve"})
    assert approve.status_code == 409


@pytest.mark.parametrize("body, field", [
    ({"action": "return"}, "comment"),
    ({"action": "reject", "comment": "   "}, "comment"),
    ({"action": "publish"}, "action"),
    ({"comment": "no action"}, "action"),
    ({"action": "approve", "revision": "two"}, "revision"),
])
def test_bad_review_requests_name_the_field(client, people, body, field):
    """Is a decision without a needed comment, or with an unknown action, refused with the field named?"""
    checklist_uuid = str(uuid.uuid4())
    client.post("/api/v1/submissions", json=_submission(people["court"].key, checklist_uuid, complete_document()),
                headers=people["phone"])
    response = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"], json=body)
    assert response.status_code == 422
    assert field in response.json["errors"]
    assert client.get(f"/api/v1/submissions/{checklist_uuid}", headers=people["office"]).json["status"] == "submitted"


def test_decision_on_a_stale_revision_is_refused(client, people):
    """If a correction was saved after the manager looked, is their approval refused with 409?"""
    checklist_uuid, document = str(uuid.uuid4()), complete_document()
    client.post("/api/v1/submissions", json=_submission(people["court"].key, checklist_uuid, document), headers=people["phone"])
    document["hearing"]["hearing_open"] = "no"
    corrected = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=people["office"],
                            json={"base_revision": 1, "comment": "Doors locked", **document})
    assert corrected.status_code == 201
    stale = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"],
                        json={"action": "approve", "revision": 1})
    assert stale.status_code == 409
    assert "revision 2" in stale.json["message"]


def test_review_of_unknown_checklist_is_404_and_bad_json_is_400(client, people):
    missing = client.post(f"/api/v1/submissions/{uuid.uuid4()}/review", headers=people["office"], json={"action": "approve"})
    assert missing.status_code == 404
    checklist_uuid = str(uuid.uuid4())
    client.post("/api/v1/submissions", json=_submission(people["court"].key, checklist_uuid, complete_document()),
                headers=people["phone"])
    not_json = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"], data="approve")
    assert not_json.status_code == 400
    not_object = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=people["office"], json=["approve"])
    assert not_object.status_code == 422


def test_queue_lists_filtered_checklists(client, people, create_user, api_token, create_court):
    """Does the API list show managers every checklist by state and court, and monitors only theirs?"""
    other_court = create_court("kandal", "Kandal Provincial Court")
    other_phone = api_token(create_user("monitor"))
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    client.post("/api/v1/submissions", json=_submission(people["court"].key, first, complete_document()), headers=people["phone"])
    client.post("/api/v1/submissions", json=_submission(other_court.key, second, complete_document("2025-05-06")),
                headers=other_phone)
    client.post(f"/api/v1/submissions/{second}/review", headers=people["office"], json={"action": "approve"})

    everything = client.get("/api/v1/submissions", headers=people["office"]).json
    assert {item["uuid"] for item in everything["items"]} == {first, second}
    approved = client.get("/api/v1/submissions?status=approved", headers=people["office"]).json
    assert [item["uuid"] for item in approved["items"]] == [second]
    by_court = client.get(f"/api/v1/submissions?court={people['court'].key}", headers=people["office"]).json
    assert [item["uuid"] for item in by_court["items"]] == [first]
    by_date = client.get("/api/v1/submissions?from=2025-05-01&to=2025-05-31", headers=people["office"]).json
    assert [item["uuid"] for item in by_date["items"]] == [second]
    own = client.get("/api/v1/submissions", headers=people["phone"]).json
    assert [item["uuid"] for item in own["items"]] == [first]
    bad = client.get("/api/v1/submissions?status=lost&from=yesterday", headers=people["office"])
    assert bad.status_code == 422 and {"status", "from"} <= set(bad.json["errors"])


def test_four_eyes_through_the_api_a_manager_filing_their_own_checklist_gets_409(client, create_user, create_court,
                                                                                 api_token):
    court, manager = create_court(), create_user("manager")
    own = api_token(manager)
    checklist_uuid, document = str(uuid.uuid4()), complete_document()
    submitted = client.post("/api/v1/submissions", json=_submission(court.key, checklist_uuid, document), headers=own)
    assert submitted.status_code == 201
    approve = client.post(f"/api/v1/submissions/{checklist_uuid}/review", headers=own, json={"action": "approve", "revision": 1})
    assert approve.status_code == 409 and "another manager or an administrator can" in approve.json["message"]
    document["hearing"]["hearing_open"] = "no"
    correct = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=own,
                          json={"base_revision": 1, "comment": "Mine", **document})
    assert correct.status_code == 409 and "you cannot correct it" in correct.json["message"]
