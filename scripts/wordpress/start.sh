#!/usr/bin/env bash
# Start (or reuse) a local WordPress for newsdesk's integration tests.
#
#   scripts/wordpress/start.sh [--reset]
#
# Idempotent: installs the Debian packages if missing, starts MariaDB (unix
# socket only) and `php -S` from a private state dir, installs WordPress and
# the test users, writes $NEWSDESK_WP_DIR/credentials.json and prints
#   WORDPRESS_READY <base_url>
# on stdout as its last line. Progress and errors go to stderr.
# --reset also deletes all posts/pages/media/comments/terms (keeps users).
#
# Env: NEWSDESK_WP_DIR (default /tmp/newsdesk-wp), NEWSDESK_WP_PORT (8088).
set -Eeuo pipefail
umask 077

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

RESET=0
for arg in "$@"; do
    case $arg in
        --reset) RESET=1 ;;
        -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $arg (try --help)" ;;
    esac
done
[[ "$PORT" =~ ^[0-9]+$ ]] || die "NEWSDESK_WP_PORT must be a number, got '$PORT'"

trap 'die "start.sh failed at line $LINENO (exit $?); logs are in $LOGS"' ERR

mkdir -p "$STATE" "$LOGS" "$DB_DIR"
chmod 700 "$STATE"

# One start.sh at a time per state dir. The daemons started below must not inherit fd 9
# (they would hold the lock for their whole life and block every later start.sh/stop.sh).
exec 9>"$STATE/.lock"
flock -w 300 9 || die "$STATE/.lock is held: another start.sh is running, or servers started by an older start.sh hold it (run stop.sh)"

# Fail early if another program holds the port (not a server of ours).
if port_in_use && ! php_server_is_ours; then
    pid=$(read_pid "$PHP_PIDFILE")
    if [ -z "$pid" ] || ! pid_matches "$pid" "$DOCROOT"; then
        die "port $PORT on $HOST is used by another program; set NEWSDESK_WP_PORT"
    fi
fi

# ------------------------------------------------------------- packages
PACKAGES=(wordpress wordpress-theme-twentytwentythree wordpress-theme-twentytwentyone mariadb-server mariadb-client
    php-cli php-mysql php-curl php-xml php-mbstring php-gd)
missing=()
for p in "${PACKAGES[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == *" installed" ]] || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing Debian packages: ${missing[*]} (run as root, or apt-get install them)"
    log "installing Debian packages: ${missing[*]} (log: $LOGS/apt.log)"
    # Package scripts must not start Apache (pulled in by wordpress) or the
    # system MariaDB: keep any policy-rc.d the machine has, else add one
    # for the duration of the install.
    added_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        added_policy=1
    fi
    rc=0
    {
        apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    } >"$LOGS/apt.log" 2>&1 </dev/null || rc=$?
    [ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    if [ "$rc" != 0 ]; then
        tail -n 20 "$LOGS/apt.log" >&2
        die "apt-get install failed (exit $rc)"
    fi
fi
php_modules=$(php -m 2>/dev/null) || die "php-cli does not run"
for ext in mysqli gd mbstring xml curl; do
    grep -qix -- "$ext" <<<"$php_modules" || die "php extension '$ext' is missing"
done

# ---------------------------------------------------------------- mariadb
start_mariadb() {
    local pid i
    pid=$(read_pid "$DB_PIDFILE")
    if [ -n "$pid" ] && pid_matches "$pid" "$DATADIR"; then
        # Ours but not answering: still starting, or hung.
        for ((i = 0; i < 150; i++)); do db_ping && return 0; sleep 0.2; done
        log "mariadb (pid $pid) does not answer; restarting it"
        stop_pid "$pid" 60
    fi
    rm -f "$DB_PIDFILE"
    [ -e "$DB_SOCKET" ] && rm -f "$DB_SOCKET"

    if [ ! -f "$DB_DIR/.initialized" ]; then
        log "initialising MariaDB data dir $DATADIR"
        rm -rf "$DATADIR"
        mariadb-install-db --no-defaults --datadir="$DATADIR" \
            --auth-root-authentication-method=normal --skip-test-db \
            --user="$(id -un)" >"$LOGS/mariadb-install.log" 2>&1 ||
            { tail -n 20 "$LOGS/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
        touch "$DB_DIR/.initialized"
    fi

    log "starting MariaDB (socket $DB_SOCKET)"
    # --skip-networking: unix socket only, nothing listens on TCP.
    setsid mariadbd --no-defaults \
        --datadir="$DATADIR" --socket="$DB_SOCKET" --pid-file="$DB_PIDFILE" \
        --skip-networking --log-error="$LOGS/mariadb.log" --user="$(id -un)" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 \
        --skip-log-bin --max-allowed-packet=64M \
        </dev/null >>"$LOGS/mariadb.log" 2>&1 9>&- &
    pid=$!
    for ((i = 0; i < 600; i++)); do
        db_ping && break
        kill -0 "$pid" 2>/dev/null || {
            tail -n 20 "$LOGS/mariadb.log" >&2
            die "mariadbd exited during start-up (log: $LOGS/mariadb.log)"
        }
        sleep 0.1
    done
    db_ping || { tail -n 20 "$LOGS/mariadb.log" >&2; die "mariadbd did not answer within 60s"; }
}

if db_ping; then
    log "reusing running MariaDB ($DB_SOCKET)"
else
    start_mariadb
fi

if [ ! -s "$STATE/db_password" ]; then
    head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 >"$STATE/db_password"
fi
DB_PASSWORD=$(cat "$STATE/db_password")
# shellcheck disable=SC2119
db_sql <<SQL || die "could not create the database/user (log: $LOGS/mariadb.log)"
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
SQL

# ---------------------------------------------------------------- docroot
# A private copy of /usr/share/wordpress (hard links when on the same file
# system, else a plain copy) with its own wp-config.php and wp-content/
# uploads: the Debian wp-config.php (which reads /etc/wordpress) is not used
# and nothing outside the state dir is written. A copy, not symlinks,
# because PHP resolves symlinks in __FILE__/__DIR__, which WordPress uses to
# find wp-config.php. Rebuilt when the Debian packages change version.
# (bump "layout" when the way the docroot is built changes)
stamp="layout=2 $(dpkg-query -W -f='${Package}=${Version} ' wordpress wordpress-theme-twentytwentythree wordpress-theme-twentytwentyone)"
if [ ! -f "$DOCROOT/.newsdesk-stamp" ] || [ "$(cat "$DOCROOT/.newsdesk-stamp")" != "$stamp" ]; then
    log "building docroot $DOCROOT from /usr/share/wordpress"
    rm -rf "$DOCROOT.new"
    if ! cp -al /usr/share/wordpress "$DOCROOT.new" 2>/dev/null; then
        rm -rf "$DOCROOT.new"
        cp -a /usr/share/wordpress "$DOCROOT.new"
    fi
    # Debian's relative symlinks (getID3, underscore.js, ...) would dangle
    # in the copy: point them at their absolute targets.
    while IFS= read -r -d '' link; do
        rel=${link#"$DOCROOT.new"/}
        target=$(readlink -f -- "/usr/share/wordpress/$rel") || continue
        ln -sfn -- "$target" "$link"
    done < <(find "$DOCROOT.new" -type l -print0)
    # Remove (never edit) the links to Debian's files we replace.
    rm -f "$DOCROOT.new/wp-config.php" "$DOCROOT.new/.htaccess"
    if [ -d "$DOCROOT/wp-content/uploads" ]; then
        mv "$DOCROOT/wp-content/uploads" "$DOCROOT.new/wp-content/uploads"
    fi
    echo "$stamp" >"$DOCROOT.new/.newsdesk-stamp.tmp"
    mv "$DOCROOT.new/.newsdesk-stamp.tmp" "$DOCROOT.new/.newsdesk-stamp"
    rm -rf "$DOCROOT"
    mv "$DOCROOT.new" "$DOCROOT"
fi
mkdir -p "$DOCROOT/wp-content/uploads"

# Replace a file only if its content changed (write + rename: never write
# through a hard link into /usr/share/wordpress).
install_file() { # install_file DEST < content
    local dest=$1 tmp
    tmp=$(mktemp "$dest.XXXXXX")
    cat >"$tmp"
    if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then
        rm -f "$tmp"
    else
        chmod 644 "$tmp"
        mv -f "$tmp" "$dest"
    fi
}

if [ ! -s "$STATE/wp-salts.php" ]; then
    # shellcheck disable=SC2016  # PHP code, not shell
    php -r 'echo "<?php\n"; foreach (["AUTH_KEY","SECURE_AUTH_KEY","LOGGED_IN_KEY","NONCE_KEY","AUTH_SALT","SECURE_AUTH_SALT","LOGGED_IN_SALT","NONCE_SALT"] as $k) printf("define(%s, %s);\n", var_export($k, true), var_export(bin2hex(random_bytes(32)), true));' \
        >"$STATE/wp-salts.php.tmp"
    mv "$STATE/wp-salts.php.tmp" "$STATE/wp-salts.php"
fi

install_file "$DOCROOT/wp-config.php" <<PHP
<?php
// Written by scripts/wordpress/start.sh; rewritten on every start.
define('DB_NAME', '$DB_NAME');
define('DB_USER', '$DB_USER');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$DB_SOCKET');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
require '$STATE/wp-salts.php';

define('WP_HOME', '$BASE_URL');
define('WP_SITEURL', '$BASE_URL');
// 'local' lets application passwords work over plain http.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', false);
define('WP_DEBUG_DISPLAY', false);
// No cron loopback requests, no updates, no network calls, and no writes
// to core files (they are hard links to /usr/share/wordpress).
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');

if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
PHP
install_file "$STATE/router.php" <"$HERE/router.php"

# ---------------------------------------------------- install / provision
log "provisioning WordPress$([ "$RESET" = 1 ] && echo ' (with content reset)')"
setup_args=("$DOCROOT" "$CREDENTIALS" "$BASE_URL")
[ "$RESET" = 1 ] && setup_args+=(--reset)
php -d memory_limit=512M -d display_errors=stderr -d log_errors=0 \
    "$HERE/setup.php" "${setup_args[@]}" >"$LOGS/setup.log" 2>&1 ||
    { tail -n 30 "$LOGS/setup.log" >&2; die "WordPress setup failed (log: $LOGS/setup.log)"; }

# ------------------------------------------------------------- php server
start_php_server() {
    local pid i
    stop_php_server # a previous one of ours that does not answer right
    port_in_use && die "port $PORT on $HOST is used by another program; set NEWSDESK_WP_PORT"
    log "starting php -S $HOST:$PORT (log: $LOGS/php-server.log)"
    # 4 workers so that parallel requests (and WordPress calling itself)
    # do not queue behind one another.
    PHP_CLI_SERVER_WORKERS=4 setsid php \
        -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=512M \
        -d max_execution_time=120 -d display_errors=0 -d log_errors=1 \
        -d error_log="$LOGS/php-error.log" \
        -S "$HOST:$PORT" -t "$DOCROOT" "$STATE/router.php" \
        </dev/null >>"$LOGS/php-server.log" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PHP_PIDFILE"
    for ((i = 0; i < 300; i++)); do
        php_server_is_ours && return 0
        kill -0 "$pid" 2>/dev/null || {
            tail -n 20 "$LOGS/php-server.log" >&2
            die "php -S exited during start-up (log: $LOGS/php-server.log)"
        }
        sleep 0.1
    done
    die "php -S did not answer on $BASE_URL within 30s"
}

if php_server_is_ours; then
    log "reusing running php server on $BASE_URL"
else
    start_php_server
fi

# ------------------------------------------------------------ self-check
php -n -d error_reporting=0 "$HERE/check.php" "$CREDENTIALS" >"$LOGS/check.log" 2>&1 ||
    { cat "$LOGS/check.log" >&2; die "self-check over HTTP failed"; }

trap - ERR
echo "WORDPRESS_READY $BASE_URL"
