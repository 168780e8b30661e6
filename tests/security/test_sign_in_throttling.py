"""Can anyone guess passwords? Each account locks after a few wrong ones; each address is rate-limited."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash

from monitor.extensions import db
from monitor.models import AuditEvent, SignInFailure
from monitor.security import passwords

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


def test_simultaneous_guesses_get_no_more_password_checks_than_the_limit(make_app, database_url, create_user):
    """24 guesses sent at the same instant (threads, one request each): at most 5 passwords are checked."""
    username = create_user("monitor").username
    app = make_app(database_url, SIGN_IN_RATE_LIMIT="1000 per minute")
    start = threading.Barrier(24)

    def guess(number: int) -> int:
        with app.app_context():
            client = app.test_client()
            start.wait()
            return sign_in(client, username, f"guess number {number}").status_code

    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(pool.map(guess, range(24)))
    checked = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "sign_in_failed")).all()
    assert len(checked) <= 5, f"{len(checked)} passwords checked against a limit of 5"
    assert set(statuses) <= {200, 429} and statuses.count(200) + statuses.count(429) == 24
    assert db.session.scalar(select(func.count()).select_from(SignInFailure)) == len(checked), "refused guesses are not counted"
    right = sign_in(app.test_client(), username, PASSWORD).status_code
    assert right == (429 if len(checked) == 5 else 302), "five wrong passwords lock the account, even for the right one"


@pytest.fixture
def hashes_checked(monkeypatch):
    """Every password hash the sign-in checks (the real check still runs)."""
    checked = []

    def counting(stored_hash, password):
        checked.append(stored_hash)
        return check_password_hash(stored_hash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting)
    return checked


def test_unknown_and_deactivated_usernames_cost_a_password_check(client, create_user, hashes_checked):
    """Refusing an unknown username does the same work as refusing a wrong password, so the time
    taken does not tell which usernames exist."""
    known = create_user("monitor")
    deactivated = create_user("monitor")
    deactivated.active = False
    db.session.commit()
    for username in (known.username, "nobody-by-this-name", deactivated.username):
        hashes_checked.clear()
        response = sign_in(client, username, "guess guess")
        assert response.status_code == 200 and "Wrong username or password." in response.text
        assert len(hashes_checked) == 1, username
        assert hashes_checked[0].split("$")[0] == known.password_hash.split("$")[0], "the same hashing work"
