"""Browser fixtures: the app served on loopback (SQLite, or both databases for `*_on` fixtures) and
Debian's Chromium sized as a phone."""
import shutil

import pytest

from monitor.services import demo
from monitor.extensions import db
from tests.support.browser import phone_context
from tests.support.live_server import LiveServer


def _demo_app(make_app, url: str):
    """The app on `url` with the demo courts and accounts (monitor, monitor2, manager...)."""
    app = make_app(url)
    with app.app_context():
        demo.ensure_courts()
        demo.ensure_accounts()
        db.session.remove()
    return app


@pytest.fixture
def live_app(make_app, sqlite_template, tmp_path):
    path = tmp_path / "browser.sqlite"
    shutil.copy(sqlite_template, path)
    return _demo_app(make_app, f"sqlite:///{path}")


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
