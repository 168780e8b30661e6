"""Sign-in sessions that can be ended: the session cookie carries a random secret, the database a
row with its SHA-256 (`SignInSession`), and a request is signed in only while that row exists.

Flask's cookie alone is a signed, self-contained ticket: a copy keeps working after sign-out and is
renewed by every request. With the row, signing out ends this session, copies included; a password
change, a deactivation, a role change or "Sign out everywhere" end every session of the account.
Signing in starts a new session: nothing of the anonymous one survives (its CSRF secret included:
a new one is made), except the interface language the visitor chose."""
import secrets
from datetime import timedelta

from flask import current_app, g, session
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import delete, select, update

from monitor.extensions import db
from monitor.models import SignInSession, User
from monitor.models.accounts import hash_token
from monitor.models.timestamps import as_utc, utcnow

#: Where the session's secret travels in Flask's (signed) session cookie.
SESSION_KEY = "_sign_in_session"
#: "Last seen" is renewed at most this often: a write per few minutes per session, not per request.
LAST_SEEN_PRECISION = timedelta(minutes=5)
#: Kept from the anonymous session into the signed-in one, and back after signing out.
KEPT_ACROSS_SIGN_IN = ("language",)


def _lifetime() -> timedelta:
    return current_app.config["PERMANENT_SESSION_LIFETIME"]


def _fresh_session(language: str | None = None) -> None:
    """Empty the cookie session except the visitor's language (`language` when given)."""
    kept = {key: session[key] for key in KEPT_ACROSS_SIGN_IN if key in session}
    session.clear()
    session.update(kept)
    if language:
        session["language"] = language


def sign_in(user: User) -> None:
    """Start a new session for `user` in this browser (the password was checked by the caller)."""
    _fresh_session()
    db.session.execute(delete(SignInSession).where(SignInSession.last_seen_at <= utcnow() - _lifetime()))
    secret = secrets.token_urlsafe(32)
    db.session.add(SignInSession(user_id=user.id, token_hash=hash_token(secret)))
    db.session.commit()
    session[SESSION_KEY] = secret
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME without a request
    login_user(user, remember=False)
    _new_csrf_secret()


def _new_csrf_secret() -> None:
    """Made now, so the cookie of the sign-in answer carries it: the first requests after sign-in
    (the offline app asks several at once) never each write a secret of their own into a cookie
    the others then overwrite, which would refuse the phone's first write as forged."""
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    generate_csrf()


def sign_out() -> None:
    """End this browser's session: its row goes, so a copy of the cookie is signed out as well."""
    secret = session.get(SESSION_KEY)
    if secret:
        db.session.execute(delete(SignInSession).where(SignInSession.token_hash == hash_token(secret)))
        db.session.commit()
    language = getattr(current_user, "language", None)  # the signed-out pages keep speaking it
    logout_user()
    _fresh_session(language)


def end_all_sessions(user: User) -> None:
    """End every session of `user` (in the caller's transaction): every browser must sign in again."""
    db.session.execute(delete(SignInSession).where(SignInSession.user_id == user.id))


def signed_in_user(user_id: str) -> User | None:
    """The user of this request's session, if the session still exists and the account is active."""
    secret = session.get(SESSION_KEY)
    if not secret or not user_id.isdigit():
        return None
    found = db.session.execute(
        select(User, SignInSession.id, SignInSession.last_seen_at).join(SignInSession, SignInSession.user_id == User.id)
        .where(SignInSession.token_hash == hash_token(secret), User.id == int(user_id), User.active)
    ).first()
    if found is None:
        return None
    user, session_id, last_seen_at = found
    now = utcnow()
    if as_utc(last_seen_at) <= now - _lifetime():  # idle too long, whatever the cookie says
        db.session.execute(delete(SignInSession).where(SignInSession.id == session_id))
        db.session.commit()
        return None
    if as_utc(last_seen_at) < now - LAST_SEEN_PRECISION:
        db.session.execute(update(SignInSession).where(SignInSession.id == session_id).values(last_seen_at=now))
        db.session.commit()
    return user
