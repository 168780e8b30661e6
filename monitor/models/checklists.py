"""A filled checklist: one hearing row, one row per accused, one annex row per juvenile accused."""
import enum
from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.extensions import db
from monitor.models.accounts import User
from monitor.models.courts import Court
from monitor.models.timestamps import utcnow


class ChecklistStatus(str, enum.Enum):
    """Where a checklist is in review; the allowed moves are in `monitor.services.review`."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    #: Sent back to the monitor with a comment; editable by them again until resubmitted.
    RETURNED = "returned"
    #: Vouched for by a manager; only approved checklists count in statistics.
    APPROVED = "approved"
    #: Kept for the record but never counted.
    REJECTED = "rejected"


#: States in which the monitor who filled a checklist may still change it.
MONITOR_EDITABLE = (ChecklistStatus.DRAFT.value, ChecklistStatus.RETURNED.value)
#: States in which a manager may correct answers (a revision is recorded for each save).
CORRECTABLE = (ChecklistStatus.SUBMITTED.value, ChecklistStatus.APPROVED.value)


class Checklist(db.Model):
    __tablename__ = "checklists"
    __table_args__ = (Index("ix_checklists_status_hearing_date", "status", "hearing_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Made on the device when the monitor starts the checklist; makes submission idempotent.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    definition_key: Mapped[str] = mapped_column(String(60))
    #: The definition version the checklist was filled with; it stays readable with that version.
    definition_version: Mapped[int] = mapped_column(Integer)
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    monitor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=ChecklistStatus.DRAFT.value)
    #: Copy of the hearing_date answer, so period filters use an index instead of the JSON.
    hearing_date: Mapped[date | None] = mapped_column(Date)
    #: Hearing-level answers by item key.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    #: SHA-256 of the canonical document last stored, to recognise an identical retry.
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Number of the latest revision (0 until first submitted). A correction names the revision it
    #: was based on and is refused when this has moved on, so no save silently overwrites another.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: The case this hearing belongs to (issue 19); None for a checklist that names none.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)

    court: Mapped[Court] = relationship()
    monitor: Mapped[User] = relationship()
    accused: Mapped[list["Accused"]] = relationship(
        back_populates="checklist", order_by="Accused.position", cascade="all, delete-orphan"
    )

    @property
    def is_draft(self) -> bool:
        return self.status == ChecklistStatus.DRAFT.value

    @property
    def is_editable_by_monitor(self) -> bool:
        """Drafts and returned checklists: their monitor may still change and (re)submit them."""
        return self.status in MONITOR_EDITABLE

    @property
    def is_correctable(self) -> bool:
        return self.status in CORRECTABLE


class Accused(db.Model):
    __tablename__ = "accused"

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"), index=True)
    #: Order of the accused within the checklist, from 0.
    position: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)

    checklist: Mapped[Checklist] = relationship(back_populates="accused")
    juvenile: Mapped["JuvenileAnnex | None"] = relationship(
        back_populates="accused", cascade="all, delete-orphan", uselist=False
    )


class JuvenileAnnex(db.Model):
    __tablename__ = "juvenile_annexes"

    id: Mapped[int] = mapped_column(primary_key=True)
    accused_id: Mapped[int] = mapped_column(ForeignKey("accused.id", ondelete="CASCADE"), unique=True)
    #: Repeated from the accused row so statistics read annexes of a period with one join.
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)

    accused: Mapped[Accused] = relationship(back_populates="juvenile")
    checklist: Mapped[Checklist] = relationship()
