"""The committed fixture of releases published by an earlier version of the code (tests/fixtures/releases).

A later version must read those releases exactly as they were published: the same JSON for a
versioned address, the same page content, the same files. The fixture holds the database rows
at the schema revision they were written with; `load_release_fixture` builds a fresh database at
that revision, inserts the rows, upgrades to the current head (as a deployment upgrading its
database does) and copies the published files into the export folder. See the folder's README."""
import json
import re
import shutil
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from lxml import html as lxml_html

from monitor import create_app
from monitor.extensions import db

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "releases"
DATABASE = FIXTURE / "database.json"
FILES = FIXTURE / "files"
EXPECTED = FIXTURE / "expected"
#: Every page of the fixture is checked in both languages.
LANGUAGES = ("en", "km")
#: The publisher's name the fixture's releases were cited with (the configured default then).
FIXTURE_ORGANISATION = "Court Monitor trial monitoring programme"
#: The site address the expected answers were recorded at (Flask's test client).
RECORDED_AT = "http://localhost"


def fixture_metadata() -> dict:
    """Schema revision, the configuration the releases were published with, and the releases."""
    data = json.loads(DATABASE.read_text("utf-8"))
    return {key: value for key, value in data.items() if key != "tables"}


def fixture_releases() -> list[tuple[str, int]]:
    """(period, version) of every release in the fixture, in publication order."""
    return [(entry["period"], entry["version"]) for entry in fixture_metadata()["releases"]]


def fixture_config() -> dict:
    """Configuration an app needs to read the fixture as it was published (calendar, threshold...)."""
    return dict(fixture_metadata()["config"])


def load_release_fixture(database_url: str, export_folder: str | Path) -> None:
    """Fill an empty database with the fixture's rows (migrated from the fixture's schema revision
    to the current head) and copy the published files under `export_folder`."""
    data = json.loads(DATABASE.read_text("utf-8"))
    # Upgraded as a deployment is, with its PUBLIC_URL: the address the expected answers were read at.
    app = create_app({"TESTING": True, "ENV": "development", "SECRET_KEY": "fixture",
                      "SQLALCHEMY_DATABASE_URI": database_url, "PUBLIC_URL": RECORDED_AT})
    with app.app_context():
        upgrade(revision=data["schema_revision"])
        metadata = sa.MetaData()
        metadata.reflect(bind=db.engine)
        with db.engine.begin() as connection:
            for table in metadata.sorted_tables:
                rows = data["tables"].get(table.name)
                if rows:
                    connection.execute(table.insert(), [_typed(table, row) for row in rows])
            if connection.dialect.name == "postgresql":
                _advance_sequences(connection, metadata, data["tables"])
        upgrade()
        db.session.remove()
        db.engine.dispose()
    shutil.copytree(FILES, Path(export_folder), dirs_exist_ok=True)


def _typed(table: sa.Table, row: dict) -> dict:
    """JSON text back to the column's Python type (dates and times were written as ISO strings)."""
    typed = {}
    for name, value in row.items():
        kind = table.c[name].type
        if value is not None and isinstance(kind, sa.DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, sa.Date):
            value = date.fromisoformat(value)
        typed[name] = value
    return typed


def _advance_sequences(connection, metadata: sa.MetaData, tables: dict) -> None:
    """Rows were inserted with their ids: the next id PostgreSQL hands out must come after them."""
    for table in metadata.sorted_tables:
        if tables.get(table.name) and "id" in table.c and table.c.id.autoincrement:
            connection.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT MAX(id) FROM {table.name}))"))


def dump_rows(connection) -> dict[str, list[dict]]:
    """Every non-empty table (but Alembic's) as JSON-ready rows, in primary-key order."""
    metadata = sa.MetaData()
    metadata.reflect(bind=connection)
    tables = {}
    for table in metadata.sorted_tables:
        if table.name == "alembic_version":
            continue
        rows = connection.execute(sa.select(table).order_by(*table.primary_key.columns)).mappings().all()
        if rows:
            tables[table.name] = [{name: _plain(value) for name, value in row.items()} for row in rows]
    return tables


def _plain(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def page_text(page: str) -> str:
    """What a reader sees in the page's main area: its text, whitespace collapsed."""
    main = lxml_html.fromstring(page).find(".//main")
    return re.sub(r"\s+", " ", main.text_content()).strip()


def expected_path(*parts: str) -> Path:
    return EXPECTED.joinpath(*parts)


def public_addresses(releases: list[tuple[str, int]] | None = None) -> dict[str, str]:
    """Name of the expected answer -> the address it was recorded from (for the fixture's releases,
    or for `releases` while the fixture is built)."""
    addresses = {"api/releases.json": "/api/v1/releases"}
    for language in LANGUAGES:
        addresses[f"pages/index.{language}.txt"] = f"/data/?lang={language}"
    for period, version in releases if releases is not None else fixture_releases():
        addresses[f"api/{period}/v{version}.json"] = f"/api/v1/releases/{period}/v{version}"
        addresses[f"api/{period}/latest.json"] = f"/api/v1/releases/{period}"
        for language in LANGUAGES:
            addresses[f"pages/{period}-v{version}.{language}.txt"] = f"/data/{period}/v{version}?lang={language}"
    return addresses


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    """A database with no schema at all (not the suite's migrated template), on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fixture.sqlite'}"
        return
    server_url = sa.engine.make_url(request.getfixturevalue("postgres_url"))
    name = f"fixture_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def published_fixture(empty_database_url, make_app, tmp_path):
    """An app (in its context) on a fresh database holding the fixture's releases, on both engines.

    Use it from any test module: `from tests.support.release_fixture import empty_database_url,
    published_fixture  # noqa: F401`."""
    exports = tmp_path / "exports"
    load_release_fixture(empty_database_url, exports)
    # The fixture's releases were published (and cited) under the name Court Monitor ships with.
    app = make_app(empty_database_url, EXPORT_FOLDER=str(exports), ORGANISATION_NAME=FIXTURE_ORGANISATION, **fixture_config())
    with app.app_context():
        yield app
        db.session.remove()
