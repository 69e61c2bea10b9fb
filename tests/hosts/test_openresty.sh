#!/bin/sh
# make test-hosts, OpenResty part: starts Debian's nginx with the example
# configuration on a loopback port in a temporary prefix, runs the checks of
# tests/hosts/openresty_test.lua against it, and stops it whatever happens.
set -u
ROOT=${ROOT:-.}
LUA=${LUA:-lua5.4}
ARTICLE=${ARTICLE:-$ROOT/spec/fixtures/sample/article.txt}
. "$ROOT/tests/hosts/nginx_prefix.sh"

prefix=$(mktemp -d /tmp/khabar-nginx.XXXXXX)
trap 'khabar_nginx_stop "$prefix"; rm -rf "$prefix"' EXIT INT TERM
port=$(khabar_free_port)
khabar_nginx_prefix "$prefix" "$port" "$ROOT/tests/hosts/openresty_test.conf"
khabar_nginx_start "$prefix" || exit 1
"$LUA" "$ROOT/tests/hosts/openresty_test.lua" "$port" "$prefix" "$ARTICLE"
status=$?
[ $status -ne 0 ] && { echo "--- error.log"; tail -n 30 "$prefix/logs/error.log"; }
exit $status
