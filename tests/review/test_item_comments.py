"""Can a manager return a checklist with comments on single items, which the monitor reads next to
those items on the server pages and which the API gives the offline app?"""
import re

import pytest

from monitor.extensions import db
from monitor.models import AuditEvent, ReviewAction
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def returned(create_user, create_court, client_for, make_checklist, api_token):
    monitor = create_user("monitor", username="sokha")
    checklist = make_checklist(monitor, create_court(), complete_document(ages=(35, 16)))
    office = client_for(create_user("manager"))
    page = office.get(f"/review/checklists/{checklist.uuid}").text
    assert 'name="item_comment:accused[1].age_at_offence"' in page
    response = office.post(f"/review/checklists/{checklist.uuid}/decide", data={
        "action": "return", "comment": "Two things to check.", "revision": "1",
        "item_comment:accused[1].age_at_offence": "The judge said 17; check the charge sheet.",
        "item_comment:hearing.hearing_open": "  "})
    assert response.status_code == 302
    return {"checklist": checklist, "phone": client_for(monitor), "token": api_token(monitor), "office": office}


def test_the_monitor_reads_each_comment_next_to_its_item(returned, client):
    checklist, phone = returned["checklist"], returned["phone"]
    [decision] = db.session.query(ReviewAction).filter_by(checklist_id=checklist.id, action="return").all()
    assert decision.item_comments == {"accused[1].age_at_offence": "The judge said 17; check the charge sheet."}

    overview = re.sub(r"\s+", " ", phone.get(f"/checklists/{checklist.uuid}").text)
    assert "Accused 2 · Age at the time of the offence — The judge said 17; check the charge sheet." in overview
    section = phone.get(f"/checklists/{checklist.uuid}/accused/2/person").text
    field = section.split('id="field-age_at_offence"')[1].split('id="field-has_lawyer"')[0]
    assert '<p class="item-comment" data-item-comment>Manager: The judge said 17; check the charge sheet.</p>' in field
    other = phone.get(f"/checklists/{checklist.uuid}/accused/1/person").text
    assert "data-item-comment>" not in other

    described = client.get(f"/api/v1/submissions/{checklist.uuid}", headers=returned["token"]).json
    assert described["item_comments"] == {"accused[1].age_at_offence": "The judge said 17; check the charge sheet."}
    event = db.session.query(AuditEvent).filter_by(target_key=checklist.uuid, event="review").one()
    assert event.details["item_comments"] == described["item_comments"]


def test_comments_go_only_on_items_of_the_checklist_and_with_a_return(create_user, create_court, make_checklist,
                                                                      api_token, client):
    checklist = make_checklist(create_user("monitor"), create_court(), complete_document())
    office = api_token(create_user("manager"))
    url = f"/api/v1/submissions/{checklist.uuid}/review"
    wrong = client.post(url, headers=office, json={"action": "return", "comment": "x", "revision": 1,
                                                    "item_comments": {"accused[4].age_at_offence": "no such accused"}})
    assert wrong.status_code == 422 and "item_comments.accused[4].age_at_offence" in wrong.json["errors"]
    approving = client.post(url, headers=office, json={"action": "approve", "revision": 1,
                                                        "item_comments": {"hearing.hearing_open": "fine"}})
    assert approving.status_code == 422 and "item_comments" in approving.json["errors"]
    ok = client.post(url, headers=office, json={"action": "return", "comment": "x", "revision": 1,
                                                 "item_comments": {"hearing.hearing_open": "Was it?"}})
    assert ok.status_code == 200 and ok.json["item_comments"] == {"hearing.hearing_open": "Was it?"}
