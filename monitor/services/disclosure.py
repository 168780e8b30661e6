"""The disclosure audit of a draft release against every release already published (docs/privacy.md).

Finds which data each release counted (the snapshot of each quarter: its checklists and their
revisions as they were at publication), turns the public figures into the audit's equations
(`monitor.statistics.disclosure`), and says which protected cells of the draft's data are not
protected. Used by `monitor.services.releases` before publishing and by `flask releases audit`."""
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Checklist, ChecklistRevision, Release, ReleaseChecklist
from monitor.models.timestamps import as_utc
from monitor.services import statistics as statistics_service
from monitor.statistics import disclosure
from monitor.statistics.periods import Period, quarter
from monitor.statistics.results import StatisticsReport

#: Publication times are kept to the second: a revision within that second was there before.
SAME_SECOND = timedelta(seconds=1)
#: Marks a draft's snapshot that differs from a published one with the same checklists and revisions.
OWN = "~own"


@dataclass(frozen=True)
class Outcome:
    """What the audit found: cells the draft leaves unprotected, and leaks already published."""

    findings: list
    already_published: list
    cells_checked: int


def quarters_of(period: Period) -> list[Period]:
    if period.kind == "year":
        return [quarter(period.year, number, period.start_month) for number in range(1, 5)]
    return [period]


def _snapshot(label: str, revisions: list[tuple[int, int]]) -> str:
    digest = hashlib.sha256(",".join(f"{i}:{r}" for i, r in sorted(revisions)).encode()).hexdigest()[:16]
    return f"{label}#{digest}"


def _by_quarter(period: Period, rows) -> dict[str, str]:
    """rows of (checklist id, hearing date, revision) -> quarter label -> snapshot key."""
    grouped = defaultdict(list)
    quarters = quarters_of(period)
    for checklist_id, hearing_date, revision in rows:
        for part in quarters:
            if part.contains(hearing_date):
                grouped[part.label].append((checklist_id, revision))
    return {part.label: _snapshot(part.label, grouped[part.label]) for part in quarters}


def draft_snapshots(period: Period, checklist_ids: tuple[int, ...]) -> dict[str, str]:
    rows = db.session.execute(select(Checklist.id, Checklist.hearing_date, Checklist.revision).where(
        Checklist.id.in_(checklist_ids))).all() if checklist_ids else []
    return _by_quarter(period, rows)


def release_snapshots(release: Release) -> dict[str, str]:
    """Each quarter's checklists as the release counted them, with the revision each had then."""
    counted = db.session.execute(select(Checklist.id, Checklist.hearing_date).join(
        ReleaseChecklist, ReleaseChecklist.checklist_id == Checklist.id).where(
        ReleaseChecklist.release_id == release.id, ReleaseChecklist.in_period.is_(True))).all()
    cutoff = as_utc(release.published_at) + SAME_SECOND
    latest: dict[int, int] = {}
    ids = [row.id for row in counted]
    for start in range(0, len(ids), 900):  # SQLite limits the parameters of one statement
        for checklist_id, number, created_at in db.session.execute(select(
                ChecklistRevision.checklist_id, ChecklistRevision.number, ChecklistRevision.created_at).where(
                ChecklistRevision.checklist_id.in_(ids[start:start + 900]))):
            if as_utc(created_at) < cutoff:
                latest[checklist_id] = max(latest.get(checklist_id, 0), number)
    period = Period.from_dict(release.report["period"])
    return _by_quarter(period, [(row.id, row.hearing_date, latest.get(row.id, 0)) for row in counted])


def _multichoice() -> set[str]:
    return {key for key, breakdown in statistics_service.indicator_set().breakdowns.items() if breakdown.kind == "multichoice"}


def _juvenile_keys() -> set[str]:
    return {indicator.key for indicator in statistics_service.indicator_set().indicators if indicator.unit == "juvenile"}


def published_sources(exclude: Release | None = None) -> list[disclosure.Source]:
    releases = db.session.scalars(select(Release).order_by(Release.id)).all()
    return [disclosure.Source(f"{r.period_label} v{r.version}", StatisticsReport.from_dict(r.report), release_snapshots(r))
            for r in releases if r is not exclude]


class DraftAudit:
    """Audits of successive drafts of one period: the truth, the sources and solved parts are kept."""

    def __init__(self, period: Period, checklist_ids: tuple[int, ...], limit: int, exclude: Release | None = None):
        self.period, self.limit = period, limit
        self.truth = statistics_service.quarter_results(period)
        self._use(draft_snapshots(period, checklist_ids))
        self.sources = published_sources(exclude)
        self.multichoice = _multichoice()
        self.cache: dict = {}
        self._before = None

    def _use(self, snapshots: dict[str, str]) -> None:
        self.snapshots = snapshots
        self.results = {snapshots[label]: items for label, items in self.truth.items()}
        self.cells = disclosure.protected_cells(self.results, self.limit, _juvenile_keys())
        self.values = disclosure.true_values(self.results)

    def __call__(self, public: StatisticsReport) -> Outcome:
        """Audit the draft's public report with everything published. Raises disclosure.AuditFailed."""
        draft = disclosure.Source("draft", public, self.snapshots)
        system = disclosure.build_system([*self.sources, draft], self.multichoice)
        if disclosure.violations(system, self.values) and not self.snapshots[next(iter(self.snapshots))].endswith(OWN):
            # The same checklists and revisions, other answers (changed without a revision): the draft's
            # data is a snapshot of its own (the version rule still guards the difference).
            self._use({label: key + OWN for label, key in self.snapshots.items()})
            self.cache.clear()
            draft = disclosure.Source("draft", public, self.snapshots)
            system = disclosure.build_system([*self.sources, draft], self.multichoice)
        if disclosure.violations(system, self.values):
            raise disclosure.AuditFailed("the draft's own counts do not satisfy its published figures")
        findings = disclosure.audit(system, self.cells, self.limit, self.cache)
        already = []
        if findings:  # which of them the releases already published give away, with or without the draft
            if self._before is None:
                self._before = disclosure.build_system(self.sources, self.multichoice)
            stuck = {id(cell) for cell, _, _ in disclosure.audit(
                self._before, [cell for cell, _, _ in findings], self.limit, self.cache)}
            already = [finding for finding in findings if id(finding[0]) in stuck]
            findings = [finding for finding in findings if id(finding[0]) not in stuck]
        return Outcome(findings, already, len(self.cells))
