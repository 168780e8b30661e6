"""Does the test machinery itself work: a real PostgreSQL, a live server and a phone browser?"""

import flask
import pytest
import sqlalchemy

from tests.support.browser import phone_context
from tests.support.live_server import LiveServer
from tests.support.postgres import start_postgres


def test_postgres_starts_serves_and_stops(tmp_path):
    """Can we start a throwaway PostgreSQL, query it, and is it really gone after stop()?"""
    server = start_postgres(tmp_path)
    try:
        engine = sqlalchemy.create_engine(server.url)
        with engine.connect() as connection:
            version = connection.execute(sqlalchemy.text("select version()")).scalar_one()
        engine.dispose()
        assert "PostgreSQL" in version
    finally:
        server.stop()

    engine = sqlalchemy.create_engine(server.url, connect_args={"connect_timeout": 2})
    with pytest.raises(sqlalchemy.exc.OperationalError):
        engine.connect()
    engine.dispose()


def test_phone_browser_sees_live_app(browser):
    """Does a phone-sized chromium load a page from an app served on a real port?"""
    app = flask.Flask(__name__)
    # Without the viewport tag a mobile browser lays the page out 980px wide.
    page_html = ('<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1">'
                 "<title>Court Monitor</title><p>Hello from the courtroom</p>")
    app.add_url_rule("/", "index", lambda: page_html)

    with LiveServer(app) as server:
        context = phone_context(browser, server.url)
        try:
            page = context.new_page()
            page.goto("/")
            assert page.inner_text("body") == "Hello from the courtroom"
            assert page.evaluate("window.innerWidth") == 360
        finally:
            context.close()
