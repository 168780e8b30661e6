"""The publications the disclosure attacks of issue 17 were found on, played on today's code.

Synthetic checklists over reporting year 2024 (November start), rich in juvenile accused, filed
through the services and approved; then three quarters, the year (whose fourth quarter is never
published on its own), and a corrected second version of a quarter that adds one child and
changes another child's answer. Every release is read back as the public reads it."""
import random
from datetime import date, timedelta

from monitor.services import checklists as checklist_service
from monitor.services import demo
from monitor.services import releases
from monitor.services.corrections import correct_checklist
from monitor.services.definitions import current_definition
from monitor.services.review import review_checklist

CONFIG = {"REPORTING_YEAR_START_MONTH": 11, "STATISTICS_COUNT_SUBMITTED": False, "RELEASE_SUPPRESSION_THRESHOLD": 5}
SEED = 1717
YEAR_START, YEAR_DAYS = date(2023, 11, 1), 366
Q2_START, Q2_END = date(2024, 2, 1), date(2024, 4, 30)
#: In order; the last is a second version.
PUBLICATIONS = ("2024-Q1", "2024-Q2", "2024-Q3", "2024", "2024-Q2")


def _documents(definition, rng: random.Random, today: date):
    """Every hearing with a juvenile, a fifth of the others: a few children per court and quarter."""
    while True:
        day = YEAR_START + timedelta(days=rng.randrange(YEAR_DAYS))
        document = demo.random_document(definition, day, rng, today)
        if document is None:
            continue
        if any("juvenile" in accused for accused in document["accused"]) or rng.random() < 0.2:
            yield day, document


def _has_child(checklist) -> bool:
    return any(accused.juvenile is not None for accused in checklist.accused)


def publish_scenario(hearings: int = 90) -> list:
    """File, approve and publish; returns the releases in publication order."""
    rng = random.Random(SEED)
    courts = demo.ensure_courts()
    users = {user.username: user for user in demo.ensure_accounts()}
    definition, today = current_definition(), date.today()
    documents = _documents(definition, rng, today)
    filed = []
    for _ in range(hearings):
        day, document = next(documents)
        checklist = checklist_service.receive_checklist(
            users["monitor"], definition, rng.choice(courts), demo.new_uuid(rng), "submitted", document, today=today).checklist
        filed.append(checklist)
    manager = users["manager"]
    in_q2 = [c for c in filed if Q2_START <= c.hearing_date <= Q2_END and _has_child(c)]
    late, corrected = in_q2[0], in_q2[1]
    for checklist in filed:
        if checklist is not late:
            review_checklist(checklist, "approve", manager)
    published = [releases.publish(period, by=manager) for period in PUBLICATIONS[:-1]]
    document = checklist_service.document_of(corrected)
    child = next(accused["juvenile"] for accused in document["accused"] if "juvenile" in accused)
    child["in_camera"] = "no" if child.get("in_camera") == "yes" else "yes"
    if child["in_camera"] == "yes":  # heard in camera: the hearing was not open (checklist version 2 checks it)
        document["hearing"].update(hearing_open="no", closed_reason_given="yes")
    correct_checklist(corrected, manager, document, corrected.revision, "Hearing in camera recorded wrongly.")
    review_checklist(late, "approve", manager)
    published.append(releases.publish(PUBLICATIONS[-1], "One child approved late; one answer corrected.", by=manager))
    return published
