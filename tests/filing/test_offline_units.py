"""The offline app's unit tests (tests/js/*.test.js: the phone's storage and the outbox), run by
node's own test runner on the app's ES modules as they are served. fake-indexeddb, installed by
scripts/setup.sh from package-lock.json, gives them a complete IndexedDB."""
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
UNIT_TESTS = sorted((REPOSITORY / "tests" / "js").glob("*.test.js"))


def test_the_unit_tests_are_found():
    assert {path.name for path in UNIT_TESTS} >= {"store.test.js", "sync.test.js"}


@pytest.mark.parametrize("path", UNIT_TESTS, ids=lambda path: path.stem)
def test_offline_app_module(path):
    assert (REPOSITORY / "node_modules" / "fake-indexeddb").is_dir(), "run scripts/setup.sh: it installs the node test packages"
    completed = subprocess.run(["node", "--test", "--test-reporter=spec", str(path)], cwd=REPOSITORY,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr
