#!/usr/bin/env bash
# The desktop app's own strings: collect the marked ones (self.tr, QCoreApplication.translate,
# QT_TRANSLATE_NOOP) from newsdesk.ui into translations/newsdesk_<lang>.ts (the Qt Linguist sources,
# kept out of the package) with pyside6-lupdate, then compile each .ts into the .qm that
# newsdesk.ui.i18n loads from src/newsdesk/resources/translations/ (the package ships only those).
# Translate a .ts with pyside6-linguist (or any .ts editor) between the two steps.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
mapfile -t sources < <(find src/newsdesk/ui -name '*.py' | sort)
for ts in translations/newsdesk_*.ts; do
    "$BIN/pyside6-lupdate" -no-obsolete -locations none "${sources[@]}" -ts "$ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "src/newsdesk/resources/translations/$(basename "${ts%.ts}").qm"
done
