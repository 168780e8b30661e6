"""A manager's changes to cases: moving a hearing to another case and merging two cases (the same
trial opened twice, by two monitors or offline). Each is written to the audit log."""
from sqlalchemy import func, select, update

from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.models import Accused, AuditEventType, Case, CaseAccused, CaseStatus, Checklist, User
from monitor.models.timestamps import utcnow
from monitor.services import audit, cases


class CaseChangeRefused(Exception):
    """The change cannot be made, with a message saying why."""


def move_checklist(actor: User | None, checklist: Checklist, case: Case) -> None:
    """Make the checklist a hearing of `case` (of the case it was merged into); committed."""
    case = cases.surviving(case)
    previous = db.session.get(Case, checklist.case_id) if checklist.case_id is not None else None
    if previous is not None and previous.id == case.id:
        raise CaseChangeRefused(say("This checklist is already a hearing of case %(code)s.", code=case.code))
    _ensure_accused(case, len(checklist.accused))
    cases.name_case(checklist, case)
    audit.record(AuditEventType.CASE_CHANGE, actor, checklist, {
        "action": "move", "from": previous.code if previous is not None else None, "to": case.code})
    db.session.commit()


def merge_cases(actor: User | None, kept: Case, absorbed: Case) -> int:
    """Move every hearing of `absorbed` to `kept`, which also takes its offence categories and any
    accused it lacks; `absorbed` stays as a pointer to `kept` (closed). Committed; returns the
    number of hearings moved."""
    if kept.id == absorbed.id:
        raise CaseChangeRefused(say("A case cannot be merged into itself."))
    for case in (kept, absorbed):
        if case.merged_into_id is not None:
            raise CaseChangeRefused(say("Case %(code)s was already merged into another case.", code=case.code))
    moved = db.session.execute(update(Checklist.__table__).where(Checklist.__table__.c.case_id == absorbed.id)
                               .values(case_id=kept.id)).rowcount
    _ensure_accused(kept, max(len(absorbed.accused), _most_accused_in_a_hearing(kept)))
    kept.offence_categories = list(kept.offence_categories) + [
        key for key in absorbed.offence_categories if key not in kept.offence_categories]
    kept.updated_at = absorbed.updated_at = utcnow()
    absorbed.merged_into_id = kept.id
    absorbed.status = CaseStatus.CLOSED.value
    audit.record(AuditEventType.CASE_CHANGE, actor, ("case", kept.code), {
        "action": "merge", "absorbed": absorbed.code, "hearings_moved": moved})
    db.session.commit()
    db.session.expire_all()
    return moved


def _most_accused_in_a_hearing(case: Case) -> int:
    counts = db.session.scalars(select(func.count(Accused.id)).join(Checklist, Accused.checklist_id == Checklist.id)
                                .where(Checklist.case_id == case.id).group_by(Checklist.id)).all()
    return max(counts, default=0)


def _ensure_accused(case: Case, count: int) -> None:
    """Give the case accused codes up to `count` (a hearing with more accused than the case knew)."""
    known = db.session.scalar(select(func.count()).where(CaseAccused.case_id == case.id))
    if count > known:
        cases.insert_accused(case.id, known, count)
        db.session.expire(case, ["accused"])
