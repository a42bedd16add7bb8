#!/usr/bin/env bash
# Delete all posts, pages, media (rows and files), comments and terms (the
# default category stays), keeping users and their credentials. Starts the
# site first if needed. Same as `start.sh --reset`; prints WORDPRESS_READY.
exec "$(dirname -- "${BASH_SOURCE[0]}")/start.sh" --reset "$@"
