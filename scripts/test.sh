#!/usr/bin/env bash
# Install everything the tests need, then run pytest with any arguments given.
# The suite starts its own PostgreSQL (tests/support/postgres.py); nothing to start here.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh --system
exec .venv/bin/python -m pytest "$@"
