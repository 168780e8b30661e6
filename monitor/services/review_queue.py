"""The review queue: what waits for a manager (oldest first), how many checklists are in each state,
and approving several at once, each with its own audit event, skipping what cannot be approved."""
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from monitor.checklists.wording import say
from monitor.extensions import db
from monitor.models import Checklist, ChecklistStatus, User
from monitor.services import four_eyes
from monitor.services import review as workflow
from monitor.services.checklist_filters import REVIEWABLE_STATES, ChecklistFilter

#: What the queue opens on: checklists submitted or resubmitted by a monitor, not yet decided.
WAITING = ChecklistStatus.SUBMITTED.value
#: The most checklists one bulk approval takes (a page of the queue is 25).
BULK_LIMIT = 200


def queue_query(checklist_filter: ChecklistFilter):
    """The checklists of the filter: oldest submission first when only waiting ones are shown (first
    come, first reviewed), newest first otherwise."""
    query = checklist_filter.apply(select(Checklist).options(
        selectinload(Checklist.court), selectinload(Checklist.monitor), selectinload(Checklist.accused)))
    if checklist_filter.states == (WAITING,):
        return query.order_by(Checklist.submitted_at.asc().nulls_last(), Checklist.id)
    return query.order_by(Checklist.submitted_at.desc().nulls_last(), Checklist.id.desc())


def newest_first(checklist_filter: ChecklistFilter):
    """The checklists of the filter, the latest submitted first (the API's list, whatever the states)."""
    return checklist_filter.apply(select(Checklist)).order_by(Checklist.submitted_at.desc().nulls_last(),
                                                              Checklist.id.desc())


def state_counts(checklist_filter: ChecklistFilter) -> dict[str, int]:
    """How many checklists of the filter (its state aside) are in each reviewable state, in one query."""
    every_state = replace(checklist_filter, states=REVIEWABLE_STATES)
    query = every_state.apply(select(Checklist.status, func.count()).select_from(Checklist)).group_by(Checklist.status)
    counts = dict(db.session.execute(query).all())
    return {state: counts.get(state, 0) for state in REVIEWABLE_STATES}


@dataclass
class Selection:
    """Checklists picked for approval, split into those that can be approved and those skipped (with why)."""

    approvable: list[tuple[Checklist, int]] = field(default_factory=list)
    skipped: list[tuple[Checklist | None, str]] = field(default_factory=list)


def parse_picks(values: list[str]) -> list[tuple[str, int]]:
    """Form values "uuid:revision" (the revision the manager saw in the queue); malformed ones dropped."""
    picks = []
    for value in values[:BULK_LIMIT]:
        checklist_uuid, _, revision = value.partition(":")
        if checklist_uuid and revision.isdigit() and len(revision) < 10:
            picks.append((checklist_uuid, int(revision)))
    return picks


def select_for_approval(picks: list[tuple[str, int]], actor: User) -> Selection:
    """Sort the picks: skipped are the actor's own (four eyes), those no longer waiting, and those
    changed since the queue was shown (stale: approving them would approve answers nobody saw)."""
    found = {c.uuid: c for c in db.session.scalars(select(Checklist).options(selectinload(Checklist.court)).where(
        Checklist.uuid.in_([checklist_uuid for checklist_uuid, _ in picks])))}
    selection = Selection()
    for checklist_uuid, revision in picks:
        checklist = found.get(checklist_uuid)
        if checklist is None:
            selection.skipped.append((None, say("no such checklist")))
        elif four_eyes.blocks(checklist, actor):
            selection.skipped.append((checklist, say("you filed it yourself (four eyes)")))
        elif checklist.status != WAITING:
            selection.skipped.append((checklist, say("it is no longer waiting for review")))
        elif checklist.revision != revision:
            selection.skipped.append((checklist, say("it was changed since the queue was shown")))
        else:
            selection.approvable.append((checklist, revision))
    return selection


def approve_selected(picks: list[tuple[str, int]], actor: User) -> Selection:
    """Approve every approvable pick, each in its own transaction with its own audit event; a pick a
    colleague decided or corrected meanwhile is skipped too (the compare-and-set refuses it)."""
    selection = select_for_approval(picks, actor)
    done = Selection(skipped=list(selection.skipped))
    for checklist, revision in selection.approvable:
        try:
            workflow.review_checklist(checklist, workflow.APPROVE, actor, revision=revision)
        except workflow.TransitionRefused as refused:
            done.skipped.append((checklist, str(refused)))
        else:
            done.approvable.append((checklist, revision))
    return done
