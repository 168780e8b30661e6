"""Settings an administrator changes in the app (reporting calendar, active checklist versions)."""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from monitor.extensions import db
from monitor.models.timestamps import utcnow


class Setting(db.Model):
    __tablename__ = "settings"

    #: e.g. "reporting_year_start_month", "active_version:fair_trial".
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
