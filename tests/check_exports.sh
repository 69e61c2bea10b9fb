#!/bin/sh
# Each module must export luaopen_* and nothing else, and never link liblua.
set -e
status=0
for so in "$@"; do
	extra=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRW]$/ {print $3}' | grep -v '^luaopen_' || true)
	if [ -n "$extra" ]; then echo "$so exports: $extra"; status=1; fi
	if ldd "$so" | grep -q -E 'liblua|libluajit'; then echo "$so links liblua"; status=1; fi
	nm -D --defined-only "$so" | grep -q ' luaopen_khabar_core$' || { echo "$so: no luaopen_khabar_core"; status=1; }
done
[ $status -eq 0 ] && echo "exports ok: $*"
exit $status
