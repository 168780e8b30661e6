"""Writing and reading the audit log. `record` (or `record_at_once`) is the only way a row is written.

`record` adds the event to the current transaction without committing, so an action and its
audit row are saved together or not at all; the caller commits."""
from datetime import date, datetime, time, timedelta, UTC

from flask import has_request_context, request
from sqlalchemy import Select, insert, select

from monitor.extensions import db
from monitor.models import AuditEvent, AuditEventType, Checklist, Court, Setting, User

#: Shown as the actor of changes made with `flask ...` commands, which have no signed-in user.
COMMAND_LINE = "command line"
#: Shown as the actor of web requests without a signed-in user (failed sign-ins).
ANONYMOUS = "anonymous"


def _target_of(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, Checklist):
        return "checklist", target.uuid
    if isinstance(target, User):
        return "user", target.username
    if isinstance(target, Court):
        return "court", target.key
    if isinstance(target, Setting):
        return "setting", target.key
    if isinstance(target, tuple):
        return str(target[0]), str(target[1])
    raise TypeError(f"cannot name an audit target of type {type(target).__name__}")


def record(event: AuditEventType, actor: User | None, target=None, details: dict | None = None) -> AuditEvent:
    """Add an audit row for `event` by `actor` on `target`. `actor` None is the command line, or an
    anonymous visitor during a web request.

    `target` is a checklist, user, court or setting, or a (type, key) pair."""
    row = AuditEvent(**_values(event, actor, target, details))
    db.session.add(row)
    return row


def record_at_once(event: AuditEventType, actor: User | None, target=None, details: dict | None = None) -> None:
    """`record`, inserted with one statement and no ORM object: for a path that writes every row
    of its action that way (a checklist arriving from a phone). Not committed either."""
    db.session.connection().execute(insert(AuditEvent.__table__), _values(event, actor, target, details))


def _values(event: AuditEventType, actor: User | None, target, details: dict | None) -> dict:
    target_type, target_key = _target_of(target)
    details = dict(details or {})
    if has_request_context() and request.remote_addr:
        details.setdefault("ip", request.remote_addr)
    return {
        "event": AuditEventType(event).value,
        "actor_id": actor.id if actor is not None else None,
        "actor_name": actor.username if actor is not None else (ANONYMOUS if has_request_context() else COMMAND_LINE),
        "target_type": target_type,
        "target_key": target_key,
        "details": details,
    }


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def event_rows(query: Select):
    """The rows of an `events_query` for a download, streamed a thousand at a time: (id, time,
    event, actor, target type, target key, details)."""
    columns = query.with_only_columns(AuditEvent.id, AuditEvent.created_at, AuditEvent.event, AuditEvent.actor_name,
                                      AuditEvent.target_type, AuditEvent.target_key, AuditEvent.details)
    return db.session.execute(columns.execution_options(stream_results=True, yield_per=1000))


def events_query(*, event: str | None = None, actor: str | None = None,
                 date_from: date | None = None, date_to: date | None = None) -> Select:
    """Newest first, filtered by event type, actor username and date range (inclusive, UTC days)."""
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if event:
        query = query.where(AuditEvent.event == event)
    if actor:
        query = query.where(AuditEvent.actor_name == actor)
    if date_from:
        query = query.where(AuditEvent.created_at >= _start_of(date_from))
    if date_to:
        query = query.where(AuditEvent.created_at < _start_of(date_to + timedelta(days=1)))
    return query
