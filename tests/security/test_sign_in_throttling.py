"""Can anyone guess passwords? Each account locks after a few wrong ones; each address is rate-limited."""
from datetime import timedelta

from sqlalchemy import func, select, update

from monitor.extensions import db
from monitor.models import AuditEvent, SignInFailure

from tests.conftest import PASSWORD


def sign_in(client, username, password):
    return client.post("/login", data={"username": username, "password": password})


def test_account_locks_after_five_wrong_passwords_even_for_the_right_one(client, create_user, caplog):
    user = create_user("monitor")
    for _ in range(4):
        assert "Wrong username or password." in sign_in(client, user.username, "guess guess").text
    locked = sign_in(client, user.username, "guess guess")
    assert locked.status_code == 429 and "Too many wrong passwords for this account" in locked.text
    assert "Sign-in locked for" in caplog.text
    lockouts = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "sign_in_locked_out")).all()
    assert [(event.target_type, event.target_key, event.actor_name) for event in lockouts] == [
        ("user", user.username.lower(), "anonymous")]
    assert lockouts[0].details["failures"] == 5 and lockouts[0].details["ip"] == "127.0.0.1"
    refused = sign_in(client, user.username.upper(), PASSWORD)
    assert refused.status_code == 429, "the right password must not get through during a lock-out"
    assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.event == "sign_in_locked_out")).all()) == 1
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) == 5, "refused attempts are not counted"


def test_lock_out_ends_when_the_window_has_passed(client, create_user):
    user = create_user("monitor")
    for _ in range(5):
        sign_in(client, user.username, "guess guess")
    db.session.execute(update(SignInFailure).values(attempted_at=SignInFailure.attempted_at - timedelta(minutes=16)))
    db.session.commit()
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) == 0


def test_a_correct_password_clears_earlier_mistakes(client, create_user):
    user = create_user("monitor")
    for _ in range(4):
        sign_in(client, user.username, "guess guess")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.post("/logout")
    for _ in range(4):
        assert sign_in(client, user.username, "guess guess").status_code == 200


def test_the_lock_out_is_shared_by_every_worker(make_app, database_url, create_user):
    """Two app instances (two gunicorn workers, or two servers) share the count through the database."""
    user = create_user("monitor")
    first, second = make_app(database_url).test_client(), make_app(database_url).test_client()
    for attempt in range(5):
        sign_in(first if attempt % 2 else second, user.username, "guess guess")
    assert sign_in(first, user.username, PASSWORD).status_code == 429


def test_one_address_is_rate_limited_across_accounts(make_app, database_url):
    app = make_app(database_url, SIGN_IN_RATE_LIMIT="3 per minute")
    with app.app_context():
        client = app.test_client()
        for number in range(3):
            assert sign_in(client, f"nobody{number}", "guess guess").status_code == 200
        limited = sign_in(client, "nobody9", "guess guess")
        assert limited.status_code == 429 and "Too many sign-in attempts from your network" in limited.text
        assert client.get("/login").status_code == 200, "reading the form is not limited"
