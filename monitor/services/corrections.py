"""Managers correcting the answers of a submitted or approved checklist, with a revision per save.

The corrected document goes through the same normalisation and validation as a monitor's
submission (`monitor.checklists.answers`), so a correction can never store what a monitor could
not have submitted."""
from dataclasses import dataclass
from datetime import date

from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.labels import status_label
from monitor.models import AuditEventType, Checklist, ChecklistRevision, RevisionKind, User
from monitor.models.checklists import CORRECTABLE
from monitor.services import audit, four_eyes, revisions
from monitor.services.checklists import ChecklistInvalid, ChecklistLocked, document_of, prepare, prepare_document, store_document
from monitor.services.definitions import definition_of

COMMENT_MAX_LENGTH = 2000


class NothingChanged(Exception):
    """The save changed no answer, so no revision was made."""


def reason_missing() -> ChecklistInvalid:
    """A correction without a reason: the history and the audit log must say why answers changed."""
    return ChecklistInvalid({"comment": say("Say why these answers are corrected; the history and the audit log keep "
                                            "the reason.")})


def not_correctable_message(checklist: Checklist) -> str:
    return say("This checklist is %(status)s; only submitted or approved checklists can be corrected.",
               status=status_label(checklist.status))


@dataclass
class Correction:
    revision: ChecklistRevision
    #: Answers the rules removed from the corrected document, path -> why.
    ignored: dict[str, str]


def correct_checklist(checklist: Checklist, editor: User, document: dict, base_revision: int, comment: str,
                      *, today: date | None = None, sent: bool = False, commit: bool = True) -> Correction:
    """Replace the answers with `document`, based on revision `base_revision`.

    Raises StaleRevision if another save came first, ChecklistInvalid with problems by path (or
    at `comment` when no reason is given),
    ChecklistLocked if the checklist is not correctable, NothingChanged if no answer differs.
    `sent` as in `prepare` (a whole document from an API client); `commit=False` leaves the
    transaction open for the caller to write its answer first."""
    if not checklist.is_correctable:
        raise ChecklistLocked(not_correctable_message(checklist))
    if four_eyes.blocks(checklist, editor):
        raise ChecklistLocked(four_eyes.refusal(four_eyes.CORRECT))
    comment = (comment or "").strip()[:COMMENT_MAX_LENGTH]
    if base_revision != checklist.revision:
        raise revisions.StaleRevision(base_revision, revisions.latest_revision(checklist))
    definition = definition_of(checklist)
    try:
        prepared = prepare(definition, document, submitting=True, today=today or date.today(), sent=sent)
    except ChecklistInvalid as invalid:
        raise ChecklistInvalid(invalid.problems | (reason_missing().problems if not comment else {})) from None
    if not comment:
        raise reason_missing()
    document = prepared.document
    if document == prepare_document(definition, document_of(checklist), submitting=False, today=today or date.today()):
        raise NothingChanged(say("No answer was changed, so nothing was saved."))
    try:
        revision = revisions.record_revision(checklist, editor, RevisionKind.CORRECTION, document, base_revision, comment,
                                             statuses=CORRECTABLE)
    except revisions.StatusChanged:
        raise ChecklistLocked(not_correctable_message(checklist)) from None
    store_document(checklist, document)
    audit.record(AuditEventType.CORRECTION, editor, checklist, {
        "revision": revision.number, "base": base_revision, "comment": comment,
        "changed": [change["path"] for change in revision.changes],
    })
    if commit:
        db.session.commit()
    return Correction(revision, prepared.ignored)
