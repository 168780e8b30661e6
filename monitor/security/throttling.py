"""Slowing down password guessing, in two layers.

1. Per address (Flask-Limiter): at most SIGN_IN_RATE_LIMIT sign-in posts from one address. Cheap,
   but counted in each worker's memory unless RATELIMIT_STORAGE_URI points at Redis or memcached.
2. Per account (this module, in the database): after SIGN_IN_MAX_FAILURES wrong passwords within
   SIGN_IN_LOCKOUT_MINUTES the account refuses every sign-in until the oldest of them leaves the
   window. Works across workers and app servers because the database is the only shared state.
   Attempts refused during a lock-out are not counted, so a guesser cannot extend it forever.

Each attempt is counted as a failure *before* its password is checked (`claim_attempt`): it is
committed, then the window is counted. The attempt committed k-th sees at least k rows, so however
many guesses arrive at once, at most SIGN_IN_MAX_FAILURES of them get their password checked; the
rest are refused and their row removed. A correct password then removes the count (`forget_failures`).
"""
from datetime import datetime, timedelta

from flask import current_app, request
from sqlalchemy import delete, func, select

from monitor.extensions import db
from monitor.models import AuditEventType, SignInFailure
from monitor.models.timestamps import as_utc, utcnow
from monitor.services import audit


def _window() -> timedelta:
    return timedelta(minutes=current_app.config["SIGN_IN_LOCKOUT_MINUTES"])


def sign_in_rate_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


def locked_until(username: str) -> datetime | None:
    """When the account's lock-out ends, or None if it may try to sign in now."""
    limit = current_app.config["SIGN_IN_MAX_FAILURES"]
    recent = db.session.scalars(
        select(SignInFailure.attempted_at)
        .where(SignInFailure.username == username.lower(), SignInFailure.attempted_at > utcnow() - _window())
        .order_by(SignInFailure.attempted_at.desc())
        .limit(limit)
    ).all()
    if len(recent) < limit:
        return None
    return as_utc(recent[-1]) + _window()


def claim_attempt(username: str) -> int | None:
    """Count a sign-in attempt as a failure before its password is checked. Its number when the
    password may be checked (the count including it is within SIGN_IN_MAX_FAILURES); None when the
    account is locked, in which case the attempt is not counted."""
    username = username.lower()[:80]
    db.session.execute(delete(SignInFailure).where(SignInFailure.attempted_at <= utcnow() - _window()))
    attempt = SignInFailure(username=username, remote_addr=(request.remote_addr or "")[:45])
    db.session.add(attempt)
    db.session.commit()
    counted = db.session.scalar(select(func.count()).select_from(SignInFailure).where(
        SignInFailure.username == username, SignInFailure.attempted_at > utcnow() - _window()))
    if counted <= current_app.config["SIGN_IN_MAX_FAILURES"]:
        return counted
    db.session.execute(delete(SignInFailure).where(SignInFailure.id == attempt.id))
    db.session.commit()
    return None


def confirm_failure(username: str, counted: int) -> bool:
    """The password of a claimed attempt was wrong: it stays counted. True when it was the last one
    allowed and the account is now locked (reported once, here). Counted again, because attempts
    claimed at the same moment may since have been refused and removed."""
    if counted < current_app.config["SIGN_IN_MAX_FAILURES"]:
        return False
    until = locked_until(username)
    if until is not None:
        report_lockout(username.lower()[:80], until)
    return until is not None


def forget_failures(username: str) -> None:
    """A correct password (or an administrator) ends the count."""
    db.session.execute(delete(SignInFailure).where(SignInFailure.username == username.lower()))
    db.session.commit()


def report_lockout(username: str, until: datetime) -> None:
    """Into the audit log (and the server log), so administrators see password guessing."""
    failures = current_app.config["SIGN_IN_MAX_FAILURES"]
    audit.record(AuditEventType.SIGN_IN_LOCKED_OUT, None, ("user", username),
                 {"until": until.isoformat(timespec="seconds"), "failures": failures})
    db.session.commit()
    current_app.logger.warning("Sign-in locked for %r until %s after %d failed attempts (last from %s)",
                               username, until.isoformat(timespec="seconds"), failures, request.remote_addr)
