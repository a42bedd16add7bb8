#!/usr/bin/env bash
# The published page's labels: extract them from the default theme and the page builders into
# src/newsdesk/resources/locale/newsdesk.pot, then bring every language's newsdesk.po up to date (new
# labels arrive untranslated; tests/render/test_page_locale.py fails until they are translated).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m babel.messages.frontend extract -F src/newsdesk/resources/locale/babel.cfg -k _ -k gettext \
    -o src/newsdesk/resources/locale/newsdesk.pot --project newsdesk --no-location --sort-output \
    --msgid-bugs-address "" --copyright-holder "The newsdesk developers" .
for po in src/newsdesk/resources/locale/*/LC_MESSAGES/newsdesk.po; do
    [ -e "$po" ] || continue
    lang=$(basename "$(dirname "$(dirname "$po")")")
    "$PY" -m babel.messages.frontend update -i src/newsdesk/resources/locale/newsdesk.pot -D newsdesk \
        -d src/newsdesk/resources/locale -l "$lang" --no-fuzzy-matching --ignore-obsolete
done
