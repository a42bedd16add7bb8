#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL server for newsdesk's shared-library tests.
#
#   scripts/postgres/start.sh
#
# Idempotent: installs the Debian package if missing (as root), makes a cluster in
# $NEWSDESK_PG_DIR/data, starts it listening on 127.0.0.1:$NEWSDESK_PG_PORT only (plus a
# unix socket in the state dir), trust authentication for local connections (the cluster
# holds test data only and nothing outside this machine can reach it), creates the database
# newsdesk_test, and prints its URL on stdout as the last line. Progress goes to stderr.
#
# Env: NEWSDESK_PG_DIR (default /tmp/newsdesk-pg), NEWSDESK_PG_PORT (55432).
set -Eeuo pipefail
umask 077

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

for arg in "$@"; do
    case $arg in
        -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $arg (try --help)" ;;
    esac
done
[[ "$PORT" =~ ^[0-9]+$ ]] || die "NEWSDESK_PG_PORT must be a number, got '$PORT'"

trap 'die "start.sh failed at line $LINENO (exit $?); logs are in $LOGS"' ERR

# ------------------------------------------------------------- packages
if [ -z "$(pg_bindir)" ]; then
    [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed (run as root, or apt-get install postgresql)"
    mkdir -p "$STATE"
    log "installing Debian package postgresql (log: $STATE/apt.log)"
    # The package would create and start a system cluster: keep it from starting anything.
    added_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        added_policy=1
    fi
    rc=0
    {
        apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
    } >"$STATE/apt.log" 2>&1 </dev/null || rc=$?
    [ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    [ "$rc" = 0 ] || { tail -n 20 "$STATE/apt.log" >&2; die "apt-get install failed (exit $rc)"; }
fi
BIN=$(pg_bindir) || die "no PostgreSQL server programs under /usr/lib/postgresql"
OWNER=$(owner_name)
id "$OWNER" >/dev/null 2>&1 || die "user '$OWNER' to run PostgreSQL as does not exist"

mkdir -p "$STATE"
chmod 755 "$STATE"
as_owner true 2>/dev/null || die "cannot run programs as $OWNER"
for d in "$LOGS" "$SOCKDIR"; do
    mkdir -p "$d"
    if [ "$(id -u)" = 0 ]; then chown "$OWNER" "$d"; fi
done

# One start.sh at a time per state dir; the server must not inherit the lock's fd.
exec 9>"$STATE/.lock"
flock -w 120 9 || die "$STATE/.lock is held: another start.sh is running"

pg_answers() { "$BIN/pg_isready" -q -h "$HOST" -p "$PORT" -U "$DB_USER" -d postgres; }
ours_running() { as_owner "$BIN/pg_ctl" status -D "$DATADIR" >/dev/null 2>&1; }

# ---------------------------------------------------------------- cluster
if [ ! -f "$DATADIR/PG_VERSION" ]; then
    log "initialising a cluster in $DATADIR"
    rm -rf "$DATADIR"
    mkdir -p "$DATADIR"
    if [ "$(id -u)" = 0 ]; then chown "$OWNER" "$DATADIR"; fi
    chmod 700 "$DATADIR"
    as_owner "$BIN/initdb" -D "$DATADIR" -U "$DB_USER" --auth-local=trust --auth-host=trust \
        -E UTF8 --locale=C.UTF-8 >"$LOGS/initdb.log" 2>&1 ||
        { tail -n 20 "$LOGS/initdb.log" >&2; die "initdb failed (log: $LOGS/initdb.log)"; }
fi

if ours_running && pg_answers; then
    log "reusing running PostgreSQL on $HOST:$PORT"
else
    if pg_answers; then
        die "port $PORT on $HOST is used by another PostgreSQL; set NEWSDESK_PG_PORT"
    fi
    log "starting PostgreSQL on $HOST:$PORT (log: $LOGS/postgres.log)"
    # Test data only: durability settings off for speed.
    as_owner "$BIN/pg_ctl" -D "$DATADIR" -l "$LOGS/postgres.log" -w -t 60 \
        -o "-c listen_addresses=$HOST -p $PORT -k $SOCKDIR -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
        start >"$LOGS/pg_ctl.log" 2>&1 9>&- ||
        { tail -n 20 "$LOGS/postgres.log" >&2; die "PostgreSQL did not start (log: $LOGS/postgres.log)"; }
fi

# --------------------------------------------------------------- database
psql_cmd() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$DB_USER" -d postgres "$@"; }
if [ "$(psql_cmd -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    log "creating database $DB_NAME"
    psql_cmd -c "CREATE DATABASE $DB_NAME"
fi

trap - ERR
echo "$URL"
