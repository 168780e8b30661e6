"""Review decisions on a checklist: who approved, returned or rejected it, when, and why."""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.extensions import db
from monitor.models.accounts import User
from monitor.models.timestamps import utcnow


class ReviewAction(db.Model):
    __tablename__ = "review_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id", ondelete="CASCADE"), index=True)
    #: approve | return | reject | submit (the monitor's (re)submission, so the history reads whole).
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: The revision the decision was taken on.
    revision: Mapped[int] = mapped_column(Integer)
    #: Shown to the monitor when a checklist is returned.
    comment: Mapped[str] = mapped_column(Text, default="")
    #: Comments on single items, by path ("hearing.hearing_open", "accused[0].juvenile.in_camera"):
    #: the monitor reads each next to its item. None when there are none.
    item_comments: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    actor: Mapped[User] = relationship()
    #: Lets a checklist and its first history row be inserted in one flush (see services.checklists).
    checklist: Mapped["Checklist"] = relationship()  # noqa: F821
