#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, types, then pytest (GUI tests offscreen).
# The WordPress integration tests start a real WordPress on 127.0.0.1 (scripts/wordpress/), the
# shared-library tests a throwaway PostgreSQL on 127.0.0.1:55432 (scripts/postgres/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# The README's test command: the WordPress and PostgreSQL tests fail (not skip) when their
# servers cannot start, since setup.sh has installed them.
export CI="${CI:-1}"
if [ "$(id -u)" -eq 0 ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi
echo "== ruff"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
echo "== mypy"
.venv/bin/mypy
echo "== import contracts"
.venv/bin/lint-imports --no-cache
echo "== pytest"
.venv/bin/python -m pytest "$@"
