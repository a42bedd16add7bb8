#!/usr/bin/env bash
# Stop the php server and MariaDB that start.sh started for this state dir
# (NEWSDESK_WP_DIR, default /tmp/newsdesk-wp). The state dir is kept, so the
# next start.sh finds the same site, users and credentials.
#   --purge  also delete the state dir (the next start.sh installs afresh)
set -Eeuo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

PURGE=0
for arg in "$@"; do
    case $arg in
        --purge) PURGE=1 ;;
        -h | --help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $arg (try --help)" ;;
    esac
done

if [ -d "$STATE" ]; then
    exec 9>"$STATE/.lock"
    flock -w 30 9 || log "warning: $STATE/.lock is held (a start.sh running?); stopping anyway"
    stop_php_server
    stop_mariadb
    if [ "$PURGE" = 1 ]; then
        log "deleting $STATE"
        rm -rf -- "$STATE"
    fi
fi
log "stopped"
