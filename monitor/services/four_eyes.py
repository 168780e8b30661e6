"""Four eyes: nobody approves or corrects a checklist they filed themselves (setting MONITOR_FOUR_EYES,
on unless turned off), so every approved answer has been seen by a second person."""
from flask import current_app

from monitor.checklists.wording import say
from monitor.models import Checklist, User

APPROVE = "approve"
CORRECT = "correct"


#: Values of MONITOR_FOUR_EYES that turn it off (the environment gives text).
OFF = ("off", "false", "0", "no")


def enforced() -> bool:
    value = current_app.config["FOUR_EYES"]
    if isinstance(value, str):
        return value.strip().lower() not in OFF
    return bool(value)


def blocks(checklist: Checklist, actor: User) -> bool:
    """True when `actor` filed `checklist` and four eyes is on: they may not approve or correct it."""
    return enforced() and actor is not None and checklist.monitor_id == actor.id


def refusal(action: str) -> str:
    """Why the page offers no Approve (or Correct) button, and who can."""
    if action == CORRECT:
        return say("You filed this checklist yourself, so you cannot correct it: another manager or an "
                   "administrator can (four eyes).")
    return say("You filed this checklist yourself, so you cannot approve it: another manager or an "
               "administrator can (four eyes).")
