"""Starting, saving and submitting checklists, for the phone pages, the API and the CLI alike."""
import hashlib
import json
import uuid as uuid_module
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import joinedload, make_transient_to_detached, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from monitor.checklists import answers
from monitor.checklists.dates import iso_date
from monitor.checklists.definition import Definition
from monitor.checklists.wording import say
from monitor.database import insert_unless_stored
from monitor.extensions import db
from monitor.models import (Accused, AuditEventType, Case, Checklist, ChecklistRevision, ChecklistStatus, Court, JuvenileAnnex,
                            ReviewAction, RevisionKind, User)
from monitor.models.timestamps import utcnow
from monitor.services import audit, cases, review, revisions
from monitor.services.definitions import definition_of

#: The hearing item whose answer is copied to `Checklist.hearing_date` for period filters.
HEARING_DATE = "hearing_date"


class ChecklistInvalid(Exception):
    """Answers that cannot be saved (or submitted), with the problem at each path."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems.items()))


class ChecklistConflict(Exception):
    """The same checklist uuid with other content, from another author or after submission."""


class ChecklistStale(ChecklistConflict):
    """The device's copy started from a version of the checklist that has changed on the server since."""


class ChecklistLocked(Exception):
    """A submitted checklist cannot be edited by its monitor (until a manager returns it)."""


def with_answers_loaded(checklist: Checklist) -> Checklist:
    """The checklist read again with its accused, annexes, court and monitor, in two queries: after
    a commit every attribute would otherwise load lazily, one accused at a time."""
    return db.session.scalars(
        select(Checklist).where(Checklist.id == checklist.id)
        .options(selectinload(Checklist.accused).joinedload(Accused.juvenile), joinedload(Checklist.court),
                 joinedload(Checklist.monitor))
        .execution_options(populate_existing=True)
    ).one()


def document_of(checklist: Checklist) -> dict:
    """The checklist's answers as one document (see `monitor.checklists.answers`)."""
    accused_documents = []
    for accused in checklist.accused:
        document = dict(accused.answers or {})
        if accused.juvenile is not None:
            document[answers.ANNEX] = dict(accused.juvenile.answers or {})
        accused_documents.append(document)
    return {"hearing": dict(checklist.answers or {}), "accused": accused_documents}


def content_hash(checklist_key: str, version: int, court_key: str, status: str, document: dict) -> str:
    canonical = json.dumps(
        {"checklist": checklist_key, "version": version, "court": court_key, "status": status, "document": document},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _hearing_date(hearing: dict) -> date | None:
    return iso_date(hearing.get(HEARING_DATE))


def _split_accused(accused_document: dict) -> tuple[dict, dict | None]:
    """An accused's own answers, and its juvenile annex's (None without an annex)."""
    annex = accused_document.get(answers.ANNEX)
    own = {key: value for key, value in accused_document.items() if key != answers.ANNEX}
    return own, dict(annex) if annex is not None else None


def store_document(checklist: Checklist, document: dict) -> None:
    """Write a normalised document into the hearing, accused and annex rows."""
    hearing = document.get("hearing", {})
    checklist.answers = dict(hearing)
    checklist.hearing_date = _hearing_date(hearing)
    rows = list(checklist.accused)
    for position, accused_document in enumerate(document.get("accused", [])):
        accused_answers, annex = _split_accused(accused_document)
        if position < len(rows):
            row = rows[position]
            row.answers = accused_answers
        else:
            row = Accused(position=position, answers=accused_answers)
            checklist.accused.append(row)
        if annex is None:
            row.juvenile = None
        elif row.juvenile is None:
            row.juvenile = JuvenileAnnex(answers=annex, checklist=checklist)
        else:
            row.juvenile.answers = annex
    for row in rows[len(document.get("accused", [])):]:
        checklist.accused.remove(row)
    checklist.content_hash = content_hash(
        checklist.definition_key, checklist.definition_version, checklist.court.key, checklist.status, document
    )
    checklist.updated_at = utcnow()


@dataclass
class Prepared:
    """A document ready to store, and the answers the rules removed from it (path -> why)."""

    document: dict
    ignored: dict[str, str]


def prepare(definition: Definition, document: dict, *, submitting: bool, today: date, blocking=None,
            sent: bool = False) -> Prepared:
    """Settle and validate; raises ChecklistInvalid. `blocking(path)` narrows which problems refuse
    the save. `sent`: the document came whole from a client (the API), which is also told when a
    computed value it sent disagrees with the dates, or an annex would be lost for want of an age."""
    settled = answers.settle(definition, answers.copy_document(document))
    problems = answers.validate(definition, settled.document, submitting=submitting, today=today)
    if sent:
        problems |= answers.sent_problems(definition, document, settled)
    if blocking is not None:
        problems = {path: message for path, message in problems.items() if blocking(path)}
    if problems:
        raise ChecklistInvalid(problems)
    return Prepared(settled.document, settled.ignored)


def prepare_document(definition: Definition, document: dict, *, submitting: bool, today: date, blocking=None) -> dict:
    """`prepare`, for callers that only store the document."""
    return prepare(definition, document, submitting=submitting, today=today, blocking=blocking).document


def start_checklist(
    monitor: User, court: Court, hearing_date: date, definition: Definition, checklist_uuid: str | None = None
) -> Checklist:
    """A new draft with the hearing date answered; the uuid may come from the phone. Written by the
    same statements as a draft arriving from a phone, so a new checklist row has one builder."""
    document = prepare_document(definition, {"hearing": {HEARING_DATE: hearing_date.isoformat()}, "accused": []},
                                submitting=False, today=date.today())
    checklist = _insert_new(monitor, definition, court, checklist_uuid or str(uuid_module.uuid4()), False, document)
    if checklist is None:
        db.session.rollback()
        raise ChecklistConflict(say("A checklist with this uuid was already started."))
    db.session.commit()
    return checklist


def save_draft(checklist: Checklist, document: dict, *, today: date | None = None, blocking=None) -> Checklist:
    """Save answers without requiring completeness; raises ChecklistInvalid for malformed values.

    The phone form passes `blocking` so that only problems in the section being saved refuse
    the save: a problem elsewhere is shown there and at submission, and never traps the monitor."""
    if not checklist.is_editable_by_monitor:
        raise ChecklistLocked(say("This checklist has been submitted and can no longer be changed here."))
    definition = definition_of(checklist)
    document = prepare_document(definition, document, submitting=False, today=today or date.today(), blocking=blocking)
    store_document(checklist, document)
    db.session.commit()
    return checklist


def draft_problems(checklist: Checklist, document: dict, *, today: date | None = None, blocking=None) -> dict[str, str]:
    """What would stop `document` from being saved as a draft, without saving it."""
    try:
        prepare_document(definition_of(checklist), document, submitting=False, today=today or date.today(), blocking=blocking)
    except ChecklistInvalid as invalid:
        return invalid.problems
    return {}


def submission_problems(checklist: Checklist, *, today: date | None = None) -> dict[str, str]:
    """What still stops the checklist from being submitted (empty when it can be)."""
    definition = definition_of(checklist)
    document = answers.normalise(definition, document_of(checklist))
    return answers.validate(definition, document, submitting=True, today=today or date.today())


def _submit(checklist: Checklist, document: dict) -> None:
    """Keep the document as a new revision, move to submitted, and audit it. Not committed.
    The revision comes first so the history names the revision the submission made, as the
    revision list does (one numbering; a checklist received already submitted does the same)."""
    resubmission = checklist.revision > 0
    kind = RevisionKind.RESUBMISSION if resubmission else RevisionKind.SUBMISSION
    revisions.record_revision(checklist, checklist.monitor, kind, document, checklist.revision)
    review.move(checklist, review.SUBMIT, checklist.monitor)
    checklist.submitted_at = utcnow()
    store_document(checklist, document)
    _audit_submission(checklist, resubmission)


def _audit_submission(checklist: Checklist, resubmission: bool) -> None:
    audit.record(AuditEventType.SUBMISSION, checklist.monitor, checklist,
                 _submission_details(checklist.revision, resubmission))


def _submission_details(revision: int, resubmission: bool) -> dict:
    return {"revision": revision, "resubmission": resubmission}


def submit_checklist(checklist: Checklist, *, today: date | None = None) -> Checklist:
    """Submit a complete draft (or a returned checklist, again) for review; raises ChecklistInvalid
    listing what is missing."""
    if not checklist.is_editable_by_monitor:
        raise ChecklistLocked(say("This checklist has already been submitted."))
    definition = definition_of(checklist)
    document = prepare_document(definition, document_of(checklist), submitting=True, today=today or date.today())
    try:
        _submit(checklist, document)
    except review.TransitionRefused as refused:
        raise ChecklistLocked(str(refused)) from None
    db.session.commit()
    return checklist


def checklists_of(monitor: User, limit: int = 200) -> list[Checklist]:
    """A monitor's own checklists, the most recently changed first."""
    query = select(Checklist).where(Checklist.monitor_id == monitor.id).order_by(Checklist.updated_at.desc())
    return db.session.scalars(query.limit(limit)).all()


def find_checklist(checklist_uuid: str) -> Checklist | None:
    return db.session.scalar(select(Checklist).where(Checklist.uuid == checklist_uuid))


@dataclass
class Received:
    checklist: Checklist
    #: False when the uuid was already stored (a retry, a replaced draft, a resubmission).
    created: bool
    #: Answers the rules removed, path -> why (see `monitor.checklists.answers.settle`).
    ignored: dict[str, str]


def receive_checklist(
    author: User, definition: Definition, court: Court, checklist_uuid: str, status: str, document: dict,
    *, today: date | None = None, commit: bool = True, base_revision: int | None = None, base_hash: str | None = None,
    case: Case | None = None,
) -> Received:
    """Store a checklist sent whole by a device; safe to retry.

    The same uuid with the same content returns the stored checklist unchanged (also after review);
    the author may keep replacing a draft or a returned checklist, and resubmit it; other content
    from another author, or after submission, is a conflict. A device names the server's copy it
    started from (`base_revision`, `base_hash`): when the stored checklist has changed since (a
    manager's correction, another device), replacing it is refused as stale rather than done
    silently. `commit=False` leaves the (flushed) transaction open, so the caller can write its
    answer before committing. `case`, when named, is the case the hearing belongs to: set on a new
    checklist, and on a stored one unless it is already another case's and no longer its monitor's
    to change (moving a hearing between cases is a manager's decision)."""
    submitting = status == ChecklistStatus.SUBMITTED.value
    prepared = prepare(definition, document, submitting=submitting, today=today or date.today(), sent=True)
    document = prepared.document
    checklist = _insert_new(author, definition, court, checklist_uuid, submitting, document,
                            case_id=case.id if case is not None else None)
    created = checklist is not None
    if not created:
        existing = _stored_for_update(checklist_uuid)
        if case is not None and existing.case_id != case.id:
            _name_case(existing, author, case)
        incoming_hash = content_hash(definition.key, definition.version, court.key, status, document)
        if not _update(existing, author, definition, court, submitting, document, incoming_hash, (base_revision, base_hash)):
            if commit:
                db.session.commit()
            return Received(existing, False, prepared.ignored)
        checklist = existing
        db.session.flush()
    if commit:
        db.session.commit()
    return Received(checklist, created, prepared.ignored)


def _name_case(existing: Checklist, author: User, case: Case) -> None:
    if existing.monitor_id != author.id:
        raise ChecklistConflict(say("A checklist with this uuid was filed by someone else."))
    if existing.case_id is not None and not existing.is_editable_by_monitor:
        raise ChecklistConflict(say("This checklist is already a hearing of another case; a manager can move it."))
    cases.name_case(existing, case)


def _stored_for_update(checklist_uuid: str) -> Checklist:
    """The stored checklist, its row locked until the commit and read as committed: the same
    checklist arriving on several connections at once is then compared with what the first of
    them stored, instead of each adding its accused or each trying to submit it. (PostgreSQL; SQLite
    writes one transaction at a time already.)"""
    return db.session.scalars(
        select(Checklist).where(Checklist.uuid == checklist_uuid).with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _insert_new(author: User, definition: Definition, court: Court, checklist_uuid: str, submitting: bool,
                document: dict, *, case_id: int | None = None) -> Checklist | None:
    """A checklist the server has not seen yet, the usual case when phones sync: its rows are
    inserted in their final state with one statement per table, without the unit of work's
    bookkeeping or the conditional updates that guard stored checklists. None when the uuid is
    already stored (a retry, or another delivery of the same checklist that got there first)."""
    now = utcnow()
    status = review.SUBMITTED_ON_ARRIVAL if submitting else ChecklistStatus.DRAFT.value
    revision = revisions.FIRST if submitting else 0
    hearing = document["hearing"]
    columns = {
        "uuid": checklist_uuid, "definition_key": definition.key, "definition_version": definition.version,
        "court_id": court.id, "monitor_id": author.id, "status": status, "hearing_date": _hearing_date(hearing),
        "answers": dict(hearing), "content_hash": content_hash(definition.key, definition.version, court.key, status, document),
        "created_at": now, "updated_at": now, "submitted_at": now if submitting else None, "revision": revision,
        "case_id": case_id,
    }
    connection = db.session.connection()
    checklist_id = connection.execute(insert_unless_stored(Checklist, "uuid").returning(Checklist.id), columns).scalar()
    if checklist_id is None:
        return None
    accused = _insert_accused(connection, checklist_id, document["accused"])
    if submitting:
        connection.execute(insert(ReviewAction.__table__),
                           review.history_row(checklist_id, review.SUBMIT, ChecklistStatus.DRAFT.value, author, revision))
        connection.execute(insert(ChecklistRevision.__table__),
                           revisions.revision_row(checklist_id, definition, author, RevisionKind.SUBMISSION, document, 0))
        audit.record_at_once(AuditEventType.SUBMISSION, author, ("checklist", checklist_uuid),
                             _submission_details(revision, resubmission=False))
    checklist = _as_loaded(Checklist(id=checklist_id, court=court, monitor=author, **columns))
    set_committed_value(checklist, "accused", accused)
    db.session.add(checklist)
    return checklist


def _insert_accused(connection, checklist_id: int, accused_documents: list[dict]) -> list[Accused]:
    """Insert the accused rows and their annexes; return them as loaded objects."""
    if not accused_documents:
        return []
    split = [_split_accused(accused) for accused in accused_documents]
    accused_rows = [{"checklist_id": checklist_id, "position": position, "answers": own}
                    for position, (own, _) in enumerate(split)]
    accused_ids = _insert_returning_ids(connection, Accused, accused_rows)
    annex_rows = [{"accused_id": accused_id, "checklist_id": checklist_id, "answers": annex}
                  for accused_id, (_, annex) in zip(accused_ids, split) if annex is not None]
    annexes = {row["accused_id"]: _as_loaded(JuvenileAnnex(id=annex_id, **row))
               for annex_id, row in zip(_insert_returning_ids(connection, JuvenileAnnex, annex_rows), annex_rows)}
    accused = []
    for accused_id, row in zip(accused_ids, accused_rows):
        loaded = _as_loaded(Accused(id=accused_id, **row))
        set_committed_value(loaded, "juvenile", annexes.get(accused_id))
        accused.append(loaded)
    return accused


def _insert_returning_ids(connection, model, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    table = model.__table__
    return connection.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()


def _as_loaded(instance):
    """A new object whose row was just inserted, made to look as if it had been read back: in the
    session after `add`, with its attributes known and nothing left to flush."""
    make_transient_to_detached(instance)
    return instance


def _update(existing: Checklist, author: User, definition: Definition, court: Court, submitting: bool,
            document: dict, incoming_hash: str, base: tuple[int | None, str | None]) -> bool:
    """Replace a stored checklist's answers from its device; False when there is nothing to change."""
    if existing.monitor_id != author.id:
        raise ChecklistConflict(say("A checklist with this uuid was filed by someone else."))
    if existing.content_hash == incoming_hash:
        return False
    if not existing.is_editable_by_monitor:
        if submitting and _is_retried_submission(existing, author, document):
            return False
        raise ChecklistConflict(say("This checklist was already submitted with different answers."))
    _refuse_stale(existing, *base)
    if (existing.definition_key, existing.definition_version) != (definition.key, definition.version):
        raise ChecklistConflict(say("This checklist was started with another checklist version."))
    existing.court = court
    if submitting:
        try:
            _submit(existing, document)
        except review.TransitionRefused as refused:
            raise ChecklistConflict(str(refused)) from None
    else:
        store_document(existing, document)
    return True


def _refuse_stale(existing: Checklist, base_revision: int | None, base_hash: str | None) -> None:
    if base_revision is not None and base_revision != existing.revision:
        raise ChecklistStale(say(
            "This checklist changed on the server (now revision %(latest)s; your copy started from revision %(base)s). "
            "Review the differences before sending it again.", latest=existing.revision, base=base_revision))
    if base_hash is not None and base_hash != existing.content_hash:
        raise ChecklistStale(say("This checklist changed on the server since this device last sent it (on another "
                                 "device or by a manager). Review the differences before sending it again."))


def _is_retried_submission(checklist: Checklist, author: User, document: dict) -> bool:
    """A phone resending what its monitor submitted, after a manager reviewed or corrected it."""
    previous = revisions.last_submitted_by(checklist, author)
    return previous is not None and previous.document == document
