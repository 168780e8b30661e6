"""Administration: accounts, courts, the reporting calendar and checklist versions."""
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Checklist, Court, User
from monitor.security.passwords import MIN_LENGTH
from monitor.services import settings
from monitor.services.definitions import current_definition
from tests.conftest import PASSWORD
from tests.support.mini_checklist import complete_document, write_mini_definitions


@pytest.fixture
def app_config(mini_config):
    return mini_config


@pytest.fixture
def administration(create_user, client_for):
    return client_for(create_user("admin", username="bopha"))


def _user(username: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def test_create_change_role_deactivate_and_reactivate(administration, client):
    created = administration.post("/admin/accounts", data={"username": "dara", "display_name": "Dara", "role": "monitor",
                                                           "password": "long enough password"}, follow_redirects=True)
    assert "Account &#39;dara&#39; created." in created.text
    dara = _user("dara")
    assert dara.role == "monitor" and dara.check_password("long enough password")

    administration.post(f"/admin/accounts/{dara.id}", data={"change": "role", "role": "manager"})
    assert _user("dara").role == "manager"
    administration.post(f"/admin/accounts/{dara.id}", data={"change": "deactivate"})
    assert not _user("dara").active
    refused = client.post("/login", data={"username": "dara", "password": "long enough password"})
    assert refused.status_code == 200 and "Wrong username or password." in refused.text
    administration.post(f"/admin/accounts/{dara.id}", data={"change": "reactivate"})
    assert client.post("/login", data={"username": "dara", "password": "long enough password"}).status_code == 302


def test_create_account_problems_are_named(administration, create_user):
    create_user("monitor", username="sokha")
    duplicate = administration.post("/admin/accounts",
                                    data={"username": "Sokha", "role": "monitor", "password": "long enough password"})
    assert duplicate.status_code == 422 and "A user &#39;Sokha&#39; already exists." in duplicate.text
    short = administration.post("/admin/accounts", data={"username": "new", "role": "monitor", "password": "short"})
    assert short.status_code == 422 and f"at least {MIN_LENGTH} characters" in short.text
    bad_role = administration.post("/admin/accounts",
                                   data={"username": "new", "role": "judge", "password": "long enough password"})
    assert bad_role.status_code == 422 and _user("new") is None


def test_a_monitor_with_checklists_is_deactivated_never_deleted(administration, create_user, create_court, make_checklist):
    busy, idle = create_user("monitor", username="sokha"), create_user("monitor", username="dara")
    make_checklist(busy, create_court(), complete_document())
    page = administration.get("/admin/accounts").text
    assert "can be deactivated, not deleted" in page
    refused = administration.post(f"/admin/accounts/{busy.id}", data={"change": "delete"}, follow_redirects=True)
    assert "Deactivate the account instead." in refused.text and _user("sokha") is not None
    administration.post(f"/admin/accounts/{idle.id}", data={"change": "delete"})
    assert _user("dara") is None


def test_the_last_administrator_cannot_lock_everyone_out(administration, runner):
    me = _user("bopha")
    own = administration.post(f"/admin/accounts/{me.id}", data={"change": "deactivate"}, follow_redirects=True)
    assert "You cannot change your own role" in own.text and _user("bopha").active
    result = runner.invoke(args=["users", "set-role", "bopha", "manager"])
    assert result.exit_code != 0 and "last active administrator" in result.output
    assert _user("bopha").role == "admin"


def test_password_reset(administration, create_user, client):
    user = create_user("monitor", username="sokha")
    administration.post(f"/admin/accounts/{user.id}", data={"change": "password", "password": "a new long password"})
    assert client.post("/login", data={"username": "sokha", "password": PASSWORD}).status_code == 200
    assert client.post("/login", data={"username": "sokha", "password": "a new long password"}).status_code == 302
    short = administration.post(f"/admin/accounts/{user.id}", data={"change": "password", "password": "x"}, follow_redirects=True)
    assert f"at least {MIN_LENGTH} characters" in short.text


def test_courts_add_rename_deactivate(administration, create_user, client_for):
    added = administration.post("/admin/courts", data={"key": "kandal", "name": "Kandal Provincial Court"})
    assert added.status_code == 302
    court = db.session.scalar(select(Court).where(Court.key == "kandal"))
    administration.post(f"/admin/courts/{court.id}", data={"change": "rename", "name": "Kandal Court"})
    db.session.expire_all()
    assert court.name == "Kandal Court"
    phone = client_for(create_user("monitor"))
    assert "Kandal Court" in phone.get("/checklists/new").text
    administration.post(f"/admin/courts/{court.id}", data={"change": "deactivate", "name": ""})
    assert "Kandal Court" not in phone.get("/checklists/new").text
    bad = administration.post("/admin/courts", data={"key": "Bad Key!", "name": "x"})
    assert bad.status_code == 422 and "lower-case letters" in bad.text
    duplicate = administration.post("/admin/courts", data={"key": "kandal", "name": "Again"})
    assert duplicate.status_code == 422 and "already exists" in duplicate.text


def test_reporting_calendar_falls_back_to_configuration(administration, app):
    app.config["REPORTING_YEAR_START_MONTH"] = 11
    assert settings.reporting_year_start_month() == 11
    saved = administration.post("/admin/configuration/calendar", data={"start_month": "4"}, follow_redirects=True)
    assert "The reporting year now starts in April." in saved.text
    assert settings.reporting_year_start_month() == 4
    refused = administration.post("/admin/configuration/calendar", data={"start_month": "13"})
    assert refused.status_code == 422 and settings.reporting_year_start_month() == 4


def test_activating_a_version_keeps_older_checklists_readable(make_app, database_url, mini_config, create_user, create_court):
    """With version 2 installed and activated, new checklists use it; a version 1 checklist stays readable."""
    folder = write_mini_definitions(Path(mini_config["CHECKLIST_FOLDER"]), versions=(1, 2))
    app = make_app(database_url, CHECKLIST_FOLDER=str(folder), DEFAULT_CHECKLIST="mini")
    with app.app_context():
        admin = create_user("admin", username="bopha")
        create_user("monitor", username="sokha")
        court = create_court()
        settings.activate_version("mini", 1, admin)
        client = app.test_client()
        client.post("/login", data={"username": "sokha", "password": PASSWORD})
        client.post("/checklists/new", data={"court": court.id, "hearing_date": "2025-03-04"})
        old_checklist = db.session.scalars(select(Checklist)).one()
        assert old_checklist.definition_version == 1

        administration = app.test_client()
        administration.post("/login", data={"username": "bopha", "password": PASSWORD})
        page = administration.get("/admin/configuration").text
        assert "Version 1 · active" in page and "Activate version 2" in page
        administration.post("/admin/configuration/checklist-version", data={"checklist": "mini", "version": "2"})
        assert current_definition().version == 2

        client.post("/checklists/new", data={"court": court.id, "hearing_date": "2025-03-05"})
        new_checklist = db.session.scalars(select(Checklist).order_by(Checklist.id.desc())).first()
        assert new_checklist.definition_version == 2
        assert "Were you admitted to the courtroom?" in client.get(f"/checklists/{new_checklist.uuid}/hearing/basics").text
        old_page = client.get(f"/checklists/{old_checklist.uuid}/hearing/basics")
        assert old_page.status_code == 200 and "Were you admitted to the courtroom?" not in old_page.text
        api = client.get("/api/v1/checklists").json
        assert [(d["key"], d["version"], d["versions"]) for d in api if d["key"] == "mini"] == [("mini", 2, [1, 2])]
        missing = administration.post("/admin/configuration/checklist-version", data={"checklist": "mini", "version": "7"},
                                      follow_redirects=True)
        assert "There is no checklist &#39;mini&#39; version 7 installed." in missing.text
        assert current_definition().version == 2


def test_the_audit_log_names_every_event_and_setting_in_the_readers_language(create_user, client_for):
    """No raw key on the page: the filter offers labels, a settings event names the setting and its details."""
    from monitor.models import AuditEventType
    admin = client_for(create_user("admin", username="admin-sreymom"))
    settings.set_organisation("Phnom Penh Trial Watch", None, None)
    english = admin.get("/admin/audit?lang=en").get_data(as_text=True)
    for event in AuditEventType:
        assert f">{event.value}<" not in english or "_" not in event.value, event
    assert "change of cases" in english
    assert "organisation_name" not in english and "organisation&#39;s name" in english
    khmer = admin.get("/admin/audit?lang=km").get_data(as_text=True)
    assert "organisation_name" not in khmer and "after:" not in khmer and "change of cases" not in khmer
    assert "Phnom Penh Trial Watch" in khmer
