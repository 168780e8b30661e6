"""Do releases published by earlier code still answer exactly as they did when they were published?

The fixture (tests/fixtures/releases, see its README) holds releases published by an earlier version:
the database rows as written then, the files, and what the pages and the JSON API answered."""
import hashlib
import json

from monitor.services import releases as service
from monitor.services import settings
from tests.support.release_fixture import (  # noqa: F401
    FILES, empty_database_url, expected_path, fixture_releases, page_text, public_addresses, published_fixture)


def assert_contains(actual, expected, where="answer"):
    """Every value recorded is still there, unchanged (new keys may have been added: add, never break)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is gone"
            assert_contains(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for index, (got, recorded) in enumerate(zip(actual, expected)):
            assert_contains(got, recorded, f"{where}[{index}]")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


def test_versioned_json_answers_are_byte_identical(published_fixture):
    client = published_fixture.test_client()
    for period, version in fixture_releases():
        response = client.get(f"/api/v1/releases/{period}/v{version}")
        recorded = expected_path("api", period, f"v{version}.json").read_bytes()
        assert response.status_code == 200
        assert response.data == recorded, f"{period} v{version}: the versioned answer changed"
        assert response.headers["ETag"] == f'"{service.find_release(period, version).checksum}"'


def test_index_and_latest_answers_keep_everything_they_said(published_fixture):
    client = published_fixture.test_client()
    for name, address in public_addresses().items():
        if name.startswith("api/") and (name.endswith("latest.json") or name == "api/releases.json"):
            assert_contains(client.get(address).get_json(), json.loads(expected_path(name).read_text("utf-8")), name)


def test_pages_show_the_same_content_in_both_languages(published_fixture):
    client = published_fixture.test_client()
    for name, address in public_addresses().items():
        if name.startswith("pages/"):
            response = client.get(address)
            assert response.status_code == 200, address
            assert page_text(response.get_data(as_text=True)) == expected_path(name).read_text("utf-8").strip(), name


def test_files_are_served_as_published_and_match_their_manifest(published_fixture):
    client = published_fixture.test_client()
    for period, version in fixture_releases():
        release = service.find_release(period, version)
        manifest = (FILES / period / f"v{version}" / "manifest.json").read_bytes()
        assert hashlib.sha256(manifest).hexdigest() == release.checksum
        listed = {entry["name"]: entry for entry in json.loads(manifest)["files"]}
        for entry in release.files:
            served = client.get(f"/data/{period}/v{version}/{entry['name']}")
            assert served.status_code == 200
            assert served.data == (FILES / period / f"v{version}" / entry["name"]).read_bytes()
            if entry["name"] != "manifest.json":
                assert hashlib.sha256(served.data).hexdigest() == listed[entry["name"]]["sha256"]


def test_a_new_version_can_be_published_after_the_fixture(published_fixture):
    """The upgraded database keeps working: ids continue after the fixture's, versions count on."""
    settings.set_organisation("Synthetic Trial Monitoring Programme", None, None)  # refused under the default name
    release = service.publish("2024-Q3", "Published again on the current code.")
    assert release.version == 2 and release.id > max(service.find_release(p, v).id for p, v in fixture_releases())
    client = published_fixture.test_client()
    assert client.get("/data/2024-Q3").location.endswith("/data/2024-Q3/v2")
    assert client.get("/api/v1/releases/2024-Q3/v1").data == expected_path("api", "2024-Q3", "v1.json").read_bytes()
