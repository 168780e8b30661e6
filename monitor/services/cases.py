"""Cases followed across hearings: opening one (from a phone, offline too, or the CLI), finding
them, naming a checklist's case, and the facts a case's hearings tell together.

`_insert_case` is the one builder of `cases` and `case_accused` rows."""
import re
import uuid as uuid_module
from dataclasses import dataclass

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from monitor.checklists.wording import say
from monitor.database import insert_unless_stored
from monitor.extensions import db
from monitor.models import Case, CaseAccused, CaseStatus, Checklist, ChecklistStatus, Court, User
from monitor.models.timestamps import utcnow
from monitor.services.case_facts import CaseFacts, Hearing, case_facts
from monitor.services.definitions import current_definition

#: The checklist item whose choices are the offence categories a case may name.
OFFENCE_CATEGORIES = "offence_categories"
#: Checklists whose answers the case's facts are computed from: what a monitor has submitted
#: (drafts and returned checklists are unfinished; rejected ones never count).
COUNTED = (ChecklistStatus.SUBMITTED.value, ChecklistStatus.APPROVED.value)
#: The most accused a case can be opened with (a checklist's own bound applies to each hearing).
MAX_ACCUSED = 50
CODE_PREFIX = "C-"
STATUSES = tuple(status.value for status in CaseStatus)


class CaseInvalid(Exception):
    """What cannot be stored, by field."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{path}: {message}" for path, message in problems.items()))


class CaseConflict(Exception):
    """The same case uuid was already used for another case."""


@dataclass
class Opened:
    case: Case
    #: False when the uuid was already stored (a phone sending its offline case again).
    created: bool


def case_code(case_id: int) -> str:
    """The programme's code of the case with this id: short, stable, and nothing from the court."""
    return f"{CODE_PREFIX}{case_id:05d}"


def offence_category_keys() -> tuple[str, ...]:
    """The offence categories a case may name: the choices of the current checklist's item."""
    item = current_definition().items_by_key.get(OFFENCE_CATEGORIES)
    return item.answer_keys if item is not None else ()


def case_problems(offence_categories: list[str], accused_count: int, status: str) -> dict[str, str]:
    """What is wrong with a case's fields, by field (empty when it can be stored)."""
    problems = {}
    known = offence_category_keys()
    unknown = [key for key in offence_categories if key not in known]
    if unknown:
        problems[OFFENCE_CATEGORIES] = say("unknown offence categories: %(keys)s (choose from %(known)s)",
                                           keys=", ".join(unknown), known=", ".join(known))
    elif len(set(offence_categories)) != len(offence_categories):
        problems[OFFENCE_CATEGORIES] = say("name each offence category once")
    if not 1 <= accused_count <= MAX_ACCUSED:
        problems["accused"] = say("a case has from 1 to %(most)s accused", most=MAX_ACCUSED)
    if status not in STATUSES:
        problems["status"] = say("must be one of %(statuses)s", statuses=", ".join(STATUSES))
    return problems


def open_case(opener: User | None, court: Court, offence_categories: list[str], accused_count: int, *,
              case_uuid: str | None = None, status: str = CaseStatus.ONGOING.value, commit: bool = True) -> Opened:
    """A new case with accused A1..An, its code assigned here; idempotent on `case_uuid` (a phone
    that opened the case offline sends it again after a lost answer). Raises CaseInvalid."""
    problems = case_problems(offence_categories, accused_count, status)
    if problems:
        raise CaseInvalid(problems)
    case_uuid = case_uuid or str(uuid_module.uuid4())
    # Looked up first: PostgreSQL spends a sequence number on an insert that conflicts, and codes
    # are made from ids, so a phone's retry would leave a gap in them.
    case = find_case(case_uuid)
    created = case is None and _insert_case(opener, court, offence_categories, accused_count, case_uuid, status) is not None
    case = case or find_case(case_uuid)
    if not created and case.court_id != court.id:
        db.session.rollback()
        raise CaseConflict(say("A case with this uuid was already opened at another court."))
    if commit:
        db.session.commit()
    return Opened(case, created)


def _insert_case(opener: User | None, court: Court, offence_categories: list[str], accused_count: int,
                 case_uuid: str, status: str) -> int | None:
    """The one builder of `cases` rows: insert the case, give it its code, and insert its accused;
    None when the uuid is stored."""
    now = utcnow()
    connection = db.session.connection()
    case_id = connection.execute(insert_unless_stored(Case, "uuid").returning(Case.id), {
        "uuid": case_uuid, "code": None, "court_id": court.id, "offence_categories": list(offence_categories),
        "status": status, "opened_by_id": opener.id if opener is not None else None, "created_at": now, "updated_at": now,
    }).scalar()
    if case_id is None:
        return None
    connection.execute(update(Case.__table__).where(Case.__table__.c.id == case_id).values(code=case_code(case_id)))
    insert_accused(case_id, 0, accused_count)
    return case_id


def insert_accused(case_id: int, first_position: int, count: int) -> None:
    """The one builder of `case_accused` rows: codes A<n> for positions `first_position` to `count - 1`."""
    rows = [{"case_id": case_id, "code": f"A{position + 1}", "position": position}
            for position in range(first_position, count)]
    if rows:
        db.session.connection().execute(insert(CaseAccused.__table__), rows)


def find_case(case_uuid: str) -> Case | None:
    """The case with this uuid; for a merged case, the case it was merged into (a phone may still
    name the old one)."""
    case = db.session.scalars(
        select(Case).where(Case.uuid == case_uuid).options(selectinload(Case.accused))
        .execution_options(populate_existing=True)
    ).one_or_none()
    return surviving(case) if case is not None else None


def surviving(case: Case) -> Case:
    """The case itself, or the case it was merged into (following merges of merges)."""
    seen = {case.id}
    while case.merged_into_id is not None and case.merged_into_id not in seen:
        seen.add(case.merged_into_id)
        case = db.session.get(Case, case.merged_into_id)
    return case


def case_by_code(code: str) -> Case | None:
    """The case with this code, merged or not (the case page of a merged case says where it went)."""
    return db.session.scalar(select(Case).where(Case.code == code.strip().upper()))


def search_cases(text: str | None = None, court: Court | None = None, limit: int = 50) -> list[Case]:
    """Cases whose code contains `text` (or all), at `court` (or any), the most recently changed
    first; merged cases are left out (their hearings are in the case they were merged into)."""
    query = select(Case).where(Case.merged_into_id.is_(None)).options(selectinload(Case.accused), selectinload(Case.court))
    if text:
        digits = re.sub(r"\D", "", text)
        wanted = [Case.code.contains(text.strip().upper(), autoescape=True)]
        if digits:
            wanted.append(Case.code.contains(digits, autoescape=True))
        query = query.where(or_(*wanted))
    if court is not None:
        query = query.where(Case.court_id == court.id)
    return db.session.scalars(query.order_by(Case.updated_at.desc(), Case.id.desc()).limit(limit)).all()


def case_of(checklist: Checklist) -> Case | None:
    """The case the checklist names, or None."""
    return db.session.get(Case, checklist.case_id) if checklist.case_id is not None else None


def case_uuid_of(checklist: Checklist) -> str | None:
    """The uuid of the case the checklist names, or None."""
    if checklist.case_id is None:
        return None
    return db.session.scalar(select(Case.uuid).where(Case.id == checklist.case_id))


def hearing_counts(cases: list[Case]) -> dict[int, int]:
    """Case id -> number of checklists naming it (any status), in one query."""
    if not cases:
        return {}
    rows = db.session.execute(select(Checklist.case_id, func.count()).where(
        Checklist.case_id.in_([case.id for case in cases])).group_by(Checklist.case_id))
    return {case_id: count for case_id, count in rows}


def checklists_of_case(case: Case) -> list[Checklist]:
    """Every checklist naming the case, by hearing date, with their accused."""
    return db.session.scalars(
        select(Checklist).where(Checklist.case_id == case.id)
        .options(selectinload(Checklist.accused), selectinload(Checklist.court))
        .order_by(Checklist.hearing_date.is_(None), Checklist.hearing_date, Checklist.id)
    ).all()


def name_case(checklist: Checklist, case: Case) -> None:
    """Record that the checklist is a hearing of `case`. Not committed."""
    db.session.execute(update(Checklist.__table__).where(Checklist.__table__.c.id == checklist.id).values(case_id=case.id))
    set_committed_value(checklist, "case_id", case.id)
    db.session.execute(update(Case.__table__).where(Case.__table__.c.id == case.id).values(updated_at=utcnow()))


def same_hearing_twice(checklists: list[Checklist]) -> dict:
    """Hearing date -> the case's checklists of that date, where there are several (two monitors in
    the gallery, or a resend under a new uuid); rejected checklists are left out."""
    by_date: dict = {}
    for checklist in checklists:
        if checklist.hearing_date is not None and checklist.status != ChecklistStatus.REJECTED.value:
            by_date.setdefault(checklist.hearing_date, []).append(checklist)
    return {hearing_date: found for hearing_date, found in by_date.items() if len(found) > 1}


def hearing_of(checklist: Checklist) -> Hearing:
    """A checklist as the case's facts read it."""
    return Hearing(checklist.uuid, checklist.hearing_date, dict(checklist.answers or {}),
                   tuple(dict(accused.answers or {}) for accused in checklist.accused))


def facts_of(case: Case, checklists: list[Checklist] | None = None) -> CaseFacts:
    """The case's derived facts, from its submitted and approved checklists."""
    checklists = checklists_of_case(case) if checklists is None else checklists
    counted = [hearing_of(checklist) for checklist in checklists if checklist.status in COUNTED]
    return case_facts(counted, [accused.code for accused in case.accused])
