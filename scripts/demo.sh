#!/usr/bin/env bash
# Run Court Monitor locally with demo data: migrate, load demo hearings, serve on $PORT (5000).
# The demo loader prints the accounts to sign in with.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh --runtime
flask=.venv/bin/flask
# A developer's machine: no SECRET_KEY needed, cookies over plain HTTP. Production never sets this.
export MONITOR_ENV=development
# The demo programme works in Cambodia: times on the pages are Phnom Penh times.
export MONITOR_TIME_ZONE="${MONITOR_TIME_ZONE:-Asia/Phnom_Penh}"
# Releases published in the demo link to the address it serves, not to the default port.
port="${PORT:-5000}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:$port}"

"$flask" --app wsgi db upgrade
"$flask" --app wsgi demo load --hearings 300
exec "$flask" --app wsgi run --host 0.0.0.0 --port "$port"
