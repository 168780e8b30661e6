"""Do the Alembic migrations build exactly the schema the models describe, on both engines?"""
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import monitor

from monitor.extensions import db


def test_migrations_match_models(app):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def _chain_in_file_order():
    """(file name, revision, down_revision) of every migration, in file-name order."""
    folder = Path(monitor.__file__).parent / "migrations"
    config = Config()
    config.set_main_option("script_location", str(folder))
    scripts = ScriptDirectory.from_config(config)
    by_file = sorted(scripts.walk_revisions(), key=lambda script: Path(script.path).name)
    return scripts, [(Path(s.path).name, s.revision, s.down_revision) for s in by_file]


def test_migration_chain_has_a_single_head():
    scripts, _ = _chain_in_file_order()
    assert len(scripts.get_heads()) == 1


def test_migration_files_read_in_chain_order():
    """Each file's predecessor is the file before it, and its name holds its revision id."""
    _, chain = _chain_in_file_order()
    previous = None
    for position, (name, revision, down_revision) in enumerate(chain, start=1):
        assert name.startswith(f"{position:02d}_{revision}_"), name
        assert down_revision == previous, f"{name} follows {down_revision}, not {previous}"
        previous = revision
