"""Do Khmer readers see each court's Khmer name (queue, checklist, filing, audit log, statistics,
new releases), while courts without one, and releases published before, read as before?"""
import pytest

from monitor.extensions import db
from monitor.models import Court
from tests.support.mini_checklist import complete_document

KHMER = "សាលាដំបូងខេត្តកណ្ដាល"


@pytest.fixture
def app_config(mini_config):
    return mini_config


def test_an_administrator_gives_a_court_its_khmer_name_and_khmer_pages_use_it(create_user, create_court, client_for,
                                                                               make_checklist, api_token, client):
    court = create_court("kandal", "Kandal Provincial Court")
    admin = client_for(create_user("admin"))
    saved = admin.post(f"/admin/courts/{court.id}", data={"change": "rename", "name": court.name, "name_km": KHMER},
                       follow_redirects=True)
    assert KHMER in saved.text
    db.session.expire_all()
    assert db.session.get(Court, court.id).name_km == KHMER

    checklist = make_checklist(create_user("monitor"), db.session.get(Court, court.id), complete_document())
    office = client_for(create_user("manager"))
    khmer = office.get("/review/?lang=km").text
    assert KHMER in khmer and "Kandal Provincial Court" not in khmer.split("<main")[1]
    assert KHMER in office.get(f"/review/checklists/{checklist.uuid}").text
    english = office.get("/review/?lang=en").text
    assert "Kandal Provincial Court" in english and KHMER not in english
    courts = client.get("/api/v1/courts", headers=api_token(create_user("monitor"))).get_json()
    listed = courts if isinstance(courts, list) else courts.get("courts", courts.get("items"))
    assert {"key": "kandal", "name": "Kandal Provincial Court", "name_km": KHMER}.items() <= next(
        c for c in listed if c["key"] == "kandal").items()
