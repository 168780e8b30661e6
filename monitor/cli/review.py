"""`flask review ...`: approve, return or reject a checklist from the command line.

The command line has no signed-in account, so decisions are taken in the name of a manager
given with --as (recorded in the checklist's history and the audit log)."""
import click
from flask.cli import AppGroup

from monitor.access import REVIEW_ROLES
from monitor.models import User
from monitor.services import checklists as checklist_service
from monitor.services.accounts import account_named
from monitor.services import review as workflow

review_cli = AppGroup("review", help="Review checklists: approve, return, reject.")


def _manager(username: str) -> User:
    user = account_named(username)
    if user is None or not user.active:
        raise click.ClickException(f"No active account '{username}'.")
    if not user.has_role(*REVIEW_ROLES):
        raise click.ClickException(f"'{username}' is a {user.role}; only managers and administrators review.")
    return user


def _decide(action: str, checklist_uuid: str, comment: str, username: str) -> None:
    checklist = checklist_service.find_checklist(checklist_uuid)
    if checklist is None:
        raise click.ClickException(f"No checklist {checklist_uuid}.")
    try:
        row = workflow.review_checklist(checklist, action, _manager(username), comment)
    except workflow.ReviewInvalid as invalid:
        raise click.ClickException("; ".join(f"--{field}: {message}" for field, message in invalid.problems.items())) from None
    except workflow.TransitionRefused as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"{checklist.uuid}: {row.from_status} -> {row.to_status}")


def _command(action: str, help_text: str):
    @click.argument("checklist_uuid")
    @click.option("--comment", default="", help="Required to return or reject; the monitor reads it.")
    @click.option("--as", "username", required=True, help="Username of the manager taking the decision.")
    def command(checklist_uuid: str, comment: str, username: str):
        _decide(action, checklist_uuid, comment, username)

    command.__doc__ = help_text
    return review_cli.command(action)(command)


_command(workflow.APPROVE, "Approve CHECKLIST_UUID: it counts in statistics.")
_command(workflow.RETURN, "Return CHECKLIST_UUID to its monitor with --comment.")
_command(workflow.REJECT, "Reject CHECKLIST_UUID with --comment: kept, never counted.")
