#!/usr/bin/env bash
# Refresh the translation catalogues after changing code or templates: extract every interface
# string, merge new ones into the Khmer catalogue, compile it. The fixed width keeps diffs small.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
babel=(.venv/bin/pybabel)
"${babel[@]}" extract -F babel.cfg -k _l -k say -k _n:1,2 --no-location --sort-output \
  -o monitor/translations/messages.pot . >/dev/null
"${babel[@]}" update -i monitor/translations/messages.pot -d monitor/translations --no-fuzzy-matching -w 100 >/dev/null
"${babel[@]}" compile -d monitor/translations >/dev/null
.venv/bin/flask --app wsgi translations missing || true
