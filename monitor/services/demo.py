"""Synthetic demo data: courts, demo accounts and realistic checklists, reproducible by seed.

Answers are drawn item by item from the definition (so a new item is filled without code
changes), with dates drawn to tell a coherent story: offence, then arrest, then hearing. Answers
that break a definition's own checks are repaired by trying the item's other answers. Every name
is invented; none belongs to a real person."""
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from monitor.checklists import answers
from monitor.checklists.definition import Definition, Item
from monitor.extensions import db
from monitor.models import Court, Role, User

DEMO_COURTS = [
    ("pp_first_instance", "Phnom Penh Court of First Instance", "សាលាដំបូងរាជធានីភ្នំពេញ"),
    ("appeal", "Court of Appeal", "សាលាឧទ្ធរណ៍"),
    ("supreme", "Supreme Court", "តុលាការកំពូល"),
    ("kandal", "Kandal Provincial Court", "សាលាដំបូងខេត្តកណ្ដាល"),
    ("siem_reap", "Siem Reap Provincial Court", "សាលាដំបូងខេត្តសៀមរាប"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: Role
    password: str


DEMO_ACCOUNTS = [
    DemoAccount("monitor", "Demo Monitor", Role.MONITOR, "monitor-demo-1"),
    DemoAccount("monitor2", "Second Demo Monitor", Role.MONITOR, "monitor-demo-2"),
    DemoAccount("manager", "Demo Programme Manager", Role.MANAGER, "manager-demo-1"),
    DemoAccount("admin", "Demo Administrator", Role.ADMIN, "admin-demo-1"),
]

#: How often each yes/no answer is drawn: mostly observed, some unknown, N/A where allowed.
YESNO_WEIGHTS = {"yes": 0.6, "no": 0.27, "unknown": 0.1, "na": 0.03}
#: Observations a monitor might write (multi-line text items): invented, naming no one.
DEMO_OBSERVATIONS = (
    "The hearing started an hour late. The public seats were full and two relatives waited outside.",
    "The judge spoke quickly and the accused asked twice for a question to be repeated.\n"
    "The lawyer arrived after the charges were read.",
    "The accused was brought in handcuffs, which were removed only after the judge asked.",
    "Most of the hearing could not be heard from the public seats: the microphone did not work.",
)
#: Answers drawn as a programme sees them, where an even draw would mislead: most monitored
#: hearings are first-instance trials (statistics such as pretrial detention count those only).
CHOICE_WEIGHTS = {
    "stage": {"first_instance": 0.75, "appeal": 0.2, "supreme_court": 0.05},
    "hearing_type": {"trial": 0.65, "verdict_announcement": 0.2, "other": 0.15},
}
#: Share of multi-line text items (observations) the demo fills in.
OBSERVATION_SHARE = 0.3


def ensure_courts() -> list[Court]:
    existing = {c.key: c for c in db.session.scalars(select(Court))}
    for key, name, name_km in DEMO_COURTS:
        if key not in existing:
            existing[key] = Court(key=key, name=name, name_km=name_km)
            db.session.add(existing[key])
    db.session.commit()
    return [existing[key] for key, _name, _name_km in DEMO_COURTS]


def ensure_accounts() -> list[User]:
    users = []
    for account in DEMO_ACCOUNTS:
        user = db.session.scalar(select(User).where(User.username == account.username))
        if user is None:
            user = User(username=account.username, display_name=account.display_name, role=account.role.value)
            user.set_password(account.password)
            db.session.add(user)
        users.append(user)
    db.session.commit()
    return users


def _random_answer(item: Item, rng: random.Random):
    if item.type == "yesno":
        keys = list(item.answer_keys)
        return rng.choices(keys, weights=[YESNO_WEIGHTS[k] for k in keys])[0]
    if item.type == "choice":
        weights = CHOICE_WEIGHTS.get(item.key)
        if weights and set(weights) == set(item.answer_keys):
            return rng.choices(list(weights), weights=list(weights.values()))[0]
        return rng.choice(item.answer_keys)
    if item.type == "multichoice":
        return rng.sample(list(item.answer_keys), k=rng.choice([1, 1, 1, 2]))
    if item.type == "integer":
        low = item.min if item.min is not None else 0
        high = min(item.max if item.max is not None else 60, low + 60)
        return rng.randint(low, high)
    if item.type == "time":
        return f"{rng.randint(8, 11):02d}:{rng.choice(['00', '15', '30', '45'])}"
    if item.type == "text" and item.multiline and rng.random() < OBSERVATION_SHARE:
        return rng.choice(DEMO_OBSERVATIONS)
    return None  # dates are drawn by the story; other free text (case references) is never invented


def _fill(block, target: dict, rng: random.Random) -> None:
    for item in block.items:
        if item.key not in target and item.compute is None:
            value = _random_answer(item, rng)
            if value is not None and (item.required or rng.random() < 0.9):
                target[item.key] = value


def _dates_for_accused(hearing_date: date, rng: random.Random) -> dict:
    offence = hearing_date - timedelta(days=rng.randint(60, 700))
    arrest = offence + timedelta(days=rng.randint(0, 30))
    age = rng.choices([rng.randint(12, 13), rng.randint(14, 17), rng.randint(18, 60)], weights=[0.01, 0.07, 0.92])[0]
    birth = offence - timedelta(days=age * 365 + age // 4 + rng.randint(0, 364))
    dates = {"offence_date": offence.isoformat(), "date_of_arrest": arrest.isoformat()}
    if age < 18 or rng.random() < 0.6:
        dates["date_of_birth"] = birth.isoformat()
    elif rng.random() < 0.05:
        # No age stated, but the accused says (or looks) under 18: a possible juvenile.
        dates["claimed_minor"] = "yes"
        return dates
    else:
        dates["age_at_offence"] = age
    # Asked of adults and of accused without an age: most are plainly adults.
    dates["claimed_minor"] = rng.choices(["no", "unknown", "yes"], weights=[0.9, 0.08, 0.02])[0]
    return dates


def _repair(definition: Definition, document: dict, today: date) -> dict[str, str]:
    """Change answers that break the definition's checks until none do (or give up)."""
    for _ in range(6):
        document = answers.normalise(definition, document)
        problems = answers.validate(definition, document, submitting=True, today=today)
        if not problems:
            return {}
        for path in problems:
            prefix, _, key = path.rpartition(".")
            target = _target(document, prefix)
            item = definition.items.get(key)
            if target is None or item is None:
                continue
            options = [a for a in item.answer_keys if a != target.get(key)] if item.answer_keys else []
            if options:
                target[key] = options[0]
            else:
                target.pop(key, None)
    return problems


def _target(document: dict, prefix: str):
    if prefix == "hearing":
        return document["hearing"]
    if not prefix.startswith("accused["):
        return None
    index = int(prefix[len("accused["):prefix.index("]")])
    accused = document["accused"][index]
    return accused.get(answers.ANNEX) if prefix.endswith(answers.ANNEX) else accused


def random_document(definition: Definition, hearing_date: date, rng: random.Random, today: date) -> dict | None:
    document = {"hearing": {"hearing_date": hearing_date.isoformat()}, "accused": []}
    _fill(definition.hearing, document["hearing"], rng)
    for _ in range(rng.choices([1, 2, 3, 4], weights=[0.55, 0.3, 0.1, 0.05])[0]):
        accused = _dates_for_accused(hearing_date, rng)
        _fill(definition.accused, accused, rng)
        document["accused"].append(accused)
    document = answers.normalise(definition, document)
    for accused in document["accused"]:
        if answers.ANNEX in accused:
            _fill(definition.juvenile, accused[answers.ANNEX], rng)
    if _repair(definition, document, today):
        return None
    return answers.normalise(definition, document)


def demo_documents(definition: Definition, count: int, seed: int, today: date, days_back: int = 730):
    """Yield `count` (hearing_date, document) pairs spread over the last `days_back` days."""
    rng = random.Random(seed)
    produced = 0
    while produced < count:
        hearing_date = today - timedelta(days=rng.randint(1, days_back))
        document = random_document(definition, hearing_date, rng, today)
        if document is not None:
            produced += 1
            yield rng, document


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


#: Share of demo checklists given each review outcome; the rest wait in the review queue.
DEMO_REVIEW_OUTCOMES = [("approve", 0.75), ("return", 0.08), ("reject", 0.02)]
DEMO_COMMENTS = {
    "return": "Please check the detention status and the date of arrest of the first accused.",
    "reject": "Duplicate of another checklist for the same hearing.",
}


def draw_review_outcome(rng: random.Random) -> str | None:
    """A plausible review decision for a demo checklist (None: still waiting in the queue)."""
    draw, threshold = rng.random(), 0.0
    for action, share in DEMO_REVIEW_OUTCOMES:
        threshold += share
        if draw < threshold:
            return action
    return None


def apply_review_outcome(checklist, manager: User, action: str | None) -> None:
    """Take the drawn decision, so every review state shows in the demo."""
    from monitor.services import review

    if action is not None:
        review.review_checklist(checklist, action, manager, DEMO_COMMENTS.get(action, ""))
