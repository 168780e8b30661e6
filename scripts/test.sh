#!/usr/bin/env bash
# Install everything the tests need, then run pytest with any arguments given.
# The suite starts its own PostgreSQL (tests/support/postgres.py); nothing to start here.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh --system
# One worker per core (pytest-xdist), each with its own PostgreSQL and Chromium; a test file stays on
# one worker so that module fixtures (tests/test_roles.py's world) are built once. TEST_WORKERS=0: serial.
# Lint first (pyproject.toml [tool.ruff]): a finding fails the run before the tests start.
.venv/bin/ruff check --quiet .
exec .venv/bin/python -m pytest -n "${TEST_WORKERS:-auto}" --dist loadfile "$@"
