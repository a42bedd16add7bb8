#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, types, then pytest (GUI tests offscreen).
# The WordPress integration tests start a real WordPress on 127.0.0.1 (scripts/wordpress/), the
# shared-library tests a throwaway PostgreSQL on 127.0.0.1:55432 (scripts/postgres/).
# The WordPress (PHP + MariaDB) and PostgreSQL servers the tests start are stopped when the
# run ends, unless they were already running before it or --keep-servers is given.
# `scripts/test.sh --quick`: the fast unit tier instead — lint, types, import contracts and the
# tests that need no GUI, no server and no subprocess (tests/conftest.py says which); no peers.
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP_SERVERS=0
QUICK=""
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --keep-servers) KEEP_SERVERS=1 ;;
    --quick) QUICK=1 ;;  # the fast unit tier (tests/conftest.py)
    --fuzz) export NEWSDESK_FUZZ=long ;;  # tests/fuzz with the long Hypothesis profile
    *) ARGS+=("$arg") ;;
  esac
done
set -- ${ARGS[@]+"${ARGS[@]}"}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
WP_WAS_UP=0; PG_WAS_UP=0
listening "${NEWSDESK_WP_PORT:-8088}" && WP_WAS_UP=1
listening "${NEWSDESK_PG_PORT:-55432}" && PG_WAS_UP=1
stop_servers() {
  [ "$KEEP_SERVERS" = 1 ] && return 0
  if [ "$WP_WAS_UP" = 0 ] && listening "${NEWSDESK_WP_PORT:-8088}"; then
    bash scripts/wordpress/stop.sh || true
  fi
  if [ "$PG_WAS_UP" = 0 ] && listening "${NEWSDESK_PG_PORT:-55432}"; then
    bash scripts/postgres/stop.sh || true
  fi
}
trap stop_servers EXIT
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
if [ -n "$QUICK" ]; then
  echo "== import contracts"
  .venv/bin/lint-imports --no-cache
  echo "== pytest --quick"
  exec .venv/bin/python -m pytest --quick "$@"
fi
echo "== peers"
# The real Ghost and Micropub servers the publishing tests use (tests/publish/conftest.py):
# $NEWSDESK_PEERS_DIR, else ../shared/peers beside the repo, else /work/shared/peers. Started
# here, before pytest, since Ghost's first install takes minutes. Without a peers folder those
# tests skip (loudly); under CI a peer that exists but cannot start fails them.
PEERS=""
for dir in "${NEWSDESK_PEERS_DIR:-}" "$PWD/../shared/peers" /work/shared/peers; do
  if [ -n "$dir" ] && [ -f "$dir/README.md" ]; then PEERS="$(cd "$dir" && pwd)"; break; fi
done
if [ -z "$PEERS" ]; then
  echo "!! no peers folder: the Ghost and Micropub publishing tests will be SKIPPED" >&2
else
  export NEWSDESK_PEERS_DIR="$PEERS"
  for peer in micropub ghost; do
    if ! bash "$PEERS/$peer/start.sh"; then
      echo "!! the $peer peer did not start; its tests will fail under CI" >&2
    fi
  done
fi
echo "== import contracts"
.venv/bin/lint-imports --no-cache
echo "== pytest"
.venv/bin/python -m pytest "$@"
