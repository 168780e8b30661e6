"""Revisions of a checklist after submission: the monitor's submissions and managers' corrections.

Each revision keeps the whole document, so any revision can be shown and any two compared, and
the original submission is never lost however often it is corrected."""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.extensions import db
from monitor.models.accounts import User
from monitor.models.timestamps import utcnow


class RevisionKind:
    SUBMISSION = "submission"
    RESUBMISSION = "resubmission"
    CORRECTION = "correction"


class ChecklistRevision(db.Model):
    __tablename__ = "checklist_revisions"
    #: Two saves based on the same revision cannot both become the next one.
    __table_args__ = (UniqueConstraint("checklist_id", "number", name="uq_checklist_revisions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"), index=True)
    #: 1 for the first submission, then one more per save.
    number: Mapped[int] = mapped_column(Integer)
    #: The revision the author was looking at when saving (None for the first submission).
    base_number: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Why the manager corrected the answers (optional for submissions).
    comment: Mapped[str] = mapped_column(Text, default="")
    #: The whole answer document after this save (shape of `monitor.checklists.answers`).
    document: Mapped[dict] = mapped_column(JSON)
    #: Item-level changes from the previous revision: [{"path", "before", "after"}].
    changes: Mapped[list] = mapped_column(JSON, default=list)

    author: Mapped[User] = relationship()
    #: Lets a checklist and its first revision be inserted in one flush (see services.checklists).
    checklist: Mapped["Checklist"] = relationship()  # noqa: F821
