"""What a careless or hostile client sends: odd Unicode, huge arrays and numbers, deep nesting, the
same write on several connections at once. Is every answer a clear 4xx or a success, and does the
database hold exactly what it should afterwards?"""
import json
import threading

import pytest
from flask.testing import FlaskClient

from tests.api.conftest import envelope
from tests.support.rows import row_counts

#: Text a monitor's phone can produce: Khmer with its combining signs, an emoji with a skin tone
#: and a zero-width joiner, a right-to-left override, zero-width space, a decomposed é, and the
#: two noncharacters at the end of the Basic Multilingual Plane. All of it is storable, so all of
#: it must come back exactly as sent, neither refused nor "normalised".
ODD_TEXT = "ខ្មែរ 🧑🏽‍⚖️ \u202eRTL\u202c zero\u200bwidth e\u0301 \uffff\ufffe"


def post(client, headers, body, url="/api/v1/submissions"):
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def test_odd_but_valid_unicode_is_stored_exactly(client, court, monitor_headers, document, create_user, api_token):
    body = envelope(document, "draft")
    body["hearing"]["case_reference"] = ODD_TEXT
    assert post(client, monitor_headers, body).status_code == 201
    stored = client.get(f"/api/v1/submissions/{body['uuid']}", headers=monitor_headers).json
    assert stored["hearing"]["case_reference"] == ODD_TEXT

    body["status"] = "submitted"
    assert post(client, monitor_headers, body).status_code == 200
    manager = api_token(create_user("manager"))
    returned = post(client, manager, {"action": "return", "comment": ODD_TEXT}, f"/api/v1/submissions/{body['uuid']}/review")
    assert returned.status_code == 200 and returned.json["review"]["comment"] == ODD_TEXT


def test_keys_that_only_look_like_items_are_named_not_guessed(client, court, monitor_headers, document):
    before = row_counts()
    for key in ["ｇender", "gender\u200b", "GENDER", "gender ", "ge\u0301nder", "🧑🏽‍⚖️"]:
        body = envelope(document, "draft")
        body["accused"][0][key] = "male"
        response = post(client, monitor_headers, body)
        assert response.status_code == 422
        assert response.json["errors"] == {f"accused[0].{key}": "is not an item of this part of the checklist"}
    assert row_counts() == before


@pytest.mark.parametrize("path, value", [
    pytest.param(("hearing", "case_reference"), list(range(100_000)), id="text as 100,000 numbers"),
    pytest.param(("hearing", "offence_categories"), [["drugs"]] * 60_000, id="60,000 nested choices"),
    pytest.param(("hearing", "offence_categories"), ["x" * 100_000], id="one choice of 100,000 characters"),
    pytest.param(("hearing", "judges_panel_size"), 10 ** 4000, id="a number of 4,001 digits"),
    pytest.param(("hearing", "judges_panel_size"), -(10 ** 300), id="minus 10 to the 300"),
    pytest.param(("hearing", "judges_panel_size"), 3.0, id="3.0 for a whole number"),
    pytest.param(("hearing", "judges_panel_size"), True, id="true for a whole number"),
    pytest.param(("version",), 10 ** 300, id="checklist version 10 to the 300"),
    pytest.param(("court",), "x" * 500_000, id="a court key of 500,000 characters"),
])
def test_huge_or_odd_values_get_a_short_refusal(client, court, monitor_headers, document, path, value):
    body = envelope(document, "draft")
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    before = row_counts()
    response = post(client, monitor_headers, body)
    assert response.status_code == 422, response.text[:300]
    assert len(response.json["errors"]) == 1 and len(response.data) < 2_000
    assert row_counts() == before


def test_huge_numbers_in_review_and_correction_bodies_are_refused_not_crashed_on(client, court, monitor_headers, document,
                                                                                   create_user, api_token):
    body = envelope(document)
    assert post(client, monitor_headers, body).status_code == 201
    manager = api_token(create_user("manager"))
    url = f"/api/v1/submissions/{body['uuid']}"
    before = row_counts()
    assert post(client, manager, {"action": "approve", "revision": 10 ** 30}, f"{url}/review").status_code == 409
    correction = {"base_revision": 10 ** 30, "comment": "Huge", "hearing": body["hearing"], "accused": body["accused"]}
    assert post(client, manager, correction, f"{url}/corrections").status_code == 409
    assert post(client, manager, correction | {"base_revision": -(10 ** 30)}, f"{url}/corrections").status_code == 409
    assert row_counts() == before


def at_once(app, requests: list[tuple[str, dict, dict]]) -> list[int]:
    """Send every (url, headers, body) on a connection of its own, all released at the same moment."""
    start = threading.Barrier(len(requests))
    answers = [None] * len(requests)

    def deliver(index, url, headers, body):
        client = FlaskClient(app, app.response_class)  # a thread of its own: its own app context and session
        start.wait()
        answers[index] = post(client, headers, body, url).status_code

    threads = [threading.Thread(target=deliver, args=(index, *request)) for index, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_the_same_draft_replaced_on_six_connections_at_once_is_stored_once(app, client, court, monitor_headers, document):
    """A draft started on the phone with the hearing only, then sent whole (with its accused) from
    six connections at once: are the accused stored once, not once per connection?"""
    first = envelope({"hearing": document["hearing"], "accused": []}, "draft")
    assert post(client, monitor_headers, first).status_code == 201
    changed = first | {"accused": document["accused"]}
    before = row_counts()

    answers = at_once(app, [("/api/v1/submissions", monitor_headers, changed)] * 6)

    assert sorted(answers) == [200] * 6
    after = row_counts()
    assert after["accused"] == before["accused"] + len(document["accused"])
    assert after["juvenile_annexes"] == before["juvenile_annexes"] + sum("juvenile" in a for a in document["accused"])
    assert after["checklists"] == before["checklists"]
    stored = client.get(f"/api/v1/submissions/{first['uuid']}", headers=monitor_headers).json
    assert stored["accused"] == document["accused"]


def test_the_same_submission_of_a_draft_on_six_connections_at_once_is_one_submission(app, client, court, monitor_headers,
                                                                                       document):
    """A phone that resends its submission while the first try is still running is never told of a
    conflict with itself, and the checklist is submitted once, with one revision."""
    draft = envelope(document, "draft")
    assert post(client, monitor_headers, draft).status_code == 201
    before = row_counts()

    answers = at_once(app, [("/api/v1/submissions", monitor_headers, draft | {"status": "submitted"})] * 6)

    assert sorted(answers) == [200] * 6
    after = row_counts()
    assert after["checklist_revisions"] == before["checklist_revisions"] + 1
    assert after["review_actions"] == before["review_actions"] + 1
    assert after["checklists"] == before["checklists"] and after["accused"] == before["accused"]


def test_the_same_decision_on_six_connections_at_once_is_taken_once(app, client, court, monitor_headers, document,
                                                                    create_user, api_token):
    body = envelope(document)
    assert post(client, monitor_headers, body).status_code == 201
    manager = api_token(create_user("manager"))
    before = row_counts()

    answers = at_once(app, [(f"/api/v1/submissions/{body['uuid']}/review", manager, {"action": "approve"})] * 6)

    assert sorted(answers) == [200] + [409] * 5
    after = row_counts()
    assert after["review_actions"] == before["review_actions"] + 1
    assert after["audit_events"] == before["audit_events"] + 1


def test_the_same_correction_on_six_connections_at_once_is_one_revision(app, client, court, monitor_headers, document,
                                                                        create_user, api_token):
    body = envelope(document)
    assert post(client, monitor_headers, body).status_code == 201
    manager = api_token(create_user("manager"))
    correction = {"base_revision": 1, "comment": "From the notice board",
                  "hearing": dict(body["hearing"], case_reference="CR-9"), "accused": body["accused"]}
    before = row_counts()

    answers = at_once(app, [(f"/api/v1/submissions/{body['uuid']}/corrections", manager, correction)] * 6)

    assert sorted(answers) == [201] + [409] * 5
    after = row_counts()
    assert after["checklist_revisions"] == before["checklist_revisions"] + 1
    assert after["audit_events"] == before["audit_events"] + 1
