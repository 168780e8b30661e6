"""Does the server work out ages and detention lengths from the dates before it decides what was
asked, so that a client sending the dates and the juvenile annex, but not the age, loses nothing?"""
from datetime import date

import pytest

from tests.api.conftest import envelope, juvenile_index
from tests.support.rows import row_counts


def post(client, headers, body):
    return client.post("/api/v1/submissions", json=body, headers=headers)


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_the_annex_is_kept_when_the_age_is_left_to_the_dates(client, court, monitor_headers, document, status):
    """`age_at_offence` is documented as computed from the dates: a client may leave it out."""
    body = envelope(document, status)
    index = juvenile_index(body)
    child = body["accused"][index]
    assert child["date_of_birth"] and child["offence_date"]
    age = child.pop("age_at_offence")
    child.pop("age_at_hearing", None)
    annex = dict(child["juvenile"])
    assert len(annex) >= 3 and age < 18

    response = post(client, monitor_headers, body)

    assert response.status_code == 201, response.json
    assert response.json["accused"][index]["age_at_offence"] == age
    assert response.json["accused"][index]["juvenile"] == annex
    stored = client.get(f"/api/v1/submissions/{body['uuid']}", headers=monitor_headers).json
    assert stored["accused"][index]["juvenile"] == annex
    assert stored["accused"][index]["age_at_hearing"] >= age


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_a_sent_age_that_disagrees_with_the_dates_is_refused_and_says_so(client, court, monitor_headers, document, status):
    body = envelope(document, status)
    index = juvenile_index(body)
    age = body["accused"][index]["age_at_offence"]
    body["accused"][index]["age_at_offence"] = 30
    before = row_counts()

    response = post(client, monitor_headers, body)

    assert response.status_code == 422, response.json
    message = response.json["errors"][f"accused[{index}].age_at_offence"]
    assert f"is {age} " in message and "not 30" in message and "date_of_birth" in message and "offence_date" in message
    assert row_counts() == before


def test_a_sent_detention_length_that_disagrees_with_the_dates_is_refused(client, court, monitor_headers, document):
    body = envelope(document)
    hearing_date = date.fromisoformat(body["hearing"]["hearing_date"])
    accused = body["accused"][0]
    accused.update(detention_status="pretrial_detention", date_of_arrest=accused["offence_date"])
    accused.get("juvenile", {}).pop("juvenile_detention_days", None)
    if "juvenile" in accused:  # the annex agrees with the accused block
        accused["juvenile"]["juvenile_pretrial_detention"] = "yes"
    days = (hearing_date - date.fromisoformat(accused["offence_date"])).days
    accused["pretrial_detention_days"] = days + 3

    response = post(client, monitor_headers, body)

    assert response.status_code == 422, response.json
    message = response.json["errors"]["accused[0].pretrial_detention_days"]
    assert f"is {days} " in message and f"not {days + 3}" in message


def test_detention_length_left_out_is_worked_out(client, court, monitor_headers, document):
    body = envelope(document, "draft")
    hearing_date = date.fromisoformat(body["hearing"]["hearing_date"])
    accused = body["accused"][0]
    accused.update(detention_status="pretrial_detention", date_of_arrest=accused["offence_date"])
    accused.pop("pretrial_detention_days", None)
    accused.get("juvenile", {}).pop("juvenile_detention_days", None)
    if "juvenile" in accused:  # the annex agrees with the accused block
        accused["juvenile"]["juvenile_pretrial_detention"] = "yes"

    response = post(client, monitor_headers, body)

    assert response.status_code == 201, response.json
    days = (hearing_date - date.fromisoformat(accused["offence_date"])).days
    assert response.json["accused"][0]["pretrial_detention_days"] == days


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_an_annex_is_refused_not_thrown_away_when_no_age_can_be_known(client, court, monitor_headers, document, status):
    """Neither an age nor a date of birth: the server cannot tell whether the annex applies, so it
    says so instead of storing the checklist without it."""
    body = envelope(document, status)
    index = juvenile_index(body)
    for key in ("age_at_offence", "date_of_birth", "age_at_hearing"):
        body["accused"][index].pop(key, None)
    before = row_counts()

    response = post(client, monitor_headers, body)

    assert response.status_code == 422, response.json
    assert "age_at_offence" in response.json["errors"][f"accused[{index}].juvenile"]
    assert row_counts() == before


def test_the_same_rules_hold_for_a_managers_correction(client, court, monitor_headers, document, create_user, api_token):
    """A correction through the API keeps the annex when the age is left to the dates, and refuses a wrong age."""
    body = envelope(document)
    assert post(client, monitor_headers, body).status_code == 201
    manager = api_token(create_user("manager"))
    index = juvenile_index(body)
    corrected = {"hearing": body["hearing"], "accused": body["accused"], "base_revision": 1, "comment": "In camera"}
    age = corrected["accused"][index].pop("age_at_offence")
    annex = corrected["accused"][index]["juvenile"]
    if annex.get("in_camera") == "yes":
        annex["in_camera"] = "no"
    else:  # checklist version 2 refuses a child heard in camera at a hearing open to the public
        annex["in_camera"] = "yes"
        corrected["hearing"].update(hearing_open="no", closed_reason_given="yes")
    url = f"/api/v1/submissions/{body['uuid']}/corrections"

    kept = client.post(url, json=corrected, headers=manager)
    assert kept.status_code == 201, kept.json
    stored = client.get(f"/api/v1/submissions/{body['uuid']}", headers=manager).json
    assert stored["accused"][index]["juvenile"]["in_camera"] == corrected["accused"][index]["juvenile"]["in_camera"]
    assert stored["accused"][index]["age_at_offence"] == age

    corrected["base_revision"] = 2
    corrected["accused"][index]["age_at_offence"] = age + 12
    refused = client.post(url, json=corrected, headers=manager)
    assert refused.status_code == 422
    assert f"not {age + 12}" in refused.json["errors"][f"accused[{index}].age_at_offence"]
