"""Are the sizes a checklist may have taken from its definition and checked before any rule runs,
so an oversized request is refused at once, saying which bound it broke, with a short answer?"""
import json

from tests.api.conftest import envelope
from tests.support.rows import row_counts


def post(client, headers, body):
    return client.post("/api/v1/submissions", data=json.dumps(body), content_type="application/json", headers=headers)


def an_accused(document: dict) -> dict:
    return {key: value for key, value in document["accused"][0].items() if key != "juvenile"}


def test_a_mass_trial_of_200_accused_is_accepted(client, court, monitor_headers, document):
    """Trials with more than a hundred accused happen; the checklist takes up to 200."""
    body = envelope(document, "draft", accused=[an_accused(document) for _ in range(200)])
    response = post(client, monitor_headers, body)
    assert response.status_code == 201, response.json.get("errors")
    assert len(response.json["accused"]) == 200
    assert row_counts()["accused"] == 200


def test_more_accused_than_the_definition_allows_is_refused_naming_the_bound(client, court, monitor_headers, document):
    body = envelope(document, "draft", accused=[an_accused(document) for _ in range(201)])
    before = row_counts()
    response = post(client, monitor_headers, body)
    assert response.status_code == 422
    assert response.json["errors"] == {"accused": "at most 200 accused per checklist (201 sent)"}
    assert row_counts() == before


def test_forty_thousand_accused_get_a_short_refusal(client, court, monitor_headers, document):
    """The probe that cost 53 s of server CPU and a 46 MB answer: refused by the bound, before any rule runs."""
    body = envelope(document, "draft", accused=[{"juvenile": []} for _ in range(40_000)])
    assert 600_000 < len(json.dumps(body)) < 1_000_000
    response = post(client, monitor_headers, body)
    assert response.status_code == 422
    assert response.json["errors"] == {"accused": "at most 200 accused per checklist (40000 sent)"}
    assert len(response.data) < 1_000


def test_more_answers_than_a_block_has_items_is_refused_naming_the_bound(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    body["hearing"].update({f"extra_{n}": "yes" for n in range(5_000)})
    response = post(client, monitor_headers, body)
    assert response.status_code == 422
    assert response.json["errors"]["hearing"].startswith("at most ")
    assert len(response.data) < 1_000


def test_a_long_list_of_choices_is_refused_naming_the_bound(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    body["hearing"]["offence_categories"] = ["drugs"] * 50_000
    response = post(client, monitor_headers, body)
    assert response.status_code == 422
    assert response.json["errors"]["hearing.offence_categories"].startswith("lists 50000 choices; there are only ")
    assert len(response.data) < 1_000


def test_the_list_of_problems_is_capped_and_says_how_many_there_are(client, court, monitor_headers, document):
    accused = [an_accused(document) | {"gender": "perhaps", "present_at_hearing": "maybe"} for _ in range(150)]
    body = envelope(document, "draft", accused=accused)
    response = post(client, monitor_headers, body)
    assert response.status_code == 422
    assert len(response.json["errors"]) == 100
    assert response.json["errors_total"] == 300
    assert "100 of 300" in response.json["message"]
    assert list(response.json["errors"])[:2] == ["accused[0].gender", "accused[0].present_at_hearing"]


def test_a_very_long_unknown_key_is_shortened_in_the_answer(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    body["hearing"]["k" * 100_000] = "yes"
    response = post(client, monitor_headers, body)
    assert response.status_code == 422
    [path] = [path for path in response.json["errors"] if path.startswith("hearing.kkk")]
    assert len(path) < 300 and path.endswith("…")
    assert len(response.data) < 2_000
