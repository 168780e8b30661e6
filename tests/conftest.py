"""Fixtures: every database test runs twice, on SQLite and on a real PostgreSQL started for the run.

Factories are fixtures returning callables (`create_user(role="manager")`), as in Indico."""
import shutil
import tempfile
import uuid
from datetime import date
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient
from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from sqlalchemy import create_engine, make_url, text

from monitor import create_app
from monitor.extensions import db
from monitor.models import ApiToken, Court, Role, User
from monitor.models.accounts import hash_token
from monitor.services import statistics_files
from tests.support.browser import launch_chromium
from tests.support.mini_checklist import complete_document, write_mini_definitions
from tests.support.postgres import start_postgres

PASSWORD = "correct horse battery"
#: Test accounts' passwords are hashed with scrypt at 1/32 of the production cost: the same code
#: and the same checks, without most of the run going into hashing (a sign-in or a new account
#: costs about 0.1 s at the production cost on the test machines).
TEST_PASSWORD_HASH_METHOD = "scrypt:1024:8:1"


def _migrated_config(url: str) -> dict:
    return {"TESTING": True, "ENV": "development", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test", "PUBLIC_URL": "http://localhost", "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH_METHOD,
            # Publishing is refused under the name Court Monitor ships with (issue 18): tests publish as a programme.
            "ORGANISATION_NAME": "Synthetic Trial Monitoring Programme"}


def _migrate(url: str) -> None:
    """Build the schema with the real Alembic migrations, as a deployment does."""
    app = create_app(_migrated_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def postgres_url():
    # Not under pytest's temporary folder: pytest makes that private to root again whenever
    # another pytest run starts, and the server runs as the postgres user.
    base = Path(tempfile.mkdtemp(prefix="court-monitor-pg-"))
    server = start_postgres(base)
    try:
        _migrate(server.url)
        yield server.url
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def newsletter_rendered_once():
    """WeasyPrint takes seconds per newsletter, and the suite asks for the same newsletter (the same
    HTML: the same figures in the same language) from both databases, the page, the CLI and a
    release. Each distinct HTML is rendered for real once per run; asking again gets those bytes."""
    rendered = {}
    render = statistics_files.pdf_from_html

    def once(html: str) -> bytes:
        if html not in rendered:
            rendered[html] = render(html)
        return rendered[html]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(statistics_files, "pdf_from_html", once)
        yield rendered


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Playwright allows one sync session per thread)."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite"
    _migrate(f"sqlite:///{path}")
    return path


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"))]
        if tables:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


def pytest_generate_tests(metafunc):
    """Every test using `database_url` runs on SQLite and on PostgreSQL, except where the outcome
    cannot depend on the database (marked `one_database`: files, formats, wording): SQLite only.
    A test may still choose its databases with its own parametrize of `database_url`."""
    chosen = any("database_url" in str(mark.args[0]) for mark in metafunc.definition.iter_markers("parametrize"))
    if "database_url" in metafunc.fixturenames and not chosen:
        one = metafunc.definition.get_closest_marker("one_database") is not None
        metafunc.parametrize("database_url", ["sqlite"] if one else ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def database_url(request, tmp_path, sqlite_template):
    """A fresh, migrated database for one test."""
    if request.param == "sqlite":
        path = tmp_path / "monitor.sqlite"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def empty_database(database_url, tmp_path):
    """A database without any table on the same engine as `database_url` (a fresh install before
    `flask db upgrade`, or another application's database)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    server = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS empty_database WITH (FORCE)"))
        connection.execute(text("CREATE DATABASE empty_database"))
    yield make_url(database_url).set(database="empty_database").render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS empty_database WITH (FORCE)"))
    server.dispose()


@pytest.fixture
def make_app(tmp_path):
    """Build an app on a given database with extra configuration."""
    apps = []

    def build(url: str, **config):
        app = create_app(_migrated_config(url) | {"EXPORT_FOLDER": str(tmp_path / "exports"),
                                                 "STATISTICS_KEPT_FOLDER": str(tmp_path / "statistics-kept")} | config)
        app.test_client_class = FreshRequestClient
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app_config() -> dict:
    """Extra configuration for the `app` fixture; a test module overrides it to change the app."""
    return {}


@pytest.fixture
def app(make_app, database_url, app_config):
    app = make_app(database_url, **app_config)
    with app.app_context():
        yield app


class FreshRequestClient(FlaskClient):
    """Tests hold an app context open, and Flask reuses it for requests, so per-request values in
    `g` (the signed-in user) would leak from one request to the next. A real server never reuses."""

    def open(self, *args, **kwargs):
        for name in ("_login_user", "signed_in_with_token", "_flask_babel", "csrf_token"):
            g.pop(name, None)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = FreshRequestClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def create_court(app):
    def create(key: str = "pp_first_instance", name: str = "Phnom Penh Court of First Instance") -> Court:
        court = Court(key=key, name=name)
        db.session.add(court)
        db.session.commit()
        return court

    return create


@pytest.fixture
def create_user(app):
    counter = iter(range(1, 10_000))

    def create(role: str = Role.MONITOR.value, username: str | None = None, password: str = PASSWORD) -> User:
        username = username or f"{role}{next(counter)}"
        user = User(username=username, display_name=f"Test {role.title()} {username}", role=role)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        return user

    return create


@pytest.fixture
def api_token(app):
    """Give a user an API token; returns the headers an API client sends."""

    def create(user: User) -> dict:
        token = uuid.uuid4().hex
        db.session.add(ApiToken(user=user, name="test", token_hash=hash_token(token)))
        db.session.commit()
        return {"Authorization": f"Bearer {token}"}

    return create


@pytest.fixture
def login(client):
    def sign_in(user: User, password: str = PASSWORD):
        response = client.post("/login", data={"username": user.username, "password": password})
        assert response.status_code == 302, "sign-in failed"
        return response

    return sign_in


@pytest.fixture
def today() -> date:
    return date.today()


@pytest.fixture
def mini_config(tmp_path) -> dict:
    """App configuration using only the tiny `mini` checklist (tests/support/mini_checklist.py)."""
    folder = write_mini_definitions(tmp_path / "checklists")
    return {"CHECKLIST_FOLDER": str(folder), "DEFAULT_CHECKLIST": "mini"}


@pytest.fixture
def make_checklist(app):
    """File a checklist as a monitor's phone does (POST /api/v1/submissions), through the service."""

    def create(monitor: User, court: Court, document: dict | None = None, status: str = "submitted",
               checklist_uuid: str | None = None):
        from monitor.services.checklists import receive_checklist
        from monitor.services.definitions import current_definition

        return receive_checklist(monitor, current_definition(), court, checklist_uuid or str(uuid.uuid4()), status,
                                 document or complete_document()).checklist

    return create


@pytest.fixture
def client_for(app):
    """A browser of its own for `user`, signed in: several people act in one story."""

    app.test_client_class = FreshRequestClient

    def sign_in(user: User, password: str = PASSWORD):
        browser = app.test_client()
        response = browser.post("/login", data={"username": user.username, "password": password})
        assert response.status_code == 302, "sign-in failed"
        return browser

    return sign_in
