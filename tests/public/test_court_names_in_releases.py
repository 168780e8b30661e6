"""A release published after courts got Khmer names names them in Khmer for Khmer readers; a
release of courts without one keeps exactly the methodology it always had."""
from datetime import date

from monitor.extensions import db
from monitor.services import releases as service

KHMER = "សាលាដំបូងខេត្តកណ្ដាល"


def _hearings(add_hearing, court, count=6):
    for index in range(count):
        add_hearing(court, date(2024, 11, 4 + index), "approved", {"stage": "first_instance", "hearing_open": "yes"},
                    [{"gender": "male", "age_at_offence": 30, "represented_by_lawyer": "yes"}])


def test_khmer_court_names_in_a_new_release(add_hearing, create_court, app):
    court = create_court("kandal", "Kandal Provincial Court")
    court.name_km = KHMER
    db.session.commit()
    _hearings(add_hearing, court)
    release = service.publish("2025-Q1")
    assert release.methodology["courts"] == ["Kandal Provincial Court"]
    assert release.methodology["court_names"] == [{"en": "Kandal Provincial Court", "km": KHMER}]
    by_court = [b for i in release.report["indicators"] for b in i["breakdowns"] if b["key"] == "court"]
    assert by_court and all(c["label"] == {"en": "Kandal Provincial Court", "km": KHMER}
                            for b in by_court for c in b["categories"])
    client = app.test_client()
    assert KHMER in client.get("/data/2025-Q1/v1?lang=km").get_data(as_text=True)
    english = client.get("/data/2025-Q1/v1?lang=en").get_data(as_text=True)
    assert "Kandal Provincial Court" in english and KHMER not in english


def test_courts_without_a_khmer_name_publish_the_methodology_as_before(add_hearing, create_court, app):
    _hearings(add_hearing, create_court("alpha", "Alpha Court"))
    release = service.publish("2025-Q1")
    assert "court_names" not in release.methodology and release.methodology["courts"] == ["Alpha Court"]
    by_court = [c["label"] for i in release.report["indicators"] for b in i["breakdowns"] if b["key"] == "court"
                for c in b["categories"]]
    assert by_court and all(label == {"en": "Alpha Court"} for label in by_court)
