# Shared settings and helpers for start.sh / stop.sh (sourced, not run).
# shellcheck disable=SC2034  # variables used by start.sh / stop.sh
# shellcheck shell=bash

NEWSDESK_WP_DIR=${NEWSDESK_WP_DIR:-/tmp/newsdesk-wp}
NEWSDESK_WP_PORT=${NEWSDESK_WP_PORT:-8088}

STATE=$(realpath -m -- "$NEWSDESK_WP_DIR")
PORT=$NEWSDESK_WP_PORT
HOST=127.0.0.1
BASE_URL="http://$HOST:$PORT"

LOGS=$STATE/logs
DOCROOT=$STATE/docroot
CREDENTIALS=$STATE/credentials.json
DB_DIR=$STATE/mysql
DATADIR=$DB_DIR/data
DB_PIDFILE=$DB_DIR/mariadbd.pid
PHP_PIDFILE=$STATE/php-server.pid
DB_NAME=wordpress
DB_USER=newsdesk

# A unix socket path must stay under ~107 bytes; fall back to /tmp if the
# state dir is deep.
DB_SOCKET=$DB_DIR/mariadbd.sock
if [ "${#DB_SOCKET}" -gt 100 ]; then
    DB_SOCKET=/tmp/newsdesk-wp-$(printf '%s' "$STATE" | md5sum | cut -c1-12).sock
fi

log() { echo "[newsdesk-wp] $*" >&2; }
die() { echo "[newsdesk-wp] ERROR: $*" >&2; exit 1; }

# True if $1 is a live process whose command line contains $2.
pid_matches() {
    local pid=$1 needle=$2
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ "$cmdline" == *"$needle"* ]]
}

read_pid() { if [ -f "$1" ]; then tr -dc "0-9" <"$1" 2>/dev/null || true; fi; }

db_ping() {
    [ -S "$DB_SOCKET" ] || return 1
    mariadb-admin --no-defaults --socket="$DB_SOCKET" --user=root \
        --connect-timeout=2 ping >/dev/null 2>&1
}

db_sql() {
    mariadb --no-defaults --socket="$DB_SOCKET" --user=root --batch --skip-column-names "$@"
}

# GET a URL; prints the body, fails if nothing answers. Uses php so that
# curl is not needed.
# shellcheck disable=SC2016
http_get() {
    php -n -r '
        $c = stream_context_create(["http" => ["timeout" => 3, "ignore_errors" => true]]);
        $r = @file_get_contents($argv[1], false, $c);
        if ($r === false) exit(1);
        echo $r;' "$1" 2>/dev/null
}

php_server_is_ours() {
    [ "$(http_get "$BASE_URL/__newsdesk_ping")" = "newsdesk-wp $DOCROOT" ]
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

# Stop a process (and its process group if it leads one): TERM, wait up to
# $2 seconds, then KILL.
stop_pid() {
    local pid=$1 wait_s=${2:-20} target i
    target=$pid
    if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
        target=-$pid
    fi
    kill -TERM -- "$target" 2>/dev/null || return 0
    for ((i = 0; i < wait_s * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "pid $pid did not stop in ${wait_s}s, killing it"
    kill -KILL -- "$target" 2>/dev/null || true
    sleep 0.2
}

stop_php_server() {
    local pid
    pid=$(read_pid "$PHP_PIDFILE")
    if [ -n "$pid" ] && pid_matches "$pid" "$DOCROOT"; then
        log "stopping php server (pid $pid)"
        stop_pid "$pid" 10
    fi
    rm -f "$PHP_PIDFILE"
}

stop_mariadb() {
    local pid
    pid=$(read_pid "$DB_PIDFILE")
    if [ -n "$pid" ] && pid_matches "$pid" "$DATADIR"; then
        log "stopping mariadb (pid $pid)"
        stop_pid "$pid" 60 # SIGTERM is a clean shutdown for mariadbd
    elif db_ping; then
        log "stopping mariadb (via socket)"
        mariadb-admin --no-defaults --socket="$DB_SOCKET" --user=root shutdown >/dev/null 2>&1 || true
    fi
    rm -f "$DB_PIDFILE"
    [ -S "$DB_SOCKET" ] && ! db_ping && rm -f "$DB_SOCKET"
    return 0
}
