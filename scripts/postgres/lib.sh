# Shared settings and helpers for start.sh / stop.sh (sourced, not run).
# shellcheck disable=SC2034  # variables used by start.sh / stop.sh
# shellcheck shell=bash

NEWSDESK_PG_DIR=${NEWSDESK_PG_DIR:-/tmp/newsdesk-pg}
NEWSDESK_PG_PORT=${NEWSDESK_PG_PORT:-55432}

STATE=$(realpath -m -- "$NEWSDESK_PG_DIR")
PORT=$NEWSDESK_PG_PORT
HOST=127.0.0.1
DATADIR=$STATE/data
SOCKDIR=$STATE/run
LOGS=$STATE/logs
DB_USER=newsdesk
DB_NAME=newsdesk_test
URL="postgresql+psycopg://$DB_USER@$HOST:$PORT/$DB_NAME"

log() { echo "[newsdesk-pg] $*" >&2; }
die() { echo "[newsdesk-pg] ERROR: $*" >&2; exit 1; }

# The newest installed server's programs (Debian keeps them out of PATH).
pg_bindir() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

# PostgreSQL refuses to run as root: as root, run the server's programs as the `postgres`
# system user (made by the Debian package); as anyone else, as that user.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

owner_name() {
    if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi
}
