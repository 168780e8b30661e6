"""The audit log: one row per thing that happened, written once and never changed.

Rows are written only through `monitor.services.audit.record`. The mapper guard below refuses any
update or delete through the ORM; the migration adds a database trigger that refuses them too."""
import enum
from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from monitor.extensions import db
from monitor.models.timestamps import utcnow


class AuditEventType(str, enum.Enum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    #: Too many wrong passwords: the account refuses sign-in for a while (monitor.security.throttling).
    SIGN_IN_LOCKED_OUT = "sign_in_locked_out"
    SIGN_OUT = "sign_out"
    SUBMISSION = "submission"
    REVIEW = "review"
    CORRECTION = "correction"
    EXPORT = "export"
    PUBLICATION = "publication"
    ACCOUNT_CHANGE = "account_change"
    COURT_CHANGE = "court_change"
    CONFIGURATION_CHANGE = "configuration_change"
    CHECKLIST_VERSION_ACTIVATED = "checklist_version_activated"
    #: Cases opened in bulk, merged, or a hearing moved between cases (issue 19).
    CASE_CHANGE = "case_change"


class AuditLogImmutable(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_event_created", "event", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    event: Mapped[str] = mapped_column(String(40))
    #: No foreign key: the log outlives accounts, and must not change when one is deleted.
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    #: Username at the time of the event ("command line" for CLI actions without an account).
    actor_name: Mapped[str] = mapped_column(String(80), default="")
    #: What was acted on, e.g. "checklist", "user", "court", "setting".
    target_type: Mapped[str] = mapped_column(String(40), default="")
    #: Its stable identifier: checklist uuid, username, court key, setting key.
    target_key: Mapped[str] = mapped_column(String(120), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(_mapper, _connection, target: AuditEvent) -> None:
    raise AuditLogImmutable(f"The audit log is append-only; event {target.id} cannot be changed or removed.")
