"""After an accident, does `flask restore` bring back every checklist from `flask backup`?"""
import random
import uuid
from datetime import date, timedelta

from sqlalchemy import func, select, text

from monitor.services import demo
from monitor.extensions import db
from monitor.models import Accused, Checklist, JuvenileAnnex, User
from monitor.services.checklists import document_of, receive_checklist
from monitor.services.definitions import current_definition


def fill(count: int) -> dict[str, dict]:
    """Store `count` (or more, until one has a juvenile annex) realistic checklists; their documents by uuid."""
    courts, users = demo.ensure_courts(), demo.ensure_accounts()
    rng, today = random.Random(5), date.today()
    stored = {}
    while len(stored) < count or not any("juvenile" in a for d in stored.values() for a in d["accused"]):
        document = demo.random_document(current_definition(), today - timedelta(days=rng.randint(1, 300)), rng, today)
        if document:
            checklist = receive_checklist(users[0], current_definition(), rng.choice(courts), str(uuid.uuid4()),
                                          "submitted", document).checklist
            stored[checklist.uuid] = document_of(checklist)
    return stored


def everything() -> dict[str, dict]:
    db.session.expire_all()
    return {c.uuid: document_of(c) for c in db.session.scalars(select(Checklist))}


def test_backup_damage_restore_finds_everything(app, runner, tmp_path):
    original = fill(12)
    assert everything() == original
    backup_file = tmp_path / "backups" / "monitor.backup"
    made = runner.invoke(args=["backup", "--out", str(backup_file)])
    assert made.exit_code == 0, made.output
    assert backup_file.stat().st_size > 0

    # An accident: rows deleted, then a whole table dropped.
    db.session.execute(text("DELETE FROM juvenile_annexes"))
    db.session.execute(text("DELETE FROM accused"))
    db.session.execute(text("DELETE FROM checklists WHERE id % 2 = 0"))
    db.session.commit()
    db.session.execute(text("DROP TABLE api_tokens"))
    db.session.commit()
    assert len(everything()) < len(original)

    refused = runner.invoke(args=["restore", str(backup_file)])
    assert refused.exit_code != 0 and "--yes" in refused.output
    restored = runner.invoke(args=["restore", str(backup_file), "--yes"])
    assert restored.exit_code == 0, restored.output

    assert everything() == original
    assert db.session.scalar(select(func.count()).select_from(Accused)) == sum(len(d["accused"]) for d in original.values())
    assert db.session.scalar(select(func.count()).select_from(JuvenileAnnex)) > 0
    assert db.session.scalar(select(func.count()).select_from(text("api_tokens"))) == 0, "the dropped table is back"
    assert db.session.scalar(select(User).where(User.username == "monitor")).check_password("monitor-demo-1")


def test_restore_refuses_a_file_that_is_not_a_backup(app, runner, tmp_path):
    before = fill(1)
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    result = runner.invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0 and "Error:" in result.output
    assert everything() == before, "a refused restore leaves the database as it was"
