"""Published releases: frozen, versioned, checksummed statistics of a period (DESIGN.md §4)."""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.extensions import db
from monitor.models.accounts import User
from monitor.models.timestamps import utcnow


class Release(db.Model):
    """Never updated after publication: a correction is a new row with the next version."""

    __tablename__ = "releases"
    __table_args__ = (UniqueConstraint("period_label", "version", name="uq_releases_period_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The period as addressed publicly: 2025-Q3 (a quarter) or 2025 (a reporting year).
    period_label: Mapped[str] = mapped_column(String(20), index=True)
    #: 1 for the first publication of the period, n+1 for each correction.
    version: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Internal only: never shown publicly. None when published from the command line without --by.
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Required from version 2 on: what this version corrects.
    errata: Mapped[str | None] = mapped_column(Text)
    #: Cells resting on fewer units than this were withheld (frozen: the setting may change later).
    threshold: Mapped[int] = mapped_column(Integer)
    #: SHA-256 of the release's manifest.json, which lists the SHA-256 of every data file.
    checksum: Mapped[str] = mapped_column(String(64))
    #: The suppressed StatisticsReport.to_dict(): the public figures, re-rendered without recomputing.
    report: Mapped[dict] = mapped_column(JSON)
    #: Indicator set (key, version) and checklist definitions (key, version) the figures rest on.
    definitions: Mapped[dict] = mapped_column(JSON)
    #: Courts covered, hearings and accused counted (suppressed like the figures).
    methodology: Mapped[dict] = mapped_column(JSON)
    #: Data files written under EXPORT_FOLDER/<period>/v<version>/: [{"name", "sha256", "bytes"}].
    files: Mapped[list] = mapped_column(JSON)
    #: PUBLIC_URL at publication (at the upgrade, for releases published before it was kept): every
    #: address in the release's answers starts with it, so a later change of PUBLIC_URL never alters
    #: an answer served as immutable. None only for a row written without it: the current PUBLIC_URL.
    public_url: Mapped[str | None] = mapped_column(String(300))

    published_by: Mapped[User | None] = relationship()

    @property
    def folder(self) -> str:
        return f"{self.period_label}/v{self.version}"


class ReleaseChecklist(db.Model):
    """Exactly the checklists a release counted. Internal: checklist ids are never published."""

    __tablename__ = "release_checklists"

    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True)
    checklist_id: Mapped[int] = mapped_column(ForeignKey("checklists.id"), primary_key=True, index=True)
    #: True for a checklist of the period itself; False for one behind a comparison or trend figure.
    in_period: Mapped[bool] = mapped_column(default=True)
