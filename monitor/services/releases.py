"""Publishing a period: freeze the suppressed figures, the definitions, the checklists counted and
the threshold; write the files once; a correction is the next version with an errata note.

Shared by the manager pages, the public pages, the public API and `flask releases`."""
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from monitor.extensions import db
from monitor.models import AuditEventType, Checklist, ChecklistStatus, Court, Release, ReleaseChecklist, User
from monitor.public.addresses import external_url
from monitor.public.citation import citation_text
from monitor.services import audit, newsletters, release_files, settings
from monitor.services import statistics as statistics_service
from monitor.statistics.periods import Period, PeriodInvalid
from monitor.statistics.results import StatisticsReport
from monitor.services import disclosure as disclosure_service
from monitor.statistics import linkage
from monitor.statistics.disclosure import AuditFailed
from monitor.statistics.suppression import HEADLINE, JUVENILE_GROUP_FACTOR, WHOLE, suppress_report

#: Releases published with disclosure control across releases (issue 17) say so in their methodology;
#: earlier ones (no such key) render their methodology as published.
DISCLOSURE_FORMAT = 2
#: Periods a release may cover: its address is the period label.
PUBLISHABLE_KINDS = ("quarter", "year")
#: States of a checklist that a release of its period would leave out although it may still be approved.
PENDING_STATUSES = (ChecklistStatus.SUBMITTED.value, ChecklistStatus.RETURNED.value, ChecklistStatus.DRAFT.value)


class PublishRefused(Exception):
    """The release cannot be published; `problems` maps a field (period, errata) to a message."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems.items()))


@dataclass(frozen=True)
class Draft:
    """What publishing would freeze, shown to the manager before they publish."""

    period: Period
    report: StatisticsReport
    methodology: dict
    definitions: dict
    threshold: int
    checklist_ids: tuple[int, ...]
    context_checklist_ids: tuple[int, ...]
    next_version: int
    #: False while the period is still running: it can be previewed, never published.
    ended: bool
    #: Checklists of the period not (yet) approved, by status: submitted, returned, draft.
    pending: dict[str, int]
    #: What was withheld and why, and what the audit checked (internal: the manager's preview).
    disclosure: dict

    @property
    def pending_total(self) -> int:
        return sum(self.pending.values())


def publishable_period(text: str | None) -> Period:
    """A quarter (2025-Q3) or reporting year (2025); raises PublishRefused naming the period field."""
    if not text or not text.strip():
        raise PublishRefused({"period": _("Choose the quarter or reporting year to publish.")})
    try:
        period = statistics_service.period_from_arguments(text.strip(), None, None)
    except PeriodInvalid as invalid:
        raise PublishRefused({"period": str(invalid)}) from None
    if period.kind not in PUBLISHABLE_KINDS:
        raise PublishRefused({"period": _("Only a quarter (2025-Q3) or a reporting year (2025) can be published.")})
    return period


def has_ended(period: Period, today: date | None = None) -> bool:
    """A period can be published from the day after its last day (DESIGN.md §4)."""
    return period.end < (today or statistics_service.today())


def pending_checklists(period: Period) -> dict[str, int]:
    """How many checklists of the period are still submitted, returned or in draft (zeros left out)."""
    rows = db.session.execute(select(Checklist.status, func.count()).where(
        Checklist.status.in_(PENDING_STATUSES), Checklist.hearing_date.between(period.start, period.end),
    ).group_by(Checklist.status)).all()
    counts = dict(rows)
    return {status: counts[status] for status in PENDING_STATUSES if counts.get(status)}


def threshold() -> int:
    return int(current_app.config["RELEASE_SUPPRESSION_THRESHOLD"])


def prepare(period: Period) -> Draft:
    """Compute, suppress and describe the release of `period` without storing anything."""
    limit = threshold()
    statuses = statistics_service.counted_statuses()
    read = select(Checklist.id, Checklist.hearing_date, Checklist.definition_key, Checklist.definition_version,
                  Checklist.court_id).where(
        Checklist.status.in_(statuses),
        Checklist.hearing_date.between(statistics_service.first_day_read(period), period.end))
    rows = db.session.execute(read.order_by(Checklist.id)).all()
    in_period = [row for row in rows if period.contains(row.hearing_date)]
    report, disclosure_report = protect_and_audit(
        period, statistics_service.build_report(period), tuple(row.id for row in in_period), limit)
    courts = db.session.scalars(select(Court).where(Court.id.in_({row.court_id for row in in_period})).order_by(Court.name)).all()
    definitions = {
        "indicator_set": {"key": report.indicator_set["key"], "version": report.indicator_set["version"]},
        "checklists": [{"key": key, "version": version} for key, version in
                       sorted({(row.definition_key, row.definition_version) for row in in_period})],
    }
    return Draft(
        period=period, report=report, methodology=_methodology(report, courts), definitions=definitions,
        threshold=limit, checklist_ids=tuple(row.id for row in in_period),
        context_checklist_ids=tuple(row.id for row in rows if not period.contains(row.hearing_date)),
        next_version=(latest_version(period.label) or 0) + 1, ended=has_ended(period),
        pending=pending_checklists(period), disclosure=disclosure_report,
    )


#: Suppression and the look across releases alternate at most this often (each round only withholds more).
MAX_ROUNDS = 20


#: The audit may add withheld cells this many times before refusing (each round withholds more).
MAX_AUDIT_ROUNDS = 8
#: Showing again each cell the audit added costs one audit per cell: tried only when few were added.
MAX_MINIMALITY_TRIALS = 12


def protect_and_audit(period: Period, raw: StatisticsReport, checklist_ids: tuple[int, ...], limit: int):
    """Suppress, then audit by linear programming; withhold what the audit finds until it passes, then
    show again each audit-added cell that is not needed (locally minimal). Returns (public report,
    disclosure report). Raises PublishRefused when the audit cannot pass or cannot run (fail closed)."""
    published = published_so_far()
    forced: set[tuple] = set()
    try:
        audit = disclosure_service.DraftAudit(period, checklist_ids, limit)
        for _round in range(MAX_AUDIT_ROUNDS):
            report = protect(raw, published, limit, forced)
            outcome = audit(report)
            if not outcome.findings:
                break
            added = _escalate(report, {finding[0][1:4] for finding in outcome.findings}, forced)
            if not added:
                raise PublishRefused({"period": _("The disclosure audit could not protect every small figure "
                                                  "of %(period)s; nothing was published.", period=period.label)})
            forced |= added
        else:
            raise PublishRefused({"period": _("The disclosure audit could not protect every small figure "
                                              "of %(period)s; nothing was published.", period=period.label)})
        if len(forced) <= MAX_MINIMALITY_TRIALS:
            for cell in sorted(forced):  # locally minimal: show again what the rule does not need
                trial = forced - {cell}
                candidate = protect(raw, published, limit, trial)
                if not audit(candidate).findings:
                    forced, report = trial, candidate
        outcome = audit(report)
    except AuditFailed as failed:
        raise PublishRefused({"period": _("The disclosure audit could not run (%(reason)s); nothing was published.",
                                          reason=str(failed))}) from None
    return report, disclosure_summary(raw, report, outcome, forced)


def _escalate(report: StatisticsReport, places: set[tuple], forced: set[tuple]) -> set[tuple]:
    """Cells to withhold for places the audit found unprotected, each step wider than the last:
    the figure itself; then, for every indicator counting the same units (unit and `among`), the
    categories of that breakdown any of them withholds; then their headlines; then the whole breakdown."""
    groups: dict[tuple, list] = {}
    for item in report.indicators:
        groups.setdefault((item.definition["unit"], item.definition["conditions"].get("among")), []).append(item)
    added = set()
    for key, breakdown, category in places:
        item = report.indicator(key)
        members = groups[(item.definition["unit"], item.definition["conditions"].get("among"))]
        categories = {c.key for member in members for b in member.breakdowns if b.key == breakdown for c in b.categories}
        hidden = {c.key for member in members for b in member.breakdowns if b.key == breakdown
                  for c in b.categories if c.figure.suppressed} | ({category} if breakdown != "all" else set())
        for step in (
            {(key, breakdown, category, WHOLE)},
            {(member.key, breakdown, other, WHOLE) for member in members for other in hidden},
            {(member.key, *HEADLINE, WHOLE) for member in members},
            {(member.key, breakdown, other, WHOLE) for member in members for other in categories},
        ):
            if step - forced:
                added |= step - forced
                break
    return added


def disclosure_summary(raw: StatisticsReport, public: StatisticsReport, outcome, audited: set[tuple]) -> dict:
    """What was withheld and why, for the manager (never public)."""
    withheld = []
    for item, shown in zip(raw.indicators, public.indicators):
        places = [(HEADLINE, item.figure, shown.figure)] + [
            ((b.key, c.key), c.figure, d.figure) for b, e in zip(item.breakdowns, shown.breakdowns)
            for c, d in zip(b.categories, e.categories)]
        for (breakdown, category), before, after in places:
            if after.suppressed and not before.suppressed:
                withheld.append({"indicator": item.key, "breakdown": breakdown, "category": category, "cell": "figure",
                                 "why": _why(item, before, (item.key, breakdown, category, WHOLE) in audited)})
            elif not after.suppressed:
                for reason, count in after.excluded.items():
                    if count is None and before.excluded.get(reason) is not None:
                        withheld.append({"indicator": item.key, "breakdown": breakdown, "category": category,
                                         "cell": reason, "why": "small or complementary"})
    return {"withheld": withheld, "cells_checked": outcome.cells_checked,
            "already_published": [{"indicator": cell[1], "breakdown": cell[2], "category": cell[3], "cell": cell[4],
                                   "low": low, "high": high} for cell, low, high in outcome.already_published]}


def _why(item, figure, audited: bool) -> str:
    if audited:
        return "audit"
    size = figure.denominator if figure.kind == "percentage" else figure.n
    if size and 0 < size < threshold():
        return "small"
    return "complementary"


def published_so_far() -> list[linkage.Published]:
    """Every release as the public holds it."""
    return [linkage.Published(r.period_label, r.version, report_of(r)) for r in db.session.scalars(select(Release))]


def protect(report: StatisticsReport, published: list[linkage.Published], limit: int,
            audited: set[tuple] = frozenset()) -> StatisticsReport:
    """Suppress within the report (and the `audited` cells), then against every release already
    published, until both hold; comparisons and trend points become the frozen figures of their periods' releases."""
    forced: set[tuple] = set(audited)
    for _round in range(MAX_ROUNDS):
        public = suppress_report(report, limit, frozenset(forced))
        found = linkage.across_releases(public, published, limit)
        if found <= forced:
            break
        forced |= found
    return linkage.frozen_comparisons(public, published)


def _methodology(report: StatisticsReport, courts: list[Court]) -> dict:
    """Courts covered and units counted: the unconditional count of each unit, as suppressed.
    `courts` are English names as always; `court_names` (by language) only when a court has a
    Khmer name, so a release of courts without one is the same as before."""
    counted = {}
    for indicator in report.indicators:
        definition = indicator.definition
        if definition["kind"] == "count" and not definition["conditions"].get("among"):
            counted.setdefault(definition["unit"], indicator.figure.n)
    methodology = {"courts": [court.name for court in courts], "units": counted,
                   "counted_statuses": list(report.counted_statuses), "edition": edition(report),
                   "disclosure_control": {"format": DISCLOSURE_FORMAT,
                                          "juvenile_group": JUVENILE_GROUP_FACTOR * report.suppression_threshold}}
    if any(court.name_km for court in courts):
        methodology["court_names"] = [court.labels for court in courts]
    return methodology


def edition(report: StatisticsReport) -> dict:
    """What a release freezes besides its figures, for its page and files: the publisher and the
    manager's newsletter (sanitised); the logo goes into the files only. Its presence marks a release
    published with the newsletter's page; releases published before keep their own page."""
    return {"organisation": settings.organisation_name(), "newsletter": newsletters.frozen(report.period.label, report),
            # Marks a release whose page cites it in the reader's language (older ones: English only).
            "citation_languages": True}


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def publication_address() -> tuple[str, bool]:
    """The address releases are published under now (PUBLIC_URL, frozen into each one) and whether it
    is this machine's own, which no reader elsewhere can open."""
    url = current_app.config["PUBLIC_URL"]
    host = (urlsplit(url).hostname or "").lower()
    return url, host in LOCAL_HOSTS or host.endswith(".localhost")


def publish(period_text: str | None, errata: str | None = None, by: User | None = None,
            pending_confirmed: bool = True) -> Release:
    """Publish the period's next version. Raises PublishRefused: a bad or unfinished period, missing
    errata, or checklists of the period still waiting for review when `pending_confirmed` is False."""
    period = publishable_period(period_text)
    if not has_ended(period):
        raise PublishRefused({"period": not_over_message(period)})
    errata = (errata or "").strip() or None
    draft = prepare(period)
    if draft.pending and not pending_confirmed:
        raise PublishRefused({"pending": _("Confirm that %(period)s is published without the checklists still "
                                           "waiting for review.", period=period.label)})
    if settings.organisation_is_default():
        raise PublishRefused({"organisation": _("Give your organisation's name (Releases, Newsletter) before "
                                                "publishing: a release must say who published it.")})
    if draft.next_version > 1 and not errata:
        raise PublishRefused({"errata": _("%(period)s is already published: say what this new version corrects.",
                                          period=period.label)})
    published_at = datetime.now(UTC).replace(microsecond=0)
    files = release_files.data_files(draft.report, draft.next_version, _imprint(draft, published_at))
    files[release_files.MANIFEST] = release_files.manifest(
        period.label, draft.next_version, published_at.isoformat(), draft.threshold, files)
    release = Release(
        period_label=period.label, version=draft.next_version, published_at=published_at, published_by=by,
        errata=errata, threshold=draft.threshold, checksum=release_files.sha256(files[release_files.MANIFEST]),
        report=draft.report.to_dict(), definitions=draft.definitions, methodology=draft.methodology,
        files=[{"name": name, "sha256": release_files.sha256(content), "bytes": len(content)}
               for name, content in sorted(files.items())],
        public_url=current_app.config["PUBLIC_URL"],
    )
    db.session.add(release)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise PublishRefused({"period": _("Someone published %(period)s at the same moment; reload and try again.",
                                          period=period.label)}) from None
    db.session.add_all([ReleaseChecklist(release_id=release.id, checklist_id=i, in_period=True) for i in draft.checklist_ids])
    db.session.add_all([ReleaseChecklist(release_id=release.id, checklist_id=i, in_period=False)
                        for i in draft.context_checklist_ids])
    try:
        release_files.write_once(period.label, release.version, files)
    except release_files.FilesExist:
        db.session.rollback()
        raise PublishRefused({"period": _("Files for %(period)s version %(version)s already exist in the export "
                                          "folder; move them away first.", period=period.label, version=release.version)}) from None  # noqa: E501
    audit.record(AuditEventType.PUBLICATION, by, ("release", release.folder), {
        "checksum": release.checksum, "errata": errata or "", "threshold": release.threshold,
        "checklists": len(draft.checklist_ids),
    })
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        release_files.remove(period.label, release.version)
        raise
    return release


def _imprint(draft: Draft, published_at: datetime) -> dict:
    """What the release's files say about it: publisher, how to cite it, courts covered."""
    frozen = draft.methodology["edition"]
    address = external_url("public.release", period=draft.period.label, version=draft.next_version)
    text = citation_text(frozen["organisation"], draft.report.indicator_set["title"], draft.report.period.to_dict(),
                         draft.next_version, published_at.isoformat(), address)
    return {**frozen, "logo": settings.organisation_logo(), "citation": text, "methodology": draft.methodology}


def not_over_message(period: Period) -> str:
    return _("%(period)s is not over yet: it can be published from %(day)s.", period=period.label,
             day=format_date(period.end + timedelta(days=1), "long"))


def latest_version(period_label: str) -> int | None:
    return db.session.scalar(select(func.max(Release.version)).where(Release.period_label == period_label))


#: Versions are counted from 1; anything at or past this cannot exist.
MAX_VERSION = 2**31


def find_release(period_label: str, version: int | None = None) -> Release | None:
    """A version of a period, or its latest when `version` is None."""
    version = version if version is not None else latest_version(period_label)
    if version is None or not 0 < version < MAX_VERSION:
        return None  # an address no release can have (the database column is a 32-bit integer)
    return db.session.scalar(select(Release).where(Release.period_label == period_label, Release.version == version))


def all_releases() -> list[Release]:
    """Every release, newest period first, versions in order."""
    releases = db.session.scalars(select(Release).order_by(Release.published_at.desc(), Release.version)).all()
    return sorted(releases, key=lambda r: (_period_start(r), r.version), reverse=True)


def _period_start(release: Release) -> str:
    return release.report["period"]["start"]


def report_of(release: Release) -> StatisticsReport:
    """The frozen public figures, as published (never recomputed)."""
    return StatisticsReport.from_dict(release.report)


def counted_checklist_ids(release: Release) -> list[int]:
    """Internal: the checklists of the period a release counted."""
    return list(db.session.scalars(select(ReleaseChecklist.checklist_id).where(
        ReleaseChecklist.release_id == release.id, ReleaseChecklist.in_period.is_(True)).order_by(ReleaseChecklist.checklist_id)))

