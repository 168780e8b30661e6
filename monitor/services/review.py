"""The review workflow: which moves between checklist states are allowed, and making them.

    draft ──submit──▶ submitted ──approve──▶ approved
                         │  ▲                   │
                    return  submit (monitor)    return
                         ▼  │                   │
                       returned ◀───────────────┘
    submitted, returned, approved ──reject──▶ rejected (kept, never counted)

This module is the only place that changes `Checklist.status` after creation; the phone pages, the
review pages, the API and the CLI all come here. A move is written with a conditional UPDATE on
the state it starts from and the revision it was decided on (compare-and-set), so two people acting
at once cannot both succeed, and no decision lands on answers its author never saw."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import desc, select, update

from monitor.checklists.wording import say

from monitor.extensions import db
from monitor.labels import status_label
from monitor.models import AuditEventType, Checklist, ChecklistStatus, ReviewAction, User
from monitor.models.timestamps import utcnow
from monitor.services import audit, four_eyes

S = ChecklistStatus

SUBMIT = "submit"
APPROVE = "approve"
RETURN = "return"
REJECT = "reject"
#: Actions a manager takes; `submit` is the monitor's.
REVIEW_ACTIONS = (APPROVE, RETURN, REJECT)


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    #: Returning and rejecting must say why: the monitor reads it, and the record keeps it.
    comment_required: bool = False


TRANSITIONS = {
    SUBMIT: Transition((S.DRAFT.value, S.RETURNED.value), S.SUBMITTED.value),
    APPROVE: Transition((S.SUBMITTED.value,), S.APPROVED.value),
    RETURN: Transition((S.SUBMITTED.value, S.APPROVED.value), S.RETURNED.value, comment_required=True),
    REJECT: Transition((S.SUBMITTED.value, S.RETURNED.value, S.APPROVED.value), S.REJECTED.value, comment_required=True),
}

#: What a button says for each action (and refusals name it).
ACTION_LABELS = {SUBMIT: _l("Submit"), APPROVE: _l("Approve"), RETURN: _l("Return to monitor"), REJECT: _l("Reject")}
COMMENT_MAX_LENGTH = 2000


class ReviewInvalid(Exception):
    """The request itself is wrong (unknown action, missing comment), with problems by field."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems.items()))


class TransitionRefused(Exception):
    """The checklist is not (or no longer) in a state that allows the action."""


class StaleReview(TransitionRefused):
    """The reviewer looked at an older revision than the one now stored."""


def allowed_review_actions(checklist: Checklist, actor: User | None = None) -> list[str]:
    """The decisions `actor` may take now: never approving their own checklist (four eyes)."""
    return [action for action in REVIEW_ACTIONS if checklist.status in TRANSITIONS[action].sources
            and not (action == APPROVE and actor is not None and four_eyes.blocks(checklist, actor))]


def move(checklist: Checklist, action: str, actor: User, comment: str = "", revision: int | None = None,
         item_comments: dict[str, str] | None = None) -> ReviewAction:
    """Change the state for `action` if the checklist is still in the state it starts from and at
    `revision` (default: the revision loaded). Raises TransitionRefused or StaleReview. Not committed."""
    transition = TRANSITIONS[action]
    source = checklist.status
    expected = checklist.revision if revision is None else revision
    if source not in transition.sources:
        raise TransitionRefused(_refusal(action, source))
    db.session.flush()  # a checklist received and submitted at once needs its id
    result = db.session.execute(
        update(Checklist)
        .where(Checklist.id == checklist.id, Checklist.status == source, Checklist.revision == expected)
        .values(status=transition.target, updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    if result.rowcount != 1:
        db.session.rollback()
        db.session.refresh(checklist)
        if checklist.status != source:
            raise TransitionRefused(say("Someone else changed this checklist meanwhile; it is now %(status)s.",
                                        status=status_label(checklist.status)))
        raise _stale(expected, checklist.revision)
    checklist.status = transition.target
    row = ReviewAction(**history_row(checklist.id, action, source, actor, expected, comment, item_comments))
    db.session.add(row)
    return row


#: The state a checklist is created in when the server first receives it already submitted.
SUBMITTED_ON_ARRIVAL = TRANSITIONS[SUBMIT].target


def history_row(checklist_id: int, action: str, source: str, actor: User, revision: int, comment: str = "",
                item_comments: dict[str, str] | None = None) -> dict:
    """The values of one history row (a move from `source` by `action`): the only place they are
    filled, whether the row is added to the session or inserted with a new checklist."""
    return {"checklist_id": checklist_id, "action": action, "from_status": source,
            "to_status": TRANSITIONS[action].target, "actor_id": actor.id, "revision": revision, "comment": comment,
            "item_comments": item_comments or None}


def _stale(seen: int, latest: int) -> StaleReview:
    return StaleReview(say(
        "You looked at revision %(seen)s, but the checklist is now at revision %(latest)s. "
        "Look at the current answers, then decide again.", seen=seen, latest=latest,
    ))


def _refusal(action: str, status: str) -> str:
    if action == SUBMIT:
        return say("This checklist is %(status)s; only drafts and returned checklists can be submitted.",
                   status=status_label(status))
    return say("A checklist that is %(status)s cannot be given the action '%(action)s'.",
               status=status_label(status), action=str(ACTION_LABELS[action]))


def review_checklist(checklist: Checklist, action: str, actor: User, comment: str = "",
                     revision: int | None = None, *, item_comments: dict[str, str] | None = None,
                     commit: bool = True) -> ReviewAction:
    """A manager approves, returns or rejects a checklist; recorded in its history and the audit log.

    `item_comments` (returning or rejecting only) maps item paths ("accused[0].age_at_offence") to
    comments the monitor reads next to those items; empty ones are dropped.

    `revision`, when given, is the revision the manager looked at: if a correction was saved since,
    the decision is refused rather than applied to answers the manager has not seen. `commit=False`
    leaves the transaction open for the caller to write its answer first."""
    comment = (comment or "").strip()
    problems = {}
    if action not in REVIEW_ACTIONS:
        problems["action"] = say("must be one of: %(actions)s", actions=", ".join(REVIEW_ACTIONS))
    elif TRANSITIONS[action].comment_required and not comment:
        problems["comment"] = (say("Say why: the monitor reads this comment.") if action == RETURN
                               else say("Say why the checklist is rejected."))
    if len(comment) > COMMENT_MAX_LENGTH:
        problems["comment"] = say("must be at most %(count)s characters", count=COMMENT_MAX_LENGTH)
    item_comments = {path: (text or "").strip() for path, text in (item_comments or {}).items() if (text or "").strip()}
    if item_comments:
        problems |= item_comment_problems(checklist, action, item_comments)
    if problems:
        raise ReviewInvalid(problems)
    if action == APPROVE and four_eyes.blocks(checklist, actor):
        raise TransitionRefused(four_eyes.refusal(four_eyes.APPROVE))
    if revision is not None and revision != checklist.revision:
        raise _stale(revision, checklist.revision)
    row = move(checklist, action, actor, comment, revision, item_comments)
    details = {"action": action, "from": row.from_status, "to": row.to_status, "revision": row.revision, "comment": comment}
    if item_comments:
        details["item_comments"] = item_comments
    audit.record(AuditEventType.REVIEW, actor, checklist, details)
    if commit:
        db.session.commit()
    return row


#: At most this many item comments on one decision.
ITEM_COMMENTS_MAX = 200


def item_comment_problems(checklist: Checklist, action: str, item_comments: dict[str, str]) -> dict[str, str]:
    """Problems by field: item comments go with a return or a rejection, each on an item the
    checklist's definition has (in a block the document has), none longer than a comment may be."""
    from monitor.services.checklists import document_of
    from monitor.services.definitions import definition_of

    if action not in (RETURN, REJECT):
        return {"item_comments": say("Comments on items go with returning or rejecting a checklist.")}
    if len(item_comments) > ITEM_COMMENTS_MAX:
        return {"item_comments": say("must be at most %(count)s comments", count=ITEM_COMMENTS_MAX)}
    definition, document = definition_of(checklist), document_of(checklist)
    problems = {}
    for path, text in item_comments.items():
        if not is_item_path(definition, document, path):
            problems[f"item_comments.{path[:200]}"] = say("is not an item of this checklist")
        elif len(text) > COMMENT_MAX_LENGTH:
            problems[f"item_comments.{path[:200]}"] = say("must be at most %(count)s characters", count=COMMENT_MAX_LENGTH)
    return problems


def is_item_path(definition, document: dict, path: str) -> bool:
    """`hearing.KEY`, `accused[I].KEY` or `accused[I].juvenile.KEY` naming an item of `definition`
    in a block `document` has."""
    prefix, _, key = path.rpartition(".")
    if prefix == "hearing":
        return key in {item.key for item in definition.hearing.items}
    annex = prefix.endswith(".juvenile")
    head = prefix.removesuffix(".juvenile")
    if not (head.startswith("accused[") and head.endswith("]") and head[8:-1].isdigit() and len(head) < 20):
        return False
    index = int(head[8:-1])
    accused = document.get("accused", [])
    if index >= len(accused):
        return False
    if annex:
        return bool(accused[index].get("juvenile")) and key in {item.key for item in definition.juvenile.items}
    return key in {item.key for item in definition.accused.items}


def item_comments_for_monitor(checklist: Checklist, decision: ReviewAction | None) -> dict[str, str]:
    """The comments on single items the monitor should see: those of the return they are answering."""
    if decision is None or checklist.status != S.RETURNED.value or not decision.item_comments:
        return {}
    return dict(decision.item_comments)


def history(checklist: Checklist) -> list[ReviewAction]:
    """Submissions and decisions, oldest first."""
    return db.session.scalars(
        select(ReviewAction).where(ReviewAction.checklist_id == checklist.id).order_by(ReviewAction.created_at, ReviewAction.id)
    ).all()


def latest_decisions(checklist_ids: list[int]) -> dict[int, ReviewAction]:
    """The last manager decision of each checklist that has one, in one query (a page of a list)."""
    if not checklist_ids:
        return {}
    rows = db.session.scalars(
        select(ReviewAction)
        .where(ReviewAction.checklist_id.in_(checklist_ids), ReviewAction.action.in_(REVIEW_ACTIONS))
        .order_by(ReviewAction.created_at, ReviewAction.id)
    ).all()
    return {row.checklist_id: row for row in rows}  # the latest of each wins


def latest_decision(checklist: Checklist) -> ReviewAction | None:
    """The last manager decision (approve, return, reject), e.g. the comment a returned checklist shows."""
    return db.session.scalar(
        select(ReviewAction)
        .where(ReviewAction.checklist_id == checklist.id, ReviewAction.action.in_(REVIEW_ACTIONS))
        .order_by(desc(ReviewAction.created_at), desc(ReviewAction.id))
        .limit(1)
    )
