"""Can anyone holding every public JSON file of every release work out a withheld small figure?

The four attacks of issue 17 (tests/support/attacker.py), played by an anonymous reader of the JSON
API. Against releases published by earlier code (the committed fixture) each of them recovers
something; against releases published by today's code, nothing."""
import json
import shutil

import pytest
from flask_migrate import upgrade

from monitor import create_app
from monitor.extensions import db
from tests.conftest import _empty_postgres, _migrated_config
from tests.support.attacker import ATTACKS, public_releases
from tests.support.disclosure_scenario import CONFIG, publish_scenario
from tests.support.release_fixture import EXPECTED, fixture_releases

THRESHOLD = CONFIG["RELEASE_SUPPRESSION_THRESHOLD"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def published_releases(request, tmp_path_factory, sqlite_template):
    """Every release of the scenario as the public downloads it, published by today's code."""
    folder = tmp_path_factory.mktemp("attacks")
    if request.param == "sqlite":
        shutil.copy(sqlite_template, folder / "monitor.sqlite")
        url = f"sqlite:///{folder / 'monitor.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_url")
        _empty_postgres(url)
    app = create_app(_migrated_config(url) | {"EXPORT_FOLDER": str(folder / "exports")} | CONFIG)
    with app.app_context():
        upgrade()
        publish_scenario()
        db.session.remove()
    releases = public_releases(app.test_client())
    with app.app_context():
        db.engine.dispose()
    return releases


def _old_releases() -> list[dict]:
    return [json.loads(EXPECTED.joinpath("api", period, f"v{version}.json").read_text("utf-8"))
            for period, version in fixture_releases()]


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_attack_recovered_figures_from_releases_of_earlier_code(attack):
    """The attacks are real: on the releases published before disclosure control they find small figures."""
    assert ATTACKS[attack](_old_releases(), THRESHOLD)


def test_the_scenario_publishes_a_year_its_quarters_and_a_second_version(published_releases):
    assert sorted((r["period"], r["version"]) for r in published_releases) == [
        ("2024", 1), ("2024-Q1", 1), ("2024-Q2", 1), ("2024-Q2", 2), ("2024-Q3", 1)]


def test_a_year_against_its_quarters_gives_nothing_back(published_releases):
    assert ATTACKS["year"](published_releases, THRESHOLD) == []


def test_unit_totals_against_denominators_give_nothing_back(published_releases):
    assert ATTACKS["totals"](published_releases, THRESHOLD) == []


def test_a_new_version_against_the_previous_gives_nothing_back(published_releases):
    assert ATTACKS["version"](published_releases, THRESHOLD) == []


def test_no_duration_shows_one_persons_value(published_releases):
    assert ATTACKS["duration"](published_releases, THRESHOLD) == []
