"""Can a session be ended? Signing out ends this session, a copied cookie included; a password change,
deactivation, a role change or "Sign out everywhere" end every session of the account; signing in
starts a new session that keeps nothing of the anonymous one."""
import re

from sqlalchemy import func, select

from monitor.extensions import db
from monitor.models import AuditEvent, SignInSession
from monitor.services import accounts

from tests.conftest import PASSWORD

NEW_PASSWORD = "a new and long passphrase"


def copy_of(browser, app):
    """Another browser holding a copy of `browser`'s session cookie (stolen, or a backup of the phone)."""
    thief = app.test_client()
    thief.set_cookie("session", browser.get_cookie("session").value)
    return thief


def signed_in(browser) -> bool:
    response = browser.get("/checklists")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_signing_out_ends_a_copied_cookie_too(app, create_user, client_for):
    phone = client_for(create_user("monitor"))
    thief = copy_of(phone, app)
    assert signed_in(thief), "the copy works while the session lasts"
    phone.post("/logout")
    assert not signed_in(phone) and not signed_in(thief)
    assert thief.get("/api/v1/session").status_code == 401


def test_a_password_change_ends_every_other_session(app, create_user, client_for):
    monitor = create_user("monitor")
    phone, laptop = client_for(monitor), client_for(monitor)
    thief = copy_of(laptop, app)
    changed = laptop.post("/account/password", data={"current": PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD},
                          follow_redirects=True)
    assert "Your password is changed. Every other phone or computer must sign in again with it." in changed.text
    assert signed_in(laptop), "the browser that changed it stays signed in, in a new session"
    assert not signed_in(phone) and not signed_in(thief)
    assert client_for(monitor, NEW_PASSWORD)


def test_deactivation_role_change_and_password_reset_end_every_session(app, create_user, client_for):
    admin, monitor = create_user("admin"), create_user("monitor")
    office = client_for(admin)

    def change(name: str, **data) -> None:
        assert office.post(f"/admin/accounts/{monitor.id}", data={"change": name, **data}).status_code == 302

    phone = client_for(monitor)
    change("password", password=NEW_PASSWORD)
    assert not signed_in(phone)
    phone = client_for(monitor, NEW_PASSWORD)
    change("role", role="manager")
    assert not signed_in(phone)
    phone = client_for(monitor, NEW_PASSWORD)
    change("deactivate")
    change("reactivate")
    assert not signed_in(phone), "reactivating the account does not bring its old sessions back"
    assert signed_in(client_for(monitor, NEW_PASSWORD))
    assert signed_in(office), "the administrator's own session is not touched"


def test_sign_out_everywhere(app, create_user, client_for):
    """From the password page: every phone and computer of the account, this one included."""
    monitor, other = create_user("monitor"), create_user("monitor")
    phone, laptop, colleague = client_for(monitor), client_for(monitor), client_for(other)
    thief = copy_of(phone, app)
    page = laptop.get("/account/password")
    assert "Sign out everywhere" in page.text and "Checklists waiting on a phone stay on it" in page.text
    ended = laptop.post("/account/sign-out-everywhere", follow_redirects=True)
    assert "You are signed out on every phone and computer." in ended.text
    assert not any(signed_in(browser) for browser in (phone, laptop, thief))
    assert signed_in(colleague), "other accounts are not touched"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "account_change")).all()[-1]
    assert (event.target_key, event.details["change"]) == (monitor.username, "signed out everywhere")


def test_an_administrator_signs_a_lost_phone_out_from_the_command_line(app, runner, create_user, client_for):
    monitor = create_user("monitor")
    phone = client_for(monitor)
    result = runner.invoke(args=["users", "sign-out", monitor.username])
    assert result.exit_code == 0 and "is signed out everywhere" in result.output
    assert not signed_in(phone)


def test_signing_in_starts_a_new_session(make_app, database_url, create_user):
    """The form's CSRF secret from before sign-in does not survive it; the language choice does."""
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    monitor = create_user("monitor")
    browser = app.test_client()
    anonymous_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', browser.get("/login?lang=km").text)[1]
    anonymous_cookie = browser.get_cookie("session").value
    with browser.session_transaction() as session:
        anonymous_secret = session["csrf_token"]
    signing_in = browser.post("/login", data={"username": monitor.username, "password": PASSWORD,
                                              "csrf_token": anonymous_token})
    assert signing_in.status_code == 302
    with browser.session_transaction() as session:
        assert session["csrf_token"] != anonymous_secret, "a new CSRF secret, made with the sign-in"
        assert session["language"] == "km"
    stale = browser.post("/logout", data={"csrf_token": anonymous_token})
    assert stale.status_code == 400, "a token of the anonymous session is refused"
    planted = app.test_client()
    planted.set_cookie("session", anonymous_cookie)
    assert not signed_in(planted), "the cookie from before sign-in is not the signed-in one"
    assert db.session.scalar(select(func.count()).select_from(SignInSession)) == 1


def test_a_deleted_account_leaves_no_session(app, create_user, client_for):
    admin, spare = create_user("admin"), create_user("monitor")
    client_for(spare)
    accounts.delete_account(admin, spare)
    assert db.session.scalar(select(func.count()).select_from(SignInSession)) == 0
