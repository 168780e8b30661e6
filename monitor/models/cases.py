"""A case followed across hearings: the programme's own record, which the hearings' checklists name.

The court's case number is not kept here: it stays in the checklists' private `case_reference`
answer, so nothing built from a case can publish it."""
import enum
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.extensions import db
from monitor.models.courts import Court
from monitor.models.timestamps import utcnow


class CaseStatus(str, enum.Enum):
    """Where a case stands, as the programme records it."""

    ONGOING = "ongoing"
    #: A first-instance verdict was given.
    VERDICT = "verdict"
    #: Heard again on appeal after its first-instance verdict.
    APPEAL = "appeal"
    #: Nothing more will be monitored.
    CLOSED = "closed"


class Case(db.Model):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Made by whoever opened the case, the phone included (offline); opening it again is idempotent.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    #: The programme's own code, assigned by the server (e.g. "C-00042"); safe to show and cite.
    code: Mapped[str | None] = mapped_column(String(20), unique=True)
    #: The court where the case was opened; later hearings may be at other courts (an appeal).
    court_id: Mapped[int] = mapped_column(ForeignKey("courts.id"), index=True)
    #: Offence category keys, as the checklist's offence_categories item names them.
    offence_categories: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=CaseStatus.ONGOING.value)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Set when a manager merged this case into another: its hearings moved there, and its uuid
    #: (which phones may still hold) now names that case.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    court: Mapped[Court] = relationship()
    accused: Mapped[list["CaseAccused"]] = relationship(
        back_populates="case", order_by="CaseAccused.position", cascade="all, delete-orphan"
    )


class CaseAccused(db.Model):
    """One accused of a case, known by a code (no name): the accused at `position` in each of the
    case's checklists."""

    __tablename__ = "case_accused"
    __table_args__ = (UniqueConstraint("case_id", "code", name="uq_case_accused_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    #: "A1", "A2", ... within the case.
    code: Mapped[str] = mapped_column(String(20))
    #: Order of the accused in the case's checklists, from 0.
    position: Mapped[int] = mapped_column(Integer)

    case: Mapped[Case] = relationship(back_populates="accused")
