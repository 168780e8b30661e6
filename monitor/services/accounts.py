"""Managing accounts: create, change role, deactivate and reactivate, delete (only without history).

An account whose checklists, revisions or review decisions exist is never deleted: the record
must keep saying who did what. Deactivating stops sign-in and keeps everything. A change of role,
password or active state ends every session of the account, as "Sign out everywhere" does: every
browser (a lost phone too) must sign in again."""
from sqlalchemy import exists, func, select

from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.models import (
    ApiToken, AuditEventType, Checklist, ChecklistRevision, ReviewAction, Role, SignInSession, User,
)
from monitor.security.passwords import MIN_LENGTH, password_problem
from monitor.security.sessions import end_all_sessions
from monitor.services import audit

PASSWORD_MIN_LENGTH = MIN_LENGTH


class AccountRefused(Exception):
    """The change is not allowed, with a message saying why and what to do instead."""


def all_accounts() -> list[User]:
    """Every account, active ones first, by username."""
    return db.session.scalars(select(User).order_by(User.active.desc(), User.username)).all()


def account_by_id(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def account_by_username(username: str) -> User | None:
    """The account with exactly this username (as a command names it)."""
    return db.session.scalar(select(User).where(User.username == username))


def account_named(username: str) -> User | None:
    """The account whose username is `username`, ignoring case (as people type it at sign-in)."""
    return db.session.scalar(select(User).where(func.lower(User.username) == username.lower()))


def people_who_file() -> list[User]:
    """Everyone whose checklists a manager may filter by (administrators file none), by name."""
    return db.session.scalars(select(User).where(User.role != Role.ADMIN.value).order_by(User.display_name)).all()


def _check_password(password: str, username: str) -> None:
    problem = password_problem(password, username)
    if problem:
        raise AccountRefused(problem)


def create_account(actor: User | None, username: str, display_name: str, role: str, password: str) -> User:
    username = (username or "").strip()
    if not username:
        raise AccountRefused(say("Enter a username."))
    if db.session.scalar(select(User).where(func.lower(User.username) == username.lower())):
        raise AccountRefused(say("A user '%(username)s' already exists.", username=username))
    _check_password(password, username)
    user = User(username=username, display_name=(display_name or "").strip() or username, role=Role(role).value)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(AuditEventType.ACCOUNT_CHANGE, actor, user, {"change": "created", "role": user.role})
    db.session.commit()
    return user


def _other_active_admins(user: User) -> int:
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.active, User.id != user.id)
    )


def _refuse_last_admin(user: User, what: str) -> None:
    """`what` is the change already in the reader's language, e.g. say("changing their role")."""
    if user.role == Role.ADMIN.value and user.active and _other_active_admins(user) == 0:
        raise AccountRefused(say("'%(username)s' is the last active administrator; %(what)s would lock everyone out "
                                 "of administration. Make another account administrator first.",
                                 username=user.username, what=what))


def change_role(actor: User | None, user: User, role: str) -> None:
    role = Role(role).value
    if role == user.role:
        return
    if role != Role.ADMIN.value:
        _refuse_last_admin(user, say("changing their role"))
    before, user.role = user.role, role
    end_all_sessions(user)
    audit.record(AuditEventType.ACCOUNT_CHANGE, actor, user, {"change": "role", "before": before, "after": role})
    db.session.commit()


def set_active(actor: User | None, user: User, active: bool) -> None:
    """Deactivate (no sign-in, no API tokens, checklists kept) or reactivate an account."""
    if active == user.active:
        return
    if not active:
        _refuse_last_admin(user, say("deactivating them"))
    user.active = active
    end_all_sessions(user)  # a reactivated account does not get its old sessions back either
    audit.record(AuditEventType.ACCOUNT_CHANGE, actor, user, {"change": "reactivated" if active else "deactivated"})
    db.session.commit()


def set_password(actor: User | None, user: User, password: str) -> None:
    _check_password(password, user.username)
    user.set_password(password)
    end_all_sessions(user)
    audit.record(AuditEventType.ACCOUNT_CHANGE, actor, user, {"change": "password"})
    db.session.commit()


def sign_out_everywhere(actor: User | None, user: User) -> None:
    """End every session of `user`, on every phone and computer (a lost or shared device included)."""
    end_all_sessions(user)
    audit.record(AuditEventType.ACCOUNT_CHANGE, actor, user, {"change": "signed out everywhere"})
    db.session.commit()


def has_history(user: User) -> bool:
    """Whether the account appears in checklists, revisions or review decisions."""
    return any(db.session.scalar(select(exists().where(condition))) for condition in (
        Checklist.monitor_id == user.id, ChecklistRevision.author_id == user.id, ReviewAction.actor_id == user.id,
    ))


def delete_account(actor: User | None, user: User) -> None:
    if has_history(user):
        raise AccountRefused(say("'%(username)s' has checklists or review history, which must keep their author. "
                                 "Deactivate the account instead.", username=user.username))
    _refuse_last_admin(user, say("deleting them"))
    if actor is not None and actor.id == user.id:
        raise AccountRefused(say("You cannot delete your own account."))
    username = user.username
    for token in db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)):
        db.session.delete(token)
    for signed_in in db.session.scalars(select(SignInSession).where(SignInSession.user_id == user.id)):
        db.session.delete(signed_in)
    db.session.delete(user)
    audit.record(AuditEventType.ACCOUNT_CHANGE, actor, ("user", username), {"change": "deleted"})
    db.session.commit()
