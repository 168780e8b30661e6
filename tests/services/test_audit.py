"""The audit log records every kind of event, and cannot be changed or emptied through the app."""
import re

import pytest
import sqlalchemy
from sqlalchemy import select, text

from monitor.extensions import db
from monitor.models import AuditEvent
from monitor.models.audit import AuditLogImmutable
from monitor.services import audit
from tests.conftest import PASSWORD
from tests.support.mini_checklist import complete_document


@pytest.fixture
def app_config(mini_config):
    return mini_config


def _events() -> list[AuditEvent]:
    db.session.expire_all()
    return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()


def test_every_kind_of_event_is_recorded(client, create_user, create_court, client_for, make_checklist, runner):
    monitor, manager = create_user("monitor", username="sokha"), create_user("manager", username="chenda")
    admin = create_user("admin", username="bopha")
    court = create_court()

    client.post("/login", data={"username": "sokha", "password": "wrong"})
    client.post("/login", data={"username": "sokha", "password": PASSWORD})
    client.post("/logout")
    checklist = make_checklist(monitor, court, complete_document())
    office = client_for(manager)
    office.post(f"/review/checklists/{checklist.uuid}/correct/hearing/basics", data={
        "hearing_date": "2025-03-04", "case_reference": "CR-1", "hearing_open": "no", "offence_categories": ["drugs"],
        "correction-base_revision": "1", "correction-comment": "The notice board says closed"})
    office.post(f"/review/checklists/{checklist.uuid}/decide", data={"action": "approve", "revision": "2"})
    office.get("/review/exports?download=1&format=csv&states=approved").get_data()
    administration = client_for(admin)
    administration.post("/admin/accounts", data={"username": "dara", "display_name": "Dara", "role": "monitor",
                                                 "password": "long enough password"})
    administration.post("/admin/courts", data={"key": "kandal", "name": "Kandal Provincial Court"})
    administration.post("/admin/configuration/calendar", data={"start_month": "11"})
    runner.invoke(args=["checklists", "activate", "mini", "1"])

    recorded = {(e.event, e.actor_name, e.target_type) for e in _events()}
    assert ("sign_in_failed", "anonymous", "") in recorded
    assert ("sign_in", "sokha", "") in recorded
    assert ("sign_out", "sokha", "") in recorded
    assert ("submission", "sokha", "checklist") in recorded
    assert ("correction", "chenda", "checklist") in recorded
    assert ("review", "chenda", "checklist") in recorded
    assert ("export", "chenda", "export") in recorded
    assert ("account_change", "bopha", "user") in recorded
    assert ("court_change", "bopha", "court") in recorded
    assert ("configuration_change", "bopha", "setting") in recorded
    assert ("checklist_version_activated", "command line", "setting") in recorded

    failed = next(e for e in _events() if e.event == "sign_in_failed")
    assert failed.details["username"] == "sokha" and failed.details["reason"] == "wrong password"
    review = next(e for e in _events() if e.event == "review")
    assert review.target_key == checklist.uuid and review.details["action"] == "approve"
    assert review.details["from"] == "submitted" and review.details["to"] == "approved"
    correction = next(e for e in _events() if e.event == "correction")
    assert correction.details["changed"] == ["hearing.hearing_open"]


def test_audit_rows_cannot_be_changed_or_deleted(create_user):
    actor = create_user("admin")
    row = audit.record("sign_in", actor)
    db.session.commit()

    row.event = "sign_out"
    with pytest.raises(AuditLogImmutable):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, row.id))
    with pytest.raises(AuditLogImmutable):
        db.session.commit()
    db.session.rollback()

    for statement in ("UPDATE audit_events SET event = 'sign_out'", "DELETE FROM audit_events"):
        with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
    assert [(e.event, e.actor_name) for e in _events()] == [("sign_in", actor.username)]


def test_no_route_changes_the_audit_log(app):
    """The only routes that touch the audit log read it."""
    rules = [rule for rule in app.url_map.iter_rules() if "audit" in rule.rule]
    assert {rule.rule for rule in rules} == {"/admin/audit", "/admin/audit.csv"}
    assert all(rule.methods <= {"GET", "HEAD", "OPTIONS"} for rule in rules)


def test_audit_page_filters_and_csv(create_user, client_for):
    admin = create_user("admin", username="bopha")
    create_user("monitor", username="sokha")
    administration = client_for(admin)
    client_for_monitor = administration.application.test_client()
    client_for_monitor.post("/login", data={"username": "sokha", "password": "nope"})

    page = administration.get("/admin/audit?event=sign_in_failed")
    assert page.status_code == 200
    assert "A sign-in as sokha failed (wrong password)." in page.text and "bopha signed in." not in page.text
    by_actor = administration.get("/admin/audit?actor=bopha").text
    assert "bopha signed in." in by_actor
    assert "A sign-in as sokha failed" not in by_actor
    nothing = administration.get("/admin/audit?date_from=2000-01-01&date_to=2000-01-02").text
    assert "No event matches." in nothing
    bad = administration.get("/admin/audit?date_from=2025-02-01&date_to=2025-01-01")
    assert bad.status_code == 422 and "The end date must be on or after the start date." in bad.text

    download = administration.get("/admin/audit.csv?event=sign_in_failed")
    assert download.status_code == 200 and download.headers["Cache-Control"] == "private, no-store"
    lines = download.get_data(as_text=True).splitlines()
    assert lines[0] == "id,time_utc,event,actor,target_type,target,details"
    assert len(lines) == 2 and ",sign_in_failed,anonymous,," in lines[1] and "sokha" in lines[1]


def test_managers_read_the_log_as_sentences_with_links(create_user, create_court, client_for, make_checklist):
    """Raw JSON, unlinked ids and a 403 for managers: now each event reads as a sentence with links."""
    from tests.support.mini_checklist import complete_document

    monitor, manager = create_user("monitor", username="sokha"), create_user("manager", username="bopha")
    checklist = make_checklist(monitor, create_court("alpha", "Alpha Court"), complete_document("2025-03-04"))
    office = client_for(manager)
    office.post(f"/review/checklists/{checklist.uuid}/decide",
                data={"action": "return", "comment": "Check the hearing date", "revision": "1"})
    page = office.get("/admin/audit")
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", page.text)
    link = f'<a href="/review/checklists/{checklist.uuid}">Alpha Court · March 4, 2025</a>'
    assert f"sokha submitted {link} (revision 1)." in text
    assert f"bopha returned {link} to the monitor (revision 1). <q>Check the hearing date</q>" in text
    assert "{&#34;" not in text and '{"' not in text, "no raw JSON"
