"""When the rules drop an answer (an item not asked, an annex for an adult), does the client hear
of it, by path and with the reason, instead of losing it without a word?"""
from datetime import date, timedelta

from tests.api.conftest import envelope, juvenile_index


def post(client, headers, body, **extra):
    return client.post("/api/v1/submissions", json=body, headers=headers | extra)


def adult_with_annex(body: dict, age: int = 19) -> int:
    """Make the first juvenile accused `age` at the offence, by the dates, keeping their annex."""
    index = juvenile_index(body)
    child = body["accused"][index]
    offence = date.fromisoformat(child["offence_date"])
    child["date_of_birth"] = (offence - timedelta(days=age * 365 + age // 4 + 60)).isoformat()
    for key in ("age_at_offence", "age_at_hearing"):
        child.pop(key, None)
    return index


def test_an_annex_sent_for_an_adult_is_listed_as_ignored(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    index = adult_with_annex(body)

    response = post(client, monitor_headers, body)

    assert response.status_code == 201, response.json
    assert "juvenile" not in response.json["accused"][index]
    assert response.json["ignored"] == {f"accused[{index}].juvenile": "accused is 19 at the offence"}


def test_answers_to_items_not_asked_are_listed_with_the_condition(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    body["hearing"].update(verdict_announced="no", verdict_public="yes", verdict_reasons_given="no")

    response = post(client, monitor_headers, body)

    assert response.status_code == 201, response.json
    assert "verdict_public" not in response.json["hearing"]
    assert response.json["ignored"]["hearing.verdict_public"] == "not asked unless verdict_announced = yes"
    assert set(response.json["ignored"]) == {"hearing.verdict_public", "hearing.verdict_reasons_given"}


def test_nothing_ignored_is_an_empty_list_and_a_retry_says_the_same(client, court, monitor_headers, document):
    body = envelope(document)
    first = post(client, monitor_headers, body)
    assert first.status_code == 201 and first.json["ignored"] == {}
    body["hearing"].update(verdict_announced="no", verdict_public="yes")
    body["uuid"] = envelope(document)["uuid"]
    assert post(client, monitor_headers, body).json["ignored"] == post(client, monitor_headers, body).json["ignored"] != {}


def test_reasons_come_in_the_clients_language(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    index = adult_with_annex(body)
    response = post(client, monitor_headers, body, **{"Accept-Language": "km"})
    reason = response.json["ignored"][f"accused[{index}].juvenile"]
    assert "19" in reason and "accused" not in reason


def test_a_correction_lists_what_it_ignored(client, court, monitor_headers, document, create_user, api_token):
    body = envelope(document)
    assert post(client, monitor_headers, body).status_code == 201
    manager = api_token(create_user("manager"))
    corrected = {"hearing": dict(body["hearing"], verdict_announced="no", verdict_public="yes"), "accused": body["accused"],
                 "base_revision": 1, "comment": "No verdict that day"}
    response = client.post(f"/api/v1/submissions/{body['uuid']}/corrections", json=corrected, headers=manager)
    assert response.status_code == 201, response.json
    assert response.json["ignored"]["hearing.verdict_public"] == "not asked unless verdict_announced = yes"


def test_the_openapi_document_describes_ignored_answers(client):
    document = client.get("/api/v1/openapi.json").json
    schemas = document["components"]["schemas"]
    received = document["paths"]["/submissions"]["post"]["responses"]["201"]["content"]["application/json"]["schema"]
    properties = schemas[received["$ref"].rsplit("/", 1)[1]]["properties"]
    assert "accused[0].juvenile" in properties["ignored"]["description"]
    corrected = document["paths"]["/submissions/{uuid}/corrections"]["post"]["responses"]["201"]["content"]["application/json"]
    assert "ignored" in schemas[corrected["schema"]["$ref"].rsplit("/", 1)[1]]["properties"]
