"""Does any request the OpenAPI document allows, or nearly allows, break the server or the document?

Schemathesis generates requests for every operation of /api/v1/openapi.json (valid ones and
deliberately invalid ones), sends them to the app in-process with a monitor's token, and checks
every response: never a 5xx, and always a status, content type and body the document declares."""
import copy
import json
import uuid

import pytest

import schemathesis
from hypothesis.errors import Unsatisfiable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from monitor.services.definitions import current_definition

#: Per operation and mode; deterministic, so a failure reproduces and the run time stays bounded.
EXAMPLES = 30
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def monitor_headers(create_user, create_court, api_token):
    create_court()
    return api_token(create_user("monitor"))


def _has_input(operation) -> bool:
    return bool(operation.path_parameters or operation.query or operation.body)


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_api_survives_generated_requests(app, monitor_headers, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5

    exercised = 0
    for operation in operations:
        if mode == schemathesis.GenerationMode.NEGATIVE and not _has_input(operation):
            continue  # nothing to make invalid: the positive run covers it
        @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode, headers=monitor_headers))
        def check(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except Unsatisfiable:
            # Every input of this operation accepts any value (free-text query parameters), so no
            # invalid request exists for it; the positive run exercises it.
            assert mode == schemathesis.GenerationMode.NEGATIVE
            continue
        exercised += 1
    assert exercised >= 3


#: Any JSON value a client could send where an answer belongs, including NaN and infinities,
#: which Python's JSON parser accepts although strict JSON does not.
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)


def test_answers_with_any_json_value_are_stored_whole_or_refused_whole(client, monitor_headers, document):
    """Deep inside a valid checklist, replace answers with arbitrary JSON: 2xx and stored exactly, or 422 and nothing stored."""
    valid = document
    hearing_keys = sorted(valid["hearing"])
    accused_keys = sorted({key for accused in valid["accused"] for key in accused})

    @settings(max_examples=60, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data):
        document = copy.deepcopy(valid)
        for key in data.draw(st.lists(st.sampled_from(hearing_keys), max_size=3)):
            document["hearing"][key] = data.draw(ANY_JSON)
        if data.draw(st.booleans()):
            document["hearing"][data.draw(st.text(max_size=8))] = data.draw(ANY_JSON)
        accused = data.draw(st.sampled_from(document["accused"]))
        for key in data.draw(st.lists(st.sampled_from(accused_keys), max_size=3)):
            accused[key] = data.draw(ANY_JSON)
        body = {"uuid": str(uuid.uuid4()), "checklist": "fair_trial", "version": current_definition().version,
                "court": "pp_first_instance", "status": data.draw(st.sampled_from(["draft", "submitted"])), **document}
        response = client.post("/api/v1/submissions", data=json.dumps(body), content_type="application/json",
                               headers=monitor_headers)
        assert response.status_code in (201, 400, 422), response.text
        read_back = client.get(f"/api/v1/submissions/{body['uuid']}", headers=monitor_headers)
        if response.status_code == 201:
            assert read_back.json["hearing"] == response.json["hearing"]
            assert read_back.json["accused"] == response.json["accused"]
        else:
            assert response.json["errors" if response.status_code == 422 else "message"]
            assert read_back.status_code == 404, "a refused checklist leaves nothing behind"

    check()


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_review_and_correction_bodies_survive_generated_requests(app, client, create_user, create_court, api_token,
                                                                 document, mode):
    """The run above has a monitor's token and made-up uuids, so its review and correction requests
    stop at 403 or 404 before their body is read. Here a manager writes to a stored checklist: every
    generated body reaches the body reader, the schemas and the checklist rules."""
    create_court()
    body = {"uuid": str(uuid.uuid4()), "checklist": "fair_trial", "version": current_definition().version,
            "court": "pp_first_instance", "status": "submitted", **document}
    assert client.post("/api/v1/submissions", json=body, headers=api_token(create_user("monitor"))).status_code == 201
    manager = api_token(create_user("manager"))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    writes = [result.ok() for result in schema.get_all_operations()
              if result.ok().method.upper() == "POST" and result.ok().path.startswith("/submissions/{uuid}/")]
    assert {operation.path for operation in writes} == {"/submissions/{uuid}/review", "/submissions/{uuid}/corrections"}

    for operation in writes:
        @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode, headers=manager, path_parameters={"uuid": body["uuid"]}))
        def check(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        check()
