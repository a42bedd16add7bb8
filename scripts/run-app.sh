#!/usr/bin/env bash
# Set up (if needed) and open newsdesk on a sample library kept in ./.sample-library.
# Extra arguments go to newsdesk, e.g. `scripts/run-app.sh article list`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NEWSDESK_BASEDIR="${NEWSDESK_BASEDIR:-$PWD/.sample-library}"
if [ "$(id -u)" -eq 0 ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ $# -eq 0 ]; then
  echo "run-app: no display found; starting under Xvfb (screenshots only)." >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/newsdesk "$@"
fi
exec .venv/bin/newsdesk "$@"
