#!/usr/bin/env bash
# Build the desktop bundle (dist/newsdesk/ with `newsdesk` and `newsdesk-gui`) with PyInstaller.
# Usage: packaging/build.sh [--distpath DIR] [--workpath DIR] [other PyInstaller options]
# Python: $PYTHON, else the checkout's .venv; PyInstaller is installed into it if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "build: installing PyInstaller into $("$PY" -c 'import sys; print(sys.prefix)')"
  "$PY" -m pip install -q "pyinstaller>=6.10"
fi
exec "$PY" -m PyInstaller --noconfirm --clean --log-level WARN "$@" packaging/newsdesk.spec
