"""Does a newcomer see a living system: courts, accounts, and realistic checklists?"""
from sqlalchemy import func, select

from monitor.checklists import answers
from monitor.services import demo
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


def test_demo_fills_version_two(app, today):
    """The demo shows what version 2 adds: observations, offence classes, possible juveniles (no age
    known, claimed or apparently under 18) with their annex, and diversion ordered or not."""
    definition = current_definition()
    assert definition.version == 2
    documents = [document for _, document in demo.demo_documents(definition, 300, 8, today)]
    accused = [person for document in documents for person in document["accused"]]
    assert any("hearing_observations" in document["hearing"] for document in documents)
    assert any("accused_observations" in person for person in accused)
    assert {person.get("offence_class") for person in accused} == {"felony", "misdemeanour", "petty", "unknown"}
    possible = [person for person in accused if "age_at_offence" not in person and person.get("claimed_minor") == "yes"]
    assert possible and all(answers.ANNEX in person for person in possible)
    assert {person[answers.ANNEX].get("diversion_ordered") for person in accused if answers.ANNEX in person} >= {"yes", "no"}


def _demo_public_url(tmp_path, env: dict) -> str:
    """Run scripts/demo.sh in a copy whose setup and flask only report what the server would get."""
    import os
    import shutil
    import subprocess
    from pathlib import Path
    (tmp_path / "scripts").mkdir(parents=True)
    shutil.copy(Path(__file__).parent.parent / "scripts" / "demo.sh", tmp_path / "scripts" / "demo.sh")
    (tmp_path / "scripts" / "setup.sh").write_text("true\n")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    flask = tmp_path / ".venv" / "bin" / "flask"
    flask.write_text('#!/bin/sh\n[ "$3" = run ] && echo "$PUBLIC_URL $7"\nexit 0\n')
    flask.chmod(0o755)
    clean = {k: v for k, v in os.environ.items() if k not in ("PORT", "PUBLIC_URL")}
    done = subprocess.run(["bash", str(tmp_path / "scripts" / "demo.sh")], env={**clean, **env},
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_demo_publishes_under_the_address_it_serves(tmp_path):
    assert _demo_public_url(tmp_path / "a", {"PORT": "8123"}) == "http://localhost:8123 8123"
    assert _demo_public_url(tmp_path / "b", {}) == "http://localhost:5000 5000"
    given = _demo_public_url(tmp_path / "c", {"PORT": "8123", "PUBLIC_URL": "https://demo.example.org"})
    assert given == "https://demo.example.org 8123"
