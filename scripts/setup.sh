#!/usr/bin/env bash
# Prepare this checkout to run: a .venv with the app and its test tools installed.
# --runtime: also the Debian packages the app itself needs (Khmer fonts and WeasyPrint's libraries
# for the newsletter PDF). --system: those plus what the tests need (PostgreSQL, chromium).
# Safe to run again: it only installs what is missing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

runtime_packages=(
  fonts-khmeros                  # Khmer text in the newsletter PDF and in the browser
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint (PDF export)
)
test_packages=(
  postgresql                     # server binaries for the PostgreSQL half of the test suite
  chromium                       # browser tests
  nodejs                         # the offline app's unit tests (tests/js), and its rules against Python's
)
system_packages=("${runtime_packages[@]}")

install_system_packages() {
  local sudo=() missing=() package
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to apt-get install" >&2; exit 1; }
    sudo=(sudo)
  fi
  python3 -c "import ensurepip" 2>/dev/null || missing+=(python3-venv)
  # Debian's nodejs comes without npm (NodeSource's includes it); the offline app's unit tests need it.
  if [[ " ${system_packages[*]} " == *" nodejs "* ]] && ! command -v npm >/dev/null; then missing+=(npm); fi
  for package in "${system_packages[@]}"; do
    dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$package")
  done
  if (( ${#missing[@]} )); then
    echo "setup.sh: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
}

install_python_packages() {
  [[ -x .venv/bin/python ]] || python3 -m venv .venv
  # Reinstall only when pyproject.toml changed since the last successful install.
  local stamp=.venv/.installed-pyproject
  if ! cmp -s pyproject.toml "$stamp"; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
    cp pyproject.toml "$stamp"
  fi
}

install_node_packages() {
  # The offline app's unit tests (tests/js) run on node with fake-indexeddb; the app needs no build.
  command -v npm >/dev/null || return 0
  local stamp=node_modules/.installed-lock
  if ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

case "${1:-}" in
  --system) system_packages+=("${test_packages[@]}"); install_system_packages ;;
  --runtime) install_system_packages ;;
esac
install_python_packages
install_node_packages
