"""Corrections through the API: a new revision per save, 409 on a stale base, 422 on bad answers."""
import uuid

import pytest

from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def checklist_uuid(client, create_user, create_court, api_token):
    court, phone = create_court(), api_token(create_user("monitor"))
    checklist_uuid = str(uuid.uuid4())
    body = {"uuid": checklist_uuid, "checklist": "mini", "version": 1, "court": court.key, "status": "submitted",
            **complete_document()}
    assert client.post("/api/v1/submissions", json=body, headers=phone).status_code == 201
    return checklist_uuid


@pytest.fixture
def office(create_user, api_token):
    return api_token(create_user("manager"))


def test_correction_revisions_and_diff(client, checklist_uuid, office):
    document = complete_document()
    document["accused"][0]["has_lawyer"] = "yes"
    saved = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=office,
                        json={"base_revision": 1, "comment": "Lawyer seen in court", **document})
    assert saved.status_code == 201
    assert saved.json["number"] == 2 and saved.json["base"] == 1 and saved.json["kind"] == "correction"
    assert saved.json["changes"] == [{"path": "accused[0].has_lawyer", "before": "no", "after": "yes"}]

    current = client.get(f"/api/v1/submissions/{checklist_uuid}", headers=office).json
    assert current["revision"] == 2 and current["accused"][0]["has_lawyer"] == "yes"
    first = client.get(f"/api/v1/submissions/{checklist_uuid}/revisions/1", headers=office).json
    assert first["document"]["accused"][0]["has_lawyer"] == "no"
    diff = client.get(f"/api/v1/submissions/{checklist_uuid}/diff?from=1&to=2", headers=office).json
    assert diff["changes"] == [{
        "path": "accused[0].has_lawyer", "where": "Accused 1", "label": "Represented by a lawyer?",
        "before": "no", "after": "yes", "before_text": "No", "after_text": "Yes",
    }]


def test_stale_base_revision_is_409_and_changes_nothing(client, checklist_uuid, office):
    first, second = complete_document(), complete_document()
    first["hearing"]["hearing_open"] = "no"
    second["hearing"]["hearing_open"] = "unknown"
    assert client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=office,
                       json={"base_revision": 1, "comment": "Closed", **first}).status_code == 201
    stale = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=office,
                        json={"base_revision": 1, "comment": "Unknown", **second})
    assert stale.status_code == 409
    assert stale.json["error"] == "stale_revision" and stale.json["revision"] == 2
    assert client.get(f"/api/v1/submissions/{checklist_uuid}", headers=office).json["hearing"]["hearing_open"] == "no"


@pytest.mark.parametrize("body, field", [
    ({"hearing": {"hearing_date": "2025-03-04", "hearing_open": "perhaps"},
      "accused": [{"gender": "female", "age_at_offence": 30}]},
     "hearing.hearing_open"),
    ({"hearing": {"hearing_date": "2025-03-04", "hearing_open": "yes"}, "accused": [{"gender": "female"}]},
     "accused[0].age_at_offence"),
    ({"hearing": "none"}, "hearing"),
    ({"hearing": {}, "accused": [{"juvenile": "yes"}]}, "accused[0].juvenile"),
])
def test_invalid_corrections_are_422_by_path(client, checklist_uuid, office, body, field):
    response = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=office,
                           json={"base_revision": 1, **body})
    assert response.status_code == 422 and field in response.json["errors"]


def test_missing_base_revision_and_unchanged_document_are_422(client, checklist_uuid, office):
    missing = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=office, json=complete_document())
    assert missing.status_code == 422 and "base_revision" in missing.json["errors"]
    unchanged = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=office,
                            json={"base_revision": 1, "comment": "Checked", **complete_document()})
    assert unchanged.status_code == 422 and unchanged.json["error"] == "unchanged"


def test_a_correction_without_a_reason_is_422_naming_the_comment(client, checklist_uuid, office):
    document = complete_document()
    document["hearing"]["hearing_open"] = "no"
    for body in ({"base_revision": 1, **document}, {"base_revision": 1, "comment": "  ", **document}):
        response = client.post(f"/api/v1/submissions/{checklist_uuid}/corrections", headers=office, json=body)
        assert response.status_code == 422 and "Say why these answers are corrected" in response.json["errors"]["comment"]
    assert client.get(f"/api/v1/submissions/{checklist_uuid}", headers=office).json["revision"] == 1
