#!/usr/bin/env bash
# Prepare this checkout to run: a .venv with the app and its test tools installed.
# With --system, also install the Debian packages the tests need (PostgreSQL, chromium with Khmer
# fonts, WeasyPrint's libraries). Safe to run again: it only installs what is missing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

system_packages=(
  postgresql                     # server binaries for the PostgreSQL half of the test suite
  chromium fonts-khmeros         # browser tests; Khmer text must render
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint (PDF export)
)

install_system_packages() {
  local sudo=() missing=() package
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to apt-get install" >&2; exit 1; }
    sudo=(sudo)
  fi
  python3 -c "import ensurepip" 2>/dev/null || missing+=(python3-venv)
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

if [[ "${1:-}" == "--system" ]]; then
  install_system_packages
fi
install_python_packages
