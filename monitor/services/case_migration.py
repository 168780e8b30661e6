"""Giving checklists filed before cases existed a case: each becomes a case of one hearing, or
checklists with the same court and case reference are gathered into one case, as the manager
chooses (`flask cases migrate`). Checklists that already name a case are left as they are."""
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from monitor.extensions import db
from monitor.models import AuditEventType, Case, CaseStatus, Checklist, User
from monitor.services import audit, cases

#: The hearing item holding the court's case number (private: it is only compared here).
CASE_REFERENCE = "case_reference"


@dataclass
class Migrated:
    cases_opened: int
    checklists_named: int
    #: Checklists that joined a case an earlier run had opened for the same court and reference.
    joined_existing: int = 0


def reference_key(checklist: Checklist) -> str | None:
    """The case reference as compared: case, spaces and a missing answer do not tell cases apart."""
    reference = (checklist.answers or {}).get(CASE_REFERENCE)
    if not isinstance(reference, str):
        return None
    reference = re.sub(r"\s+", "", reference).upper()
    return reference or None


def migrate_checklists(actor: User | None, *, group_by_reference: bool) -> Migrated:
    """Open a case for every checklist without one (or per court and case reference); committed."""
    unassigned = db.session.scalars(
        select(Checklist).where(Checklist.case_id.is_(None)).options(selectinload(Checklist.accused))
        .order_by(Checklist.hearing_date.is_(None), Checklist.hearing_date, Checklist.id)
    ).all()
    groups: dict[tuple[int, str] | int, list[Checklist]] = {}
    for checklist in unassigned:
        reference = reference_key(checklist) if group_by_reference else None
        groups.setdefault((checklist.court_id, reference) if reference else checklist.id, []).append(checklist)
    existing = _existing_cases_by_reference() if group_by_reference else {}
    result = Migrated(0, 0)
    for key, checklists in groups.items():
        case = existing.get(key)
        if case is None:
            case = _open_case_for(actor, checklists)
            result.cases_opened += 1
        else:
            result.joined_existing += len(checklists)
        for checklist in checklists:
            cases.name_case(checklist, case)
        result.checklists_named += len(checklists)
    audit.record(AuditEventType.CASE_CHANGE, actor, ("cases", "migrate"), {
        "group_by_reference": group_by_reference, "cases_opened": result.cases_opened,
        "checklists_named": result.checklists_named})
    db.session.commit()
    return result


def _existing_cases_by_reference() -> dict[tuple[int, str], Case]:
    """(court id, reference) -> the case its checklists already name, from an earlier run."""
    found = {}
    for checklist in db.session.scalars(select(Checklist).where(Checklist.case_id.is_not(None)).order_by(Checklist.id)):
        reference = reference_key(checklist)
        if reference and (checklist.court_id, reference) not in found:
            found[(checklist.court_id, reference)] = db.session.get(Case, checklist.case_id)
    return found


def _open_case_for(actor: User | None, checklists: list[Checklist]) -> Case:
    """A case for these checklists: their court (the first hearing's), the offence categories any of
    them names, as many accused as the most crowded one, and the status their facts show."""
    known = cases.offence_category_keys()
    named = {key for checklist in checklists for key in (checklist.answers or {}).get(cases.OFFENCE_CATEGORIES) or []
             if isinstance(key, str)}
    categories = [key for key in known if key in named]
    accused = max([1] + [len(checklist.accused) for checklist in checklists])
    facts = cases.case_facts([cases.hearing_of(c) for c in checklists if c.status in cases.COUNTED], [])
    status = (CaseStatus.APPEAL if facts.appeal_hearings else
              CaseStatus.VERDICT if any(a.verdict_date for a in facts.accused) else CaseStatus.ONGOING)
    return cases.open_case(actor, checklists[0].court, categories, min(accused, cases.MAX_ACCUSED),
                           status=status.value, commit=False).case
