"""Can a forged Host header put another site's name into a release's citation, links and downloads,
cached for a year? Public addresses come from PUBLIC_URL, checked at start-up, and a release keeps
the one it was published with."""
import re
from datetime import date
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import text

import monitor
from monitor import create_app
from monitor.config import ConfigurationError
from monitor.extensions import db
from monitor.services import releases as service

SITE = "https://data.court-monitor.example"
MOVED = "https://statistics.court-monitor.example/fair-trials"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}


@pytest.fixture
def app(make_app, database_url):
    """Behind one reverse proxy (X-Forwarded-For/-Proto trusted), at SITE."""
    app = make_app(database_url, REPORTING_YEAR_START_MONTH=11, STATISTICS_COUNT_SUBMITTED=False, PUBLIC_URL=SITE,
                   TRUSTED_PROXIES=1)
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def published(app, add_hearing, create_court):
    court = create_court("alpha", "Alpha Court")
    for day in range(6):
        add_hearing(court, date(2024, 11, 4 + day), "approved", {"stage": "first_instance", "hearing_open": "yes"},
                    [{"gender": "male", "age_at_offence": 30, "represented_by_lawyer": "yes"}])
    return service.publish("2025-Q1")


def addresses(answer: dict) -> list[str]:
    """Every absolute address in a release's JSON answer, the citation's included."""
    found = [answer["address"], answer["api"], *(entry["url"] for entry in answer["files"])]
    found += [answer["latest_address"]] if "latest_address" in answer else []
    return found


def test_forged_host_headers_never_reach_an_answer(app, published):
    visitor = app.test_client()
    for path in ("/api/v1/releases/2025-Q1/v1", "/api/v1/releases/2025-Q1", "/api/v1/releases", "/data/2025-Q1/v1"):
        response = visitor.get(path, headers=FORGED)
        assert response.status_code == 200, path
        assert "evil.example" not in response.text, path
    answer = visitor.get("/api/v1/releases/2025-Q1/v1", headers=FORGED).get_json()
    assert answer["address"] == f"{SITE}/data/2025-Q1/v1"
    assert all(address.startswith(SITE + "/") for address in addresses(answer))
    assert f"url          = {{{SITE}/data/2025-Q1/v1}}" in answer["citation"]["bibtex"]
    assert f"{SITE}/data/2025-Q1/v1 (SHA-256" in answer["citation"]["text"]
    assert visitor.get("/api/v1/releases", headers=FORGED).get_json()["releases"][0]["api"] == \
        f"{SITE}/api/v1/releases/2025-Q1/v1"


def test_a_release_keeps_its_addresses_when_public_url_changes(app, published, make_app, database_url):
    """The immutable answer is the same, byte for byte, after the site moves; a new version gets the new address."""
    before = app.test_client().get("/api/v1/releases/2025-Q1/v1")
    assert before.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    moved = make_app(database_url, REPORTING_YEAR_START_MONTH=11, STATISTICS_COUNT_SUBMITTED=False, PUBLIC_URL=MOVED + "/")
    with moved.app_context():
        after = moved.test_client().get("/api/v1/releases/2025-Q1/v1")
        assert after.get_data() == before.get_data() and after.headers["ETag"] == before.headers["ETag"]
        second = service.publish("2025-Q1", "Corrects the court list.")
        answer = moved.test_client().get(f"/api/v1/releases/2025-Q1/v{second.version}").get_json()
        assert answer["address"] == f"{MOVED}/data/2025-Q1/v2"
        assert all(address.startswith(MOVED + "/") for address in addresses(answer))
        latest = moved.test_client().get("/api/v1/releases/2025-Q1").get_json()
        assert latest["latest_address"] == f"{MOVED}/data/2025-Q1/v2"
        db.session.remove()


def _production(tmp_path, **config):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite", "ENV": "production",
                       "SECRET_KEY": "a long production secret", **config})


def test_production_refuses_to_start_without_a_valid_public_url(monkeypatch, tmp_path):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(ConfigurationError, match="PUBLIC_URL is not set"):
        _production(tmp_path)
    for wrong in ("data.court-monitor.example", "http://data.court-monitor.example", "https://", "https://x.example/?a=1",
                  "https://user:pw@x.example", "https://x.example:port"):
        with pytest.raises(ConfigurationError, match="is not a site address"):
            _production(tmp_path, PUBLIC_URL=wrong)
    assert _production(tmp_path, PUBLIC_URL=SITE + "/").config["PUBLIC_URL"] == SITE
    monkeypatch.setenv("PUBLIC_URL", MOVED)
    assert _production(tmp_path).config["PUBLIC_URL"] == MOVED


def test_releases_published_before_the_upgrade_keep_the_address_they_were_read_at(make_app, empty_database):
    """A release of the previous schema gets the PUBLIC_URL of the upgrade, and answers as it did."""
    app = make_app(empty_database, PUBLIC_URL=SITE)
    with app.app_context():
        upgrade(revision="0006")
        db.session.execute(text(
            "INSERT INTO releases (period_label, version, published_at, threshold, checksum, report, definitions, "
            "methodology, files) VALUES ('2025-Q1', 1, '2025-02-03 04:05:06+00:00', 5, :checksum, '{}', '{}', '{}', '[]')"),
            {"checksum": "a" * 64})
        db.session.commit()
        upgrade()
        assert db.session.execute(text("SELECT public_url FROM releases")).scalar() == SITE
        db.session.remove()


def test_no_address_is_built_from_the_request():
    """`url_for(..., _external=True)` takes the Host header; absolute addresses come from monitor.public.addresses."""
    package = Path(monitor.__file__).parent
    offenders = [str(path.relative_to(package)) for path in package.rglob("*.py")
                 if re.search(r"\b_external\s*=", path.read_text())]
    assert offenders == []

