"""Can people keep their accounts safe: good passwords, and API tokens they can see and revoke?"""
import re

import pytest
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import ApiToken, User
from monitor.security.passwords import password_problem

from tests.conftest import PASSWORD


@pytest.mark.parametrize("password, problem", [
    ("short pw", "at least 10 characters"),
    ("Clerk-Office", "not be the username"),
    ("Password123", "too common"),
    ("qwertyuiop", "too common"),
    ("zzzzzzzzzzzz", "too common"),
])
def test_weak_passwords_are_refused_with_the_reason(password, problem):
    assert problem in password_problem(password, "clerk-office")


def test_a_passphrase_is_accepted():
    assert password_problem("tuk-tuk to the riverside", "clerk") is None


def test_cli_applies_the_password_rules(runner):
    common = runner.invoke(args=["users", "create", "clerk", "--password", "password123"])
    assert common.exit_code != 0 and "too common" in common.output
    same = runner.invoke(args=["users", "create", "clerk-office", "--password", "CLERK-OFFICE"])
    assert same.exit_code != 0 and "not be the username" in same.output
    assert db.session.scalar(select(User)) is None


def test_user_creates_a_token_sees_it_once_and_revokes_it(client, create_user, login):
    user = create_user("monitor")
    login(user)
    created = client.post("/account/tokens", data={"name": "Office laptop script"})
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    secret = re.search(r'value="([^"]+)" aria-label="New API token"', created.text).group(1)
    headers = {"Authorization": f"Bearer {secret}"}
    device = client.application.test_client()
    assert device.get("/api/v1/courts", headers=headers).status_code == 200

    listing = client.get("/account/tokens").text
    assert "Office laptop script" in listing and secret not in listing and "last used" in listing
    stored = db.session.scalar(select(ApiToken))
    assert stored.token_hash != secret and secret not in stored.token_hash

    client.post(f"/account/tokens/{stored.id}/revoke")
    assert "Revoked" in client.get("/account/tokens").text
    assert device.get("/api/v1/courts", headers=headers).status_code == 401


def test_nobody_revokes_another_users_token(client, create_user, login, api_token):
    owner = create_user("monitor")
    headers = api_token(owner)
    login(create_user("manager"))
    token = db.session.scalar(select(ApiToken))
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    assert "test" not in client.get("/account/tokens").text.split("Your tokens")[1]
    assert client.get("/api/v1/courts", headers=headers).status_code == 200


def test_token_name_is_required(client, create_user, login):
    login(create_user("monitor"))
    response = client.post("/account/tokens", data={"name": ""})
    assert response.status_code == 422 and "Say what the token is for" in response.text


def test_cli_lists_and_revokes_tokens(runner, client, create_user):
    create_user("monitor", username="device")
    secret = runner.invoke(args=["users", "token", "device", "--name", "court phone"]).output.strip()
    listing = runner.invoke(args=["users", "tokens", "device"]).output
    token_id = int(re.search(r"^(\d+)\tcourt phone\t", listing, re.M).group(1))
    assert secret not in listing
    assert "Revoked token" in runner.invoke(args=["users", "revoke-token", str(token_id)]).output
    again = runner.invoke(args=["users", "revoke-token", str(token_id)])
    assert again.exit_code != 0 and "already revoked" in again.output
    assert client.get("/api/v1/courts", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert "No API token number 999" in runner.invoke(args=["users", "revoke-token", "999"]).output


def test_user_changes_password_under_the_same_rules(client, create_user, login):
    user = create_user("monitor")
    login(user)
    wrong = client.post("/account/password",
                        data={"current": "not it at all", "new": "river and rice fields", "repeat": "river and rice fields"})
    assert wrong.status_code == 422 and "not your current password" in wrong.text
    weak = client.post("/account/password", data={"current": PASSWORD, "new": "password123", "repeat": "password123"})
    assert weak.status_code == 422 and "too common" in weak.text
    changed = client.post("/account/password",
                          data={"current": PASSWORD, "new": "river and rice fields", "repeat": "river and rice fields"})
    assert changed.status_code == 302
    db.session.refresh(user)
    assert user.check_password("river and rice fields")


def test_admin_unlocks_a_locked_account(client, runner, create_user):
    user = create_user("monitor")
    for _ in range(5):
        client.post("/login", data={"username": user.username, "password": "guess guess"})
    assert client.post("/login", data={"username": user.username, "password": PASSWORD}).status_code == 429
    runner.invoke(args=["users", "unlock", user.username])
    assert client.post("/login", data={"username": user.username, "password": PASSWORD}).status_code == 302
