"""Browser fixtures: the app served on loopback (SQLite) and Debian's Chromium sized as a phone."""
import shutil

import pytest

from monitor.services import demo
from monitor.extensions import db
from tests.support.browser import phone_context
from tests.support.live_server import LiveServer


@pytest.fixture
def live_app(make_app, sqlite_template, tmp_path):
    path = tmp_path / "browser.sqlite"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}")
    with app.app_context():
        demo.ensure_courts()
        demo.ensure_accounts()
        db.session.remove()
    return app


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
