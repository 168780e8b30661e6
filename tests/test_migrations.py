"""Do the Alembic migrations build exactly the schema the models describe, on both engines?"""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from monitor.extensions import db


def test_migrations_match_models(app):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []
