"""`flask users ...`: accounts and API tokens."""
import click
from flask.cli import AppGroup
from sqlalchemy import select

from monitor.extensions import db
from monitor.input_guard import MAX_INTEGER
from monitor.models import ApiToken, Role, User
from monitor.security import throttling
from monitor.services import accounts
from monitor.services import tokens as token_service

users_cli = AppGroup("users", help="Accounts and API tokens.")
ROLES = click.Choice([role.value for role in Role])


def _user(username: str) -> User:
    user = accounts.account_by_username(username)
    if user is None:
        raise click.ClickException(f"No user '{username}'.")
    return user


def _apply(change) -> None:
    try:
        change()
    except accounts.AccountRefused as refused:
        raise click.ClickException(str(refused)) from None


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "display_name", help="Name shown in the app (default: the username).")
@click.option("--role", type=ROLES, default=Role.MONITOR.value, show_default=True)
@click.password_option(help="Asked for when not given.")
def create_user(username: str, display_name: str | None, role: str, password: str):
    """Create an account."""
    _apply(lambda: accounts.create_account(None, username, display_name or username, role, password))
    click.echo(f"Created {role} '{username}'.")


@users_cli.command("list")
def list_users():
    for user in db.session.scalars(select(User).order_by(User.username)):
        click.echo(f"{user.username}\t{user.role}\t{'active' if user.active else 'deactivated'}\t{user.display_name}")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=ROLES)
def set_role(username: str, role: str):
    _apply(lambda: accounts.change_role(None, _user(username), role))
    click.echo(f"'{username}' is now {role}.")


@users_cli.command("deactivate")
@click.argument("username")
def deactivate(username: str):
    """Stop an account from signing in; its checklists are kept."""
    _apply(lambda: accounts.set_active(None, _user(username), False))
    click.echo(f"'{username}' can no longer sign in.")


@users_cli.command("reactivate")
@click.argument("username")
def reactivate(username: str):
    """Let a deactivated account sign in again."""
    _apply(lambda: accounts.set_active(None, _user(username), True))
    click.echo(f"'{username}' can sign in again.")


@users_cli.command("delete")
@click.argument("username")
def delete(username: str):
    """Delete an account that has no checklists or review history (otherwise: deactivate)."""
    _apply(lambda: accounts.delete_account(None, _user(username)))
    click.echo(f"Deleted '{username}'.")


@users_cli.command("token")
@click.argument("username")
@click.option("--name", default="API client", show_default=True, help="What the token is for.")
def create_token(username: str, name: str):
    """Create an API token; it is shown once and stored only as a hash."""
    _token, secret = token_service.create_token(_user(username), name)
    click.echo(secret)


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


@users_cli.command("tokens")
@click.argument("username")
def list_tokens(username: str):
    """List USERNAME's API tokens: number, name, created, last used, revoked."""
    tokens = token_service.tokens_of(_user(username))
    click.echo("id\tname\tcreated\tlast used\trevoked")
    for token in tokens:
        click.echo(f"{token.id}\t{token.name}\t{_when(token.created_at)}\t{_when(token.last_used_at)}\t{_when(token.revoked_at)}")


@users_cli.command("revoke-token")
@click.argument("token_id", type=click.IntRange(1, MAX_INTEGER))
def revoke_token(token_id: int):
    """Revoke the API token with number TOKEN_ID (see `flask users tokens USERNAME`)."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise click.ClickException(f"No API token number {token_id}.")
    if not token_service.revoke_token(token):
        raise click.ClickException(f"Token {token_id} ('{token.name}' of {token.user.username}) was already revoked.")
    click.echo(f"Revoked token {token_id} ('{token.name}' of {token.user.username}).")


@users_cli.command("unlock")
@click.argument("username")
def unlock(username: str):
    """Let USERNAME sign in again at once after a lock-out for too many wrong passwords."""
    throttling.forget_failures(username)
    click.echo(f"'{username}' may sign in again.")


@users_cli.command("sign-out")
@click.argument("username")
def sign_out(username: str):
    """End every session of USERNAME on every phone and computer (a lost phone, say); API tokens stay."""
    _apply(lambda: accounts.sign_out_everywhere(None, _user(username)))
    click.echo(f"'{username}' is signed out everywhere.")
