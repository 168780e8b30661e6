"""After an accident, does `flask restore` bring back every checklist from `flask backup`?"""
import os
import random
import stat
import uuid
from datetime import date, timedelta

from sqlalchemy import func, select, text

from monitor.services import demo
from monitor.extensions import db
from monitor.models import Accused, Checklist, JuvenileAnnex, User
from monitor.services import schema
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


def test_backup_is_readable_by_its_owner_only(app, runner, tmp_path):
    """A backup holds password and token hashes and dates of birth: 0600, even over an old 0644 file."""
    fill(1)
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "monitor.backup"
    old.write_text("last week's backup")
    old.chmod(0o644)
    previous = os.umask(0o022)
    try:
        for out in (folder / "new.backup", old):
            made = runner.invoke(args=["backup", "--out", str(out)])
            assert made.exit_code == 0, made.output
            assert stat.S_IMODE(out.stat().st_mode) == 0o600, out
    finally:
        os.umask(previous)
    assert sorted(path.name for path in folder.iterdir()) == ["monitor.backup", "new.backup"], "no partial file is left"


def _backup_of(make_app, url: str, out, statements: list[str]):
    """A `flask backup` of the database at `url` after running `statements` in it."""
    other = make_app(url)
    with other.app_context():
        for statement in statements:
            db.session.execute(text(statement))
        db.session.commit()
        made = other.test_cli_runner().invoke(args=["backup", "--out", str(out)])
        assert made.exit_code == 0, made.output
        db.session.remove()
        db.engine.dispose()


def test_restore_refuses_another_applications_backup(app, runner, make_app, empty_database, tmp_path):
    """An SQLite file or dump with an alembic_version table is not enough: it must hold Court Monitor's tables."""
    before = fill(1)
    foreign = tmp_path / "other.backup"
    _backup_of(make_app, empty_database, foreign, [
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
        "INSERT INTO alembic_version VALUES ('0006')",
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY)",
    ])
    with app.app_context():
        assert_refused(runner, foreign, "is not a Court Monitor backup (it has no checklists, courts, users table)", before)


def test_restore_refuses_a_backup_of_an_unknown_schema(app, runner, tmp_path):
    """A backup made by a newer Court Monitor (a schema revision this code does not know) is refused."""
    before = fill(1)
    db.session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.session.commit()
    newer = tmp_path / "newer.backup"
    assert runner.invoke(args=["backup", "--out", str(newer)]).exit_code == 0
    db.session.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": schema.head_revision()})
    db.session.commit()
    assert_refused(runner, newer, "has database schema revision '9999_from_the_future', which this version of Court "
                                  "Monitor does not know", before)


def assert_refused(runner, backup_file, message: str, before: dict) -> None:
    """`flask restore --yes` refuses `backup_file` with `message` and leaves the database as it was."""
    result = runner.invoke(args=["restore", str(backup_file), "--yes"])
    assert result.exit_code == 1 and message in result.output
    assert everything() == before


def test_restore_asks_before_replacing_the_database(app, runner, tmp_path):
    original = fill(1)
    backup_file = tmp_path / "monitor.backup"
    assert runner.invoke(args=["backup", "--out", str(backup_file)]).exit_code == 0
    fill(2)
    declined = runner.invoke(args=["restore", str(backup_file)], input="n\n")
    assert "Replace it? (--yes skips this question)" in declined.output and declined.exit_code == 1
    assert len(everything()) > len(original)
    accepted = runner.invoke(args=["restore", str(backup_file)], input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert everything() == original
