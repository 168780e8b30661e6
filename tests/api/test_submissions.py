"""Can a device file checklists safely over a bad connection, and is every mistake named?"""
import json
import uuid
from datetime import date, timedelta

import pytest

from monitor.services.definitions import current_definition


def payload(document, court, status="submitted", checklist_uuid=None):
    return {"uuid": checklist_uuid or str(uuid.uuid4()), "checklist": "fair_trial", "version": current_definition().version,
            "court": court.key, "status": status, **document}


def test_definition_is_served_with_condition_trees(client, monitor_headers):
    listing = client.get("/api/v1/checklists", headers=monitor_headers)
    assert listing.status_code == 200
    assert listing.json == [{"key": "fair_trial", "version": 2, "title": current_definition().title, "versions": [1, 2]}]
    assert set(listing.json[0]["title"]) == {"en", "km"}
    definition = client.get("/api/v1/checklists/fair_trial", headers=monitor_headers).json
    assert definition["accused"]["annex"]["show_when"] == {
        "source": "age_at_offence < 18 or claimed_minor = yes",
        "tree": ["or", ["<", ["item", "age_at_offence"], ["value", 18]], ["=", ["item", "claimed_minor"], ["value", "yes"]]]}
    assert client.get("/api/v1/checklists/nope", headers=monitor_headers).status_code == 404
    assert client.get("/api/v1/checklists/fair_trial?version=9", headers=monitor_headers).status_code == 404


def test_submit_then_read_back(client, court, monitor_headers, document):
    body = payload(document, court)
    response = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert response.status_code == 201, response.json
    stored = client.get(f"/api/v1/submissions/{body['uuid']}", headers=monitor_headers).json
    assert stored["status"] == "submitted" and stored["court"] == court.key
    assert stored["hearing"] == document["hearing"] and stored["accused"] == document["accused"]


def test_first_delivery_answers_what_is_stored_and_records_its_history(client, court, monitor_headers, document):
    """A new checklist is answered from what was just written: is that exactly what the server
    reads back later, and are its history row, first revision and audit row all there?"""
    from sqlalchemy import select

    from monitor.extensions import db
    from monitor.models import AuditEvent, ReviewAction
    from monitor.services import revisions
    from monitor.services.checklists import find_checklist

    body = payload(document, court)
    answered = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert answered.status_code == 201
    described = answered.json
    assert described.pop("ignored") == {}
    assert described == client.get(f"/api/v1/submissions/{body['uuid']}", headers=monitor_headers).json
    assert described["revision"] == 1 and described["review"] is None

    checklist = find_checklist(body["uuid"])
    [first] = revisions.revisions_of(checklist)
    assert (first.number, first.kind, first.document["accused"]) == (1, "submission", document["accused"])
    history = db.session.scalars(select(ReviewAction).where(ReviewAction.checklist_id == checklist.id)).all()
    assert [(h.action, h.from_status, h.to_status) for h in history] == [("submit", "draft", "submitted")]
    audited = db.session.scalars(select(AuditEvent).where(AuditEvent.target_key == body["uuid"])).all()
    assert [(a.event, a.details["revision"], a.details["resubmission"]) for a in audited] == [("submission", 1, False)]


def test_simultaneous_first_deliveries_store_one_checklist(app, court, monitor_headers, document):
    """A phone that times out and resends while its first request is still running: when the same
    new checklist arrives on several connections at once, is it stored exactly once, with every
    delivery answered as a success (one 201, the others 200) and none with an error?"""
    import threading

    from flask.testing import FlaskClient
    from sqlalchemy import func, select

    from monitor.extensions import db
    from monitor.models import Accused, AuditEvent, Checklist, ChecklistRevision

    bodies = [payload(document, court) for _ in range(5)]
    answers = []

    def deliver(body, start):
        client = FlaskClient(app, app.response_class)  # a thread of its own: its own app context and session
        start.wait()
        answers.append((body["uuid"], client.post("/api/v1/submissions", json=body, headers=monitor_headers).status_code))

    for body in bodies:
        start = threading.Barrier(6)
        threads = [threading.Thread(target=deliver, args=(body, start)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for body in bodies:
        assert sorted(status for uuid_, status in answers if uuid_ == body["uuid"]) == [200] * 5 + [201]
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(Checklist) == len(bodies)
    assert count(Accused) == len(bodies) * len(document["accused"])
    assert count(ChecklistRevision) == count(AuditEvent) == len(bodies)


def test_retry_with_same_content_is_idempotent(client, court, monitor_headers, document):
    body = payload(document, court)
    first = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    second = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json["updated_at"] == second.json["updated_at"]
    from monitor.models import Checklist
    from monitor.extensions import db
    assert db.session.query(Checklist).count() == 1


def test_draft_can_be_replaced_then_submitted(client, court, monitor_headers, document):
    body = payload({"hearing": {"hearing_date": document["hearing"]["hearing_date"]}, "accused": []}, court, "draft")
    assert client.post("/api/v1/submissions", json=body, headers=monitor_headers).status_code == 201
    body.update(document, status="submitted")
    response = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert response.status_code == 200 and response.json["status"] == "submitted"


def test_changed_content_after_submission_is_a_conflict(client, court, monitor_headers, document):
    body = payload(document, court)
    client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    body["hearing"] = dict(body["hearing"], hearing_open="unknown" if body["hearing"].get("hearing_open") != "unknown" else "yes")
    response = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert response.status_code == 409
    assert "already submitted" in response.json["message"]


def test_same_uuid_from_another_author_is_a_conflict(client, court, monitor_headers, document, create_user, api_token):
    body = payload(document, court, "draft")
    client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    other = api_token(create_user("monitor"))
    response = client.post("/api/v1/submissions", json=dict(body, status="submitted"), headers=other)
    assert response.status_code == 409


def test_malformed_json_is_400(client, monitor_headers):
    response = client.post("/api/v1/submissions", data="{not json",
                           headers=monitor_headers | {"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json["error"] == "bad_request"


def test_invalid_content_is_422_with_every_path(client, court, monitor_headers, document):
    body = payload(document, court)
    juvenile_index = next(i for i, a in enumerate(body["accused"]) if "juvenile" in a)
    body["accused"][juvenile_index]["juvenile"]["in_camera"] = "perhaps"
    body["hearing"]["hearing_date"] = (date.today() + timedelta(days=2)).isoformat()
    body["hearing"].pop("hearing_open")
    response = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert response.status_code == 422
    errors = response.json["errors"]
    assert errors[f"accused[{juvenile_index}].juvenile.in_camera"].startswith("must be one of")
    assert errors["hearing.hearing_date"] == "cannot be in the future"
    assert errors["hearing.hearing_open"] == "is required"


@pytest.mark.parametrize(
    "change, path",
    [
        ({"uuid": "not-a-uuid"}, "uuid"),
        ({"status": "approved"}, "status"),
        ({"version": "1"}, "version"),
        ({"court": "nowhere"}, "court"),
        ({"checklist": "other"}, "checklist"),
        ({"accused": "everyone"}, "accused"),
        ({"accused": [{"juvenile": "yes"}]}, "accused[0].juvenile"),
        ({"hearing": []}, "hearing"),
    ],
)
def test_envelope_mistakes_are_422(client, court, monitor_headers, document, change, path):
    body = payload(document, court) | change
    response = client.post("/api/v1/submissions", json=body, headers=monitor_headers)
    assert response.status_code == 422, response.json
    assert path in response.json["errors"], response.json


def test_non_object_body_is_422(client, monitor_headers):
    response = client.post("/api/v1/submissions", json=[1, 2], headers=monitor_headers)
    assert response.status_code == 422


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}])
def test_no_valid_credentials_is_401(client, headers):
    for method, url in [("get", "/api/v1/checklists"), ("post", "/api/v1/submissions"),
                        ("get", f"/api/v1/submissions/{uuid.uuid4()}"), ("get", "/api/v1/courts")]:
        response = getattr(client, method)(url, headers=headers, json={} if method == "post" else None)
        assert response.status_code == 401, url
        assert response.json["error"] == "unauthorized"


def test_role_boundaries(client, court, document, create_user, api_token):
    """Monitors read only their own; managers read all; administrators do not file checklists."""
    owner, other, manager, admin = (api_token(create_user(role)) for role in ("monitor", "monitor", "manager", "admin"))
    body = payload(document, court)
    assert client.post("/api/v1/submissions", json=body, headers=owner).status_code == 201
    url = f"/api/v1/submissions/{body['uuid']}"
    assert client.get(url, headers=owner).status_code == 200
    assert client.get(url, headers=other).status_code == 403
    assert client.get(url, headers=manager).status_code == 200
    assert client.get(url, headers=admin).status_code == 200
    assert client.post("/api/v1/submissions", json=payload(document, court), headers=admin).status_code == 403
    assert client.post("/api/v1/submissions", json=payload(document, court), headers=manager).status_code == 201
    assert client.get(f"/api/v1/submissions/{uuid.uuid4()}", headers=owner).status_code == 404


def test_revoked_or_deactivated_credentials_stop_working(client, create_user, api_token, app):
    from monitor.extensions import db
    from monitor.models import ApiToken
    user = create_user("monitor")
    headers = api_token(user)
    assert client.get("/api/v1/courts", headers=headers).status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/courts", headers=headers).status_code == 401
    user.active = True
    db.session.query(ApiToken).update({"revoked_at": db.func.now()})
    db.session.commit()
    assert client.get("/api/v1/courts", headers=headers).status_code == 401


def test_tokens_do_not_open_html_pages(client, monitor_headers):
    assert client.get("/checklists", headers=monitor_headers).status_code == 302


def test_browser_session_writes_need_csrf_header(make_app, database_url):
    """A page signed in with a cookie cannot be made to file a checklist by another site."""
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    with app.app_context():
        from monitor.extensions import db
        from monitor.models import User
        user = User(username="m", display_name="M", role="monitor")
        user.set_password("pw-long-enough")
        db.session.add(user)
        db.session.commit()
        client = app.test_client()
        login_page = client.get("/login").text
        token = login_page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        client.post("/login", data={"username": "m", "password": "pw-long-enough", "csrf_token": token})
        refused = client.post("/api/v1/submissions", json={})
        assert refused.status_code == 400 and refused.json["error"] == "csrf"
        before_sign_in = client.post("/api/v1/submissions", json={}, headers={"X-CSRFToken": token})
        assert before_sign_in.status_code == 400, "signing in starts a new session: the anonymous one's token is dead"
        signed_in_token = client.get("/api/v1/session").json["csrf_token"]
        accepted = client.post("/api/v1/submissions", json={}, headers={"X-CSRFToken": signed_in_token})
        assert accepted.status_code == 422


def test_openapi_document_is_valid(client):
    from openapi_spec_validator import validate
    document = client.get("/api/v1/openapi.json").json
    validate(document)
    assert {"/submissions", "/submissions/{uuid}", "/checklists/{key}"} <= set(document["paths"])
    assert json.dumps(document)  # serialisable
