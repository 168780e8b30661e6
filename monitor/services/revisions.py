"""Revisions: a snapshot of the whole document at every save after submission, with its changes.

The next revision number is claimed with a conditional UPDATE on the number the author based
their save on (optimistic locking), and the (checklist, number) pair is unique, so a save based
on a stale revision fails instead of silently overwriting another."""
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from monitor.checklists.definition import Definition
from monitor.checklists.diff import diff_documents
from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.models import Checklist, ChecklistRevision, RevisionKind, User
from monitor.services.definitions import definition_of


#: What the first submission is compared with: nothing answered yet.
EMPTY_DOCUMENT = {"hearing": {}, "accused": []}
#: The number of a checklist's first submission.
FIRST = 1


class StatusChanged(Exception):
    """The checklist left the states the save was allowed in (a manager rejected it meanwhile)."""


class StaleRevision(Exception):
    """Someone saved a newer revision since the author loaded the checklist."""

    def __init__(self, base: int, current: ChecklistRevision | None):
        self.base = base
        self.current = current
        if current is None:
            saved = say("a newer revision was saved")
        else:
            saved = say("revision %(number)s was saved by %(name)s at %(time)s", number=current.number,
                        name=current.author.display_name, time=_when(current.created_at))
        super().__init__(say(
            "This checklist was changed since you opened it: you started from revision %(base)s, and %(saved)s. "
            "Your changes were not saved; open the current answers and make them again.", base=base, saved=saved,
        ))


def _when(moment) -> str:
    """Date and time in the programme's time zone and the reader's language inside a request, UTC elsewhere (CLI)."""
    from flask import has_request_context

    if has_request_context():
        from monitor.i18n import moment_text

        return moment_text(moment)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def revisions_of(checklist: Checklist) -> list[ChecklistRevision]:
    return db.session.scalars(
        select(ChecklistRevision).where(ChecklistRevision.checklist_id == checklist.id).order_by(ChecklistRevision.number)
    ).all()


def get_revision(checklist: Checklist, number: int) -> ChecklistRevision | None:
    return db.session.scalar(
        select(ChecklistRevision).where(ChecklistRevision.checklist_id == checklist.id, ChecklistRevision.number == number)
    )


def record_revision(checklist: Checklist, author: User, kind: str, document: dict, base: int,
                    comment: str = "", statuses: tuple[str, ...] | None = None) -> ChecklistRevision:
    """Add revision `base + 1` holding `document`; raises StaleRevision if `base` is not the latest,
    StatusChanged if the checklist is no longer in one of `statuses` (when given): both are checked
    by the same UPDATE, so a decision saved meanwhile is never overwritten.
    Not committed: the caller stores the document and commits with it."""
    previous = get_revision(checklist, base) if base else None
    claim = update(Checklist).where(Checklist.id == checklist.id, Checklist.revision == base)
    if statuses is not None:
        claim = claim.where(Checklist.status.in_(statuses))
    claimed = db.session.execute(claim.values(revision=base + 1).execution_options(synchronize_session="fetch"))
    if claimed.rowcount != 1:
        db.session.rollback()
        db.session.refresh(checklist)
        if statuses is not None and checklist.status not in statuses:
            raise StatusChanged(checklist.status)
        raise StaleRevision(base, latest_revision(checklist))
    before = previous.document if previous is not None else EMPTY_DOCUMENT
    revision = _revision(checklist, author, kind, document, base, comment, before)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise StaleRevision(base, latest_revision(checklist)) from None
    checklist.revision = base + 1
    return revision


def revision_row(checklist_id: int, definition: Definition, author: User, kind: str, document: dict, base: int,
                 comment: str = "", before: dict = EMPTY_DOCUMENT) -> dict:
    """The values of revision `base + 1`: the only place they are filled, whether the row is added
    to the session or inserted with a new checklist (whose unique uuid already rules out a
    concurrent first save)."""
    return {"checklist_id": checklist_id, "number": base + 1, "base_number": base or None, "kind": kind,
            "author_id": author.id, "comment": comment, "document": document,
            "changes": diff_documents(definition, before, document)}


def _revision(checklist: Checklist, author: User, kind: str, document: dict, base: int, comment: str,
              before: dict) -> ChecklistRevision:
    revision = ChecklistRevision(**revision_row(checklist.id, definition_of(checklist), author, kind, document, base,
                                                comment, before))
    db.session.add(revision)
    return revision


def latest_revision(checklist: Checklist) -> ChecklistRevision | None:
    db.session.refresh(checklist)
    return get_revision(checklist, checklist.revision) if checklist.revision else None


def last_submitted_by(checklist: Checklist, monitor: User) -> ChecklistRevision | None:
    """The monitor's own latest (re)submission, to recognise a phone retrying it."""
    return db.session.scalar(
        select(ChecklistRevision)
        .where(ChecklistRevision.checklist_id == checklist.id, ChecklistRevision.author_id == monitor.id,
               ChecklistRevision.kind.in_([RevisionKind.SUBMISSION, RevisionKind.RESUBMISSION]))
        .order_by(ChecklistRevision.number.desc())
        .limit(1)
    )
