"""Does every response tell the browser to refuse injected scripts and framing, and do sessions end?"""
import re
import time
from datetime import timedelta

import pytest

from monitor import create_app
from monitor.config import ConfigurationError

from tests.conftest import PASSWORD


@pytest.mark.parametrize("path", ["/login", "/health", "/api/v1/courts", "/static/css/app.css", "/no-such-page"])
def test_every_response_carries_security_headers(client, path):
    response = client.get(path)
    response.close()  # static files are streamed
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+=|javascript:")
INLINE_STYLE = re.compile(r"\sstyle=|<style")


def test_pages_have_no_inline_script_or_style(client, create_user, create_court, login):
    """With `script-src 'self'` and `style-src 'self'`, anything inline would be blocked: none is left."""
    create_court()
    login(create_user("monitor"))
    new = client.post("/checklists/new", data={"court": 1, "hearing_date": "2025-01-06"})
    section = client.get(new.location, follow_redirects=True)
    assert "Step 1 of" in section.text and "<progress" in section.text
    for page in (section.text, client.get("/checklists").text, client.get("/login").text):
        assert not INLINE_SCRIPT.search(page) and not INLINE_STYLE.search(page)


def test_statistics_pages_run_no_inline_script(client, create_user, login):
    """The printable newsletter keeps inline styles (the same HTML becomes the PDF) but no script."""
    login(create_user("manager"))
    statistics = client.get("/statistics?period=2025-Q1")
    assert statistics.status_code == 200
    assert not INLINE_SCRIPT.search(statistics.text) and not INLINE_STYLE.search(statistics.text)
    newsletter = client.get("/statistics/newsletter?period=2025-Q1")
    assert newsletter.status_code == 200 and "data-print" in newsletter.text
    policy = newsletter.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self' 'unsafe-inline'" in policy
    assert not INLINE_SCRIPT.search(newsletter.text)


def test_session_cookie_is_http_only_and_lax_and_expires(client, create_user):
    user = create_user("monitor")
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie
    assert "Secure" not in cookie, "development runs over plain HTTP"


def test_production_cookies_are_secure(make_app, database_url, create_user):
    app = make_app(database_url, ENV="production", SECRET_KEY="a long production secret",
                   PUBLIC_URL="https://court-monitor.example")
    user = create_user("monitor")
    response = app.test_client().post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


def test_idle_session_expires(make_app, database_url, create_user):
    app = make_app(database_url, PERMANENT_SESSION_LIFETIME=timedelta(seconds=1))
    user = create_user("monitor")
    client = app.test_client()
    client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert client.get("/checklists").status_code == 200
    time.sleep(2.1)
    expired = client.get("/checklists")
    assert expired.status_code == 302 and "/login" in expired.location


def test_production_refuses_to_start_without_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("MONITOR_ENV", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"})
    monkeypatch.setenv("MONITOR_ENV", "development")
    assert create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite"}).config["SECRET_KEY"]
