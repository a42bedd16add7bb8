#!/usr/bin/env bash
# Stop the PostgreSQL server that start.sh started for this state dir (NEWSDESK_PG_DIR,
# default /tmp/newsdesk-pg). The cluster is kept, so the next start.sh is quick.
#   --purge  also delete the state dir (the next start.sh makes a fresh cluster)
set -Eeuo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

PURGE=0
for arg in "$@"; do
    case $arg in
        --purge) PURGE=1 ;;
        -h | --help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $arg (try --help)" ;;
    esac
done

if [ -d "$STATE" ]; then
    exec 9>"$STATE/.lock"
    flock -w 30 9 || log "warning: $STATE/.lock is held (a start.sh running?); stopping anyway"
    BIN=$(pg_bindir) || die "no PostgreSQL server programs under /usr/lib/postgresql"
    if [ -f "$DATADIR/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$DATADIR" -m fast -w stop >&2 || log "warning: pg_ctl stop failed"
    fi
    if [ "$PURGE" = 1 ]; then
        log "deleting $STATE"
        rm -rf -- "$STATE"
    fi
fi
log "stopped"
