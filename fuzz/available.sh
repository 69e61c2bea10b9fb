#!/bin/sh
# Prints the names of the harnesses whose engine functions exist yet: each
# fuzz/fuzz_NAME.c names on a "needs:" line the functions it calls, and the
# harness is built only once every one of them is defined in the archive.
# usage: available.sh ENGINE_ARCHIVE [--missing]
archive=$1
defined=$(nm -g --defined-only "$archive" 2>/dev/null | awk '$2 == "T" {print $3}')
for source in fuzz/fuzz_*.c; do
	name=$(basename "$source" .c)
	needs=$(sed -n 's/^ \* needs: //p' "$source")
	missing=""
	for symbol in $needs; do
		echo "$defined" | grep -qx "$symbol" || missing="$missing $symbol"
	done
	if [ "$2" = "--missing" ]; then
		[ -n "$missing" ] && echo "$name:$missing"
	else
		[ -z "$missing" ] && echo "$name"
	fi
done
exit 0
