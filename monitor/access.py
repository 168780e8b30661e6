"""Who may do what: sign-in by session or API token, and role checks that answer 403."""
from datetime import timedelta
from functools import wraps

from flask import abort, g, request
from flask_login import current_user, login_required
from sqlalchemy import bindparam, select, update

from monitor.extensions import db, login_manager
from monitor.models import ApiToken, Role, User
from monitor.models.accounts import hash_token
from monitor.models.timestamps import as_utc, utcnow
from monitor.security import sessions

#: "Last used" is shown to the minute; writing it on every API call would add a database write
#: (an fsync on SQLite) to each read and make every submission two transactions.
LAST_USED_PRECISION = timedelta(minutes=1)

#: Roles that file checklists; administrators manage the system but do not monitor hearings.
FILING_ROLES = (Role.MONITOR, Role.MANAGER)
#: Roles that review, correct and export every checklist of the organisation.
REVIEW_ROLES = (Role.MANAGER, Role.ADMIN)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The session cookie's user, while its sign-in session exists (monitor.security.sessions)."""
    return sessions.signed_in_user(user_id)


#: Built once: every API request runs it, and building a query costs more than running it.
_TOKEN_HOLDER = (
    select(User, ApiToken.id, ApiToken.last_used_at).join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None), User.active)
)


@login_manager.request_loader
def load_user_from_token(req) -> User | None:
    """API clients send `Authorization: Bearer <token>`; tokens are only honoured under /api/."""
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or req.blueprint != "api":
        return None
    found = db.session.execute(_TOKEN_HOLDER, {"token_hash": hash_token(header[7:].strip())}).first()
    if found is None:
        return None
    user, token_id, last_used_at = found
    if last_used_at is None or as_utc(last_used_at) < utcnow() - LAST_USED_PRECISION:
        db.session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow()))
        db.session.commit()
    g.signed_in_with_token = True
    return user


def signed_in_with_token() -> bool:
    return bool(g.get("signed_in_with_token"))


def roles_required(*roles: Role):
    """Sign-in required (401/redirect), then one of `roles` (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def may_read_checklist(user: User, checklist) -> bool:
    """Monitors see only their own checklists; managers and admins see all."""
    return user.is_manager or checklist.monitor_id == user.id


def wants_json() -> bool:
    return request.blueprint == "api" or request.path.startswith("/api/")
