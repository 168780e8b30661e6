"""Does a newcomer see a living system: courts, accounts, and realistic checklists?"""
from sqlalchemy import func, select

from monitor.checklists import answers
from monitor.extensions import db
from monitor.models import Accused, Checklist, Court, JuvenileAnnex, User
from monitor.services.checklists import document_of
from monitor.services.definitions import current_definition


def test_demo_load_creates_valid_varied_checklists(runner, today):
    result = runner.invoke(args=["demo", "load", "--hearings", "60", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "monitor-demo-1" in result.output and "manager" in result.output
    assert db.session.scalar(select(func.count()).select_from(Checklist)) == 60
    assert db.session.scalar(select(func.count()).select_from(Court)) >= 2
    assert {u.role for u in db.session.scalars(select(User))} == {"monitor", "manager", "admin"}
    assert db.session.scalar(select(func.count()).select_from(JuvenileAnnex)) > 0
    assert db.session.scalar(select(func.count()).select_from(Accused)) > 60

    definition = current_definition()
    seen_answers, quarters, states = set(), set(), set()
    for checklist in db.session.scalars(select(Checklist)):
        document = document_of(checklist)
        assert answers.validate(definition, document, submitting=True, today=today) == {}
        states.add(checklist.status)
        quarters.add((checklist.hearing_date.year, (checklist.hearing_date.month - 1) // 3))
        for block in [document["hearing"], *document["accused"]]:
            seen_answers.update(v for v in block.values() if isinstance(v, str))
    assert {"yes", "no", "unknown", "na"} <= seen_answers
    assert len(quarters) >= 4
    assert states == {"submitted", "approved", "returned", "rejected"}, "every review state shows in the demo"


def test_demo_load_is_repeatable(runner):
    """The same seed twice adds nothing new: the checklists already exist."""
    runner.invoke(args=["demo", "load", "--hearings", "10", "--seed", "3"])
    runner.invoke(args=["demo", "load", "--hearings", "10", "--seed", "3"])
    assert db.session.scalar(select(func.count()).select_from(Checklist)) == 10
