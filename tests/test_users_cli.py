"""Can an administrator manage accounts and tokens from the command line?"""
from sqlalchemy import select

from monitor.extensions import db
from monitor.models import User


def test_create_list_change_role_and_deactivate(runner):
    result = runner.invoke(args=["users", "create", "clerk", "--role", "manager", "--name", "A Clerk",
                                 "--password", "long enough pw"])
    assert result.exit_code == 0, result.output
    assert "clerk\tmanager\tactive" in runner.invoke(args=["users", "list"]).output
    runner.invoke(args=["users", "set-role", "clerk", "admin"])
    last_admin = runner.invoke(args=["users", "deactivate", "clerk"])
    assert last_admin.exit_code != 0 and "last active administrator" in last_admin.output
    runner.invoke(args=["users", "create", "boss", "--role", "admin", "--password", "long enough pw"])
    runner.invoke(args=["users", "deactivate", "clerk"])
    user = db.session.scalar(select(User).where(User.username == "clerk"))
    db.session.refresh(user)
    assert (user.role, user.active) == ("admin", False)
    assert user.check_password("long enough pw") and "long enough pw" not in user.password_hash


def test_mistakes_are_explained(runner):
    runner.invoke(args=["users", "create", "clerk", "--password", "long enough pw"])
    duplicate = runner.invoke(args=["users", "create", "clerk", "--password", "long enough pw"])
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    short = runner.invoke(args=["users", "create", "other", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output
    assert "No user 'ghost'" in runner.invoke(args=["users", "deactivate", "ghost"]).output


def test_token_lets_a_client_call_the_api(runner, client):
    runner.invoke(args=["users", "create", "device", "--password", "long enough pw"])
    token = runner.invoke(args=["users", "token", "device", "--name", "phone"]).output.strip()
    assert client.get("/api/v1/courts", headers={"Authorization": f"Bearer {token}"}).status_code == 200
