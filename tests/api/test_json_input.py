"""Does every JSON write endpoint read its body the same way: 400 for a body that is not JSON, 422
naming the path of anything no database can store (NUL, lone surrogates), too deep, or repeated,
and in every case nothing written? Checked in the tables, not only in the status."""
import json

import pytest

from monitor.extensions import db
from tests.api.conftest import envelope
from tests.support.rows import row_counts

#: Per endpoint: where a string answer may go, and the object a key may be added to.
STRING_AT = {"submission": ("hearing", "case_reference"), "review": ("comment",), "correction": ("comment",)}
OBJECT_AT = {"submission": ("hearing",), "review": (), "correction": ("hearing",)}


@pytest.fixture
def writes(client, court, monitor_headers, document, create_user, api_token):
    """The three JSON write endpoints, each with a valid body and the headers of someone allowed to use it."""
    filed = envelope(document)
    assert client.post("/api/v1/submissions", json=filed, headers=monitor_headers).status_code == 201
    manager = api_token(create_user("manager"))
    url = f"/api/v1/submissions/{filed['uuid']}"
    return {
        "submission": ("/api/v1/submissions", monitor_headers, lambda: envelope(document, "draft")),
        "review": (f"{url}/review", manager, lambda: {"action": "return", "comment": "Check the hearing date."}),
        "correction": (f"{url}/corrections", manager, lambda: {
            "base_revision": 1, "comment": "Seen on the notice board",
            "hearing": dict(filed["hearing"], case_reference="CR-corrected"),
            "accused": filed["accused"]}),
    }


def placed(body: dict, path: tuple, value) -> dict:
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return body


def send(client, writes, endpoint, data: bytes, content_type="application/json"):
    url, headers, _ = writes[endpoint]
    return client.post(url, data=data, content_type=content_type, headers=headers)


ENDPOINTS = ["submission", "review", "correction"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_valid_bodies_are_accepted(client, writes, endpoint):
    """The baseline the refusals below are measured against."""
    response = send(client, writes, endpoint, json.dumps(writes[endpoint][2]()).encode())
    assert response.status_code in (200, 201), response.json


NOT_JSON = [
    (b"\xff\xfe not utf-8 {", "application/json"),
    (b'{"action": ', "application/json"),
    (b"", "application/json"),
    (b"action=approve", "application/x-www-form-urlencoded"),
    (b'{"action": "approve"}', "text/plain"),
    (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    (b'{"comment": "\\ud800\\udc00\\udc00"', "application/json"),
    (b'{"comment": ' + b"9" * 5000 + b"}", "application/json"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_body_that_is_not_json_is_400(client, writes, endpoint):
    before = row_counts()
    for data, content_type in NOT_JSON:
        response = send(client, writes, endpoint, data, content_type)
        assert response.status_code == 400, (data[:40], response.text)
        assert response.json["error"] == "bad_request" and response.json["message"]
    assert row_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_unstorable_text_in_a_value_is_422_by_path(client, writes, endpoint):
    """PostgreSQL stores neither U+0000 nor half of a surrogate pair; neither can be written out as UTF-8."""
    before = row_counts()
    for text, problem in [("A\u0000B", "NUL"), ("\ud800x", "surrogate"), ("x\udfff", "surrogate"), ("\udc00\ud800", "surrogate")]:
        body = placed(writes[endpoint][2](), STRING_AT[endpoint], text)
        response = send(client, writes, endpoint, json.dumps(body).encode())
        assert response.status_code == 422, response.text
        assert problem in response.json["errors"][".".join(STRING_AT[endpoint])]
    assert row_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_unstorable_text_in_a_key_is_422_naming_it_readably(client, writes, endpoint):
    before = row_counts()
    for key, shown in [("\ud800x", "\\ud800x"), ("in\u0000camera", "in\\u0000camera")]:
        body = writes[endpoint][2]()
        placed(body, OBJECT_AT[endpoint] + (key,), "yes")
        response = send(client, writes, endpoint, json.dumps(body).encode())
        assert response.status_code == 422, response.text
        assert ".".join(OBJECT_AT[endpoint] + (shown,)) in response.json["errors"]
    assert row_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_key_sent_twice_is_422_not_a_silent_choice(client, writes, endpoint):
    """JSON parsers keep the last of two equal keys; the first answer would vanish without a word."""
    body = writes[endpoint][2]()
    text = json.dumps(body)
    repeated = text.replace('"comment": ', '"comment": "first", "comment": ', 1) if endpoint != "submission" \
        else text.replace('"hearing": {', '"hearing": {"hearing_open": "no", ', 1)
    before = row_counts()
    response = send(client, writes, endpoint, repeated.encode())
    assert response.status_code == 422, response.text
    path = "comment" if endpoint != "submission" else "hearing.hearing_open"
    assert "twice" in response.json["errors"][path]
    assert row_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_numbers_json_cannot_carry_are_422_by_path(client, writes, endpoint):
    before = row_counts()
    for number in ["NaN", "Infinity", "-Infinity", "1e999"]:
        body = placed(writes[endpoint][2](), STRING_AT[endpoint], "PLACEHOLDER")
        response = send(client, writes, endpoint, json.dumps(body).replace('"PLACEHOLDER"', number).encode())
        assert response.status_code == 422, response.text
        assert ".".join(STRING_AT[endpoint]) in response.json["errors"]
    assert row_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_too_deep_a_document_is_422_at_the_deepest_path_kept(client, writes, endpoint):
    body = placed(writes[endpoint][2](), STRING_AT[endpoint], json.loads("[" * 40 + "]" * 40))
    before = row_counts()
    response = send(client, writes, endpoint, json.dumps(body).encode())
    assert response.status_code == 422, response.text
    [(path, message)] = [(p, m) for p, m in response.json["errors"].items() if "deep" in m]
    assert path.startswith(".".join(STRING_AT[endpoint]) + "[0][0]")
    assert row_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_body_that_is_not_an_object_is_422(client, writes, endpoint):
    before = row_counts()
    for body in [[1, 2], "text", 3, None]:
        response = send(client, writes, endpoint, json.dumps(body).encode())
        assert response.status_code == 422 and response.json["errors"] == {"": "must be a JSON object"}
    assert row_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_request_that_fails_after_writing_leaves_no_row(app, client, writes, endpoint):
    """Whatever goes wrong while the answer is written out, nothing of the request stays in the
    database, so the client's retry starts from a clean slate."""
    body = writes[endpoint][2]()
    before = row_counts()
    failures = []
    original = app.json.response

    def fail_once(*args, **kwargs):
        if not failures:
            failures.append(True)
            raise RuntimeError("the answer could not be written out")
        return original(*args, **kwargs)

    app.json.response = fail_once
    try:
        response = send(client, writes, endpoint, json.dumps(body).encode())
    finally:
        app.json.response = original
    assert response.status_code == 500 and failures
    assert row_counts() == before
    db.session.remove()  # the retry is another request: on a real server, another session
    assert send(client, writes, endpoint, json.dumps(body).encode()).status_code in (200, 201)
