"""Browser fixtures: the app served on loopback (SQLite, or both databases for `*_on` fixtures) and
Debian's Chromium sized as a phone."""
import shutil

import pytest

from monitor import create_app
from monitor.extensions import db
from monitor.services import demo
from tests.conftest import _migrated_config
from tests.support.browser import phone_context
from tests.support.live_server import LiveServer


def _add_demo_people() -> None:
    """The demo courts and accounts (monitor, monitor2, manager...)."""
    demo.ensure_courts()
    demo.ensure_accounts()
    db.session.remove()


def _demo_app(make_app, url: str):
    """The app on `url` with the demo courts and accounts."""
    app = make_app(url)
    with app.app_context():
        _add_demo_people()
    return app


@pytest.fixture(scope="session")
def demo_sqlite_template(sqlite_template, tmp_path_factory):
    """A migrated SQLite database with the demo courts and accounts, made once per run."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    app = create_app(_migrated_config(f"sqlite:///{path}"))
    with app.app_context():
        _add_demo_people()
        db.engine.dispose()
    return path


@pytest.fixture
def live_app(make_app, demo_sqlite_template, tmp_path):
    """The demo app on a copy of the demo database, for this test alone."""
    path = tmp_path / "browser.sqlite"
    shutil.copy(demo_sqlite_template, path)
    return make_app(f"sqlite:///{path}")


@pytest.fixture
def server(live_app):
    with LiveServer(live_app) as running:
        yield running


@pytest.fixture
def phone(browser, server):
    context = phone_context(browser, server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_app_on(make_app, database_url):
    """The app served on SQLite, then on PostgreSQL: for browser tests whose outcome is in the database."""
    return _demo_app(make_app, database_url)


@pytest.fixture
def phone_on(browser, live_app_on):
    with LiveServer(live_app_on) as running:
        context = phone_context(browser, running.url)
        page = context.new_page()
        yield page
        context.close()
