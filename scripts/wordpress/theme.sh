#!/usr/bin/env bash
# Switch the running test WordPress to another installed theme:
#   scripts/wordpress/theme.sh twentytwentyone|twentytwentythree
# Env: NEWSDESK_WP_DIR, NEWSDESK_WP_PORT (as for start.sh). Prints the active theme.
set -Eeuo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
[ $# = 1 ] || die "usage: theme.sh SLUG"
php -d display_errors=stderr "$HERE/theme.php" "$DOCROOT" "$BASE_URL" "$1"
