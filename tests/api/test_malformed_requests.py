"""However malformed the request, does the server answer with a clear 4xx and save nothing?"""
import json
import uuid

import pytest
from sqlalchemy import func, select

from monitor.extensions import db
from monitor.models import Checklist


@pytest.fixture
def headers(create_user, create_court, api_token):
    create_court()
    return api_token(create_user("monitor"))


def envelope(**changes):
    body = {"uuid": str(uuid.uuid4()), "checklist": "fair_trial", "version": 1, "court": "pp_first_instance",
            "status": "draft", "hearing": {"hearing_date": "2025-01-06"}, "accused": []}
    return body | changes


def stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Checklist))


@pytest.mark.parametrize("data, content_type", [
    (b"\xff\xfe not utf-8 {", "application/json"),
    (b'{"uuid": ', "application/json"),
    (b"uuid=1&court=x", "application/x-www-form-urlencoded"),
    (b"", "application/json"),
    (json.dumps(envelope()).encode(), "text/plain"),
])
def test_unreadable_bodies_are_400(client, headers, data, content_type):
    response = client.post("/api/v1/submissions", data=data, content_type=content_type, headers=headers)
    assert response.status_code == 400 and response.json["error"] == "bad_request"
    assert stored() == 0


def test_huge_body_is_413_json(client, headers):
    body = envelope(hearing={"notes": "x" * (2 * 1024 * 1024)})
    response = client.post("/api/v1/submissions", json=body, headers=headers)
    assert response.status_code == 413 and response.json["error"] == "request_entity_too_large"
    assert stored() == 0


def test_huge_form_post_is_413_page(client, create_user, login):
    login(create_user("monitor"))
    response = client.post("/checklists/new", data={"court": "1" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and "<h1>" in response.text


@pytest.mark.parametrize("changes, path", [
    ({"court": "pp\u0000first"}, "court"),
    ({"checklist": "fair\u0000trial"}, "checklist"),
    ({"hearing": {"hearing_date": "2025-01-06", "case_reference": "A\u0000B"}}, "hearing.case_reference"),
    ({"accused": [{"gender": "f\u0000"}]}, "accused[0].gender"),
    ({"hearing": {"\u0000": "yes"}}, "hearing"),
])
def test_nul_characters_are_named_not_crashed_on(client, headers, changes, path):
    """PostgreSQL cannot store U+0000 in text; it is refused as invalid input, with the field named."""
    response = client.post("/api/v1/submissions", json=envelope(**changes), headers=headers)
    assert response.status_code == 422, response.json
    assert any(key.startswith(path) for key in response.json["errors"]), response.json
    assert stored() == 0


@pytest.mark.parametrize("url", [
    "/api/v1/submissions/%00", "/api/v1/submissions/" + "9" * 5000, "/api/v1/checklists/%00",
    "/api/v1/checklists/fair_trial?version=abc", "/api/v1/checklists/fair_trial?version=99999999999999999999999",
    "/api/v1/checklists/fair_trial?version=-1", "/api/v1/courts?%ff=%ff", "/api/v1/courts?x=%00",
])
def test_odd_addresses_are_answered_without_a_server_error(client, headers, url):
    """Unknown or unusable query parameters are ignored or refused, never a crash."""
    response = client.get(url, headers=headers)
    assert response.status_code < 500 and response.is_json, response.text


def test_deeply_nested_json_is_refused(client, headers):
    nested = "[" * 5000 + "]" * 5000
    body = json.dumps(envelope()).replace('"accused": []', f'"accused": {nested}')
    response = client.post("/api/v1/submissions", data=body, content_type="application/json", headers=headers)
    assert response.status_code in (400, 422)
    assert stored() == 0


def test_pages_survive_nul_and_odd_input(client, create_user, login):
    login(create_user("monitor"))
    assert client.get("/checklists/%00/hearing/general").status_code == 404
    response = client.post("/login", data={"username": "a\u0000b", "password": "x\u0000y"})
    assert response.status_code == 400 and "The field &#39;username&#39; contains the NUL character" in response.text
    form = client.post("/checklists/new", data={"court": "\u0000", "hearing_date": "2025-13-45"})
    assert form.status_code == 400 and stored() == 0
    bad_date = client.post("/checklists/new", data={"court": "1", "hearing_date": "2025-13-45"})
    assert bad_date.status_code == 200 and stored() == 0
