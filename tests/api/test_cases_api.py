"""Can a phone open a case (offline first, so by its own uuid), find cases, and name the case a
checklist belongs to, while submissions that name none work as before?"""
import uuid

import pytest

from monitor.services.checklists import find_checklist
from tests.api.conftest import envelope


@pytest.fixture
def manager_headers(create_user, api_token):
    return api_token(create_user("manager"))


def open_case(client, headers, **changes):
    body = {"uuid": str(uuid.uuid4()), "court": "pp_first_instance", "offence_categories": ["drugs"], "accused": 2} | changes
    return client.post("/api/v1/cases", json=body, headers=headers)


def test_a_phone_opens_a_case_and_sending_it_again_returns_the_same_case(client, court, monitor_headers):
    case_uuid = str(uuid.uuid4())
    opened = open_case(client, monitor_headers, uuid=case_uuid)
    assert opened.status_code == 201, opened.json
    assert opened.json | {"created_at": None, "updated_at": None} == {
        "uuid": case_uuid, "code": "C-00001", "court": "pp_first_instance", "offence_categories": ["drugs"],
        "status": "ongoing", "accused": ["A1", "A2"], "hearings": 0, "created_at": None, "updated_at": None}
    again = open_case(client, monitor_headers, uuid=case_uuid)
    assert (again.status_code, again.json["code"]) == (200, "C-00001")
    without_uuid = open_case(client, monitor_headers, uuid=None)
    assert (without_uuid.status_code, without_uuid.json["code"]) == (201, "C-00002")


@pytest.mark.parametrize("changes, field", [
    ({"court": "nowhere"}, "court"),
    ({"court": None}, "court"),
    ({"accused": 0}, "accused"),
    ({"accused": "two"}, "accused"),
    ({"accused": 10**30}, "accused"),
    ({"offence_categories": ["piracy"]}, "offence_categories"),
    ({"offence_categories": "drugs"}, "offence_categories"),
    ({"status": "finished"}, "status"),
    ({"uuid": "not-a-uuid"}, "uuid"),
    ({"court": "pp\x00"}, "court"),
    ({"unexpected": 1}, "unexpected"),
])
def test_each_bad_field_is_named_and_nothing_is_opened(client, court, monitor_headers, changes, field):
    refused = open_case(client, monitor_headers, **changes)
    assert refused.status_code == 422, refused.json
    assert field in refused.json["errors"]
    assert client.get("/api/v1/cases", headers=monitor_headers).json == []


def test_cases_are_found_by_code_and_court_and_administrators_do_not_follow_cases(
        client, court, create_court, monitor_headers, create_user, api_token):
    create_court("appeal", "Court of Appeal")
    for _ in range(11):
        open_case(client, monitor_headers)
    open_case(client, monitor_headers, court="appeal")
    codes = lambda query: [case["code"] for case in client.get(f"/api/v1/cases{query}", headers=monitor_headers).json]  # noqa: E731
    assert codes("?q=11") == ["C-00011"]
    assert codes("?q=c-00011") == ["C-00011"]
    assert codes("?court=appeal") == ["C-00012"]
    assert codes("?limit=2") == ["C-00012", "C-00011"]
    assert client.get("/api/v1/cases?court=nowhere", headers=monitor_headers).status_code == 422
    assert "limit" in client.get("/api/v1/cases?limit=lots", headers=monitor_headers).json["errors"]
    assert client.get("/api/v1/cases", headers=api_token(create_user("admin"))).status_code == 403
    assert client.get("/api/v1/cases").status_code == 401


def test_a_submission_names_its_case_and_the_case_counts_it(client, court, monitor_headers, manager_headers, document):
    case = open_case(client, monitor_headers).json
    body = envelope(document, case=case["uuid"])
    stored = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert stored.status_code == 201, stored.json
    assert stored.json["case"] == case["uuid"]
    assert client.get(f"/api/v1/submissions/{body['uuid']}", headers=monitor_headers).json["case"] == case["uuid"]
    listed = client.get("/api/v1/cases", headers=manager_headers).json
    assert [(c["code"], c["hearings"]) for c in listed] == [("C-00001", 1)]
    # The court's case number stays in the checklist: nothing about the case carries it.
    reference = document["hearing"].get("case_reference")
    assert reference is None or reference not in str(listed)


def test_a_submission_without_a_case_works_as_before(client, court, monitor_headers, document):
    body = envelope(document)
    stored = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert stored.status_code == 201 and stored.json["case"] is None
    assert find_checklist(body["uuid"]).case_id is None
    assert client.post("/api/v1/submissions", json=body, headers=monitor_headers).status_code == 200


def test_an_unknown_case_is_named_and_the_checklist_is_not_stored(client, court, monitor_headers, document):
    body = envelope(document, case=str(uuid.uuid4()))
    refused = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert refused.status_code == 422 and "case" in refused.json["errors"]
    assert "case" in client.post("/api/v1/submissions", json=envelope(document, case="C-00001"),
                                 headers=monitor_headers).json["errors"]
    assert find_checklist(body["uuid"]) is None


def test_a_draft_may_change_its_case_but_a_submitted_hearing_of_one_case_is_not_moved_by_a_resend(
        client, court, monitor_headers, document):
    first, second = open_case(client, monitor_headers).json, open_case(client, monitor_headers).json
    draft = envelope(document, status="draft", case=first["uuid"])
    assert client.post("/api/v1/submissions", json=draft, headers=monitor_headers).status_code == 201
    moved = client.post("/api/v1/submissions", json=draft | {"case": second["uuid"]}, headers=monitor_headers)
    assert moved.status_code == 200 and moved.json["case"] == second["uuid"]
    submitted = client.post("/api/v1/submissions", json=draft | {"case": second["uuid"], "status": "submitted"},
                            headers=monitor_headers)
    assert submitted.status_code == 200, submitted.json
    refused = client.post("/api/v1/submissions", json=draft | {"case": first["uuid"], "status": "submitted"},
                          headers=monitor_headers)
    assert refused.status_code == 409
    assert find_checklist(draft["uuid"]).case_id is not None
    assert client.get(f"/api/v1/submissions/{draft['uuid']}", headers=monitor_headers).json["case"] == second["uuid"]


def test_a_phone_naming_a_merged_case_files_into_the_case_it_was_merged_into(client, court, monitor_headers, document):
    from monitor.services import case_changes, cases

    kept, absorbed = open_case(client, monitor_headers).json, open_case(client, monitor_headers).json
    case_changes.merge_cases(None, cases.case_by_code(kept["code"]), cases.case_by_code(absorbed["code"]))
    stored = client.post("/api/v1/submissions", json=envelope(document, case=absorbed["uuid"]), headers=monitor_headers)
    assert stored.status_code == 201 and stored.json["case"] == kept["uuid"]
    assert [case["code"] for case in client.get("/api/v1/cases", headers=monitor_headers).json] == [kept["code"]]
