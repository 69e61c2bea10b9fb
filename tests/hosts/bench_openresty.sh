#!/bin/sh
# make bench-openresty: wrk against the OpenResty example on loopback, two
# nginx workers. A short warm-up measures the rate, then one wrk run long
# enough for REQUESTS requests (bounded by MAX_SECONDS). Prints requests/s,
# p50/p99 latency, errors (must be 0) and each worker's RSS before and after
# (growth must stay under RSS_NOISE_KB). Then a short run of /normalize.
set -u
ROOT=${ROOT:-.}
ARTICLE=${ARTICLE:-$ROOT/spec/fixtures/sample/article.txt}
REQUESTS=${REQUESTS:-100000}
MAX_SECONDS=${MAX_SECONDS:-240}
CONNECTIONS=${CONNECTIONS:-4}
RSS_NOISE_KB=${RSS_NOISE_KB:-4096}
. "$ROOT/tests/hosts/nginx_prefix.sh"

prefix=$(mktemp -d /tmp/khabar-bench.XXXXXX)
trap 'khabar_nginx_stop "$prefix"; rm -rf "$prefix"' EXIT INT TERM
port=$(khabar_free_port)
khabar_nginx_prefix "$prefix" "$port"
khabar_nginx_start "$prefix" || exit 1
master=$(cat "$prefix/logs/nginx.pid")
base="http://127.0.0.1:$port"

rss() {
	for w in $(khabar_nginx_workers "$master"); do
		printf '%s:%s ' "$w" "$(awk '/^VmRSS:/ {print $2}' "/proc/$w/status")"
	done
}

# wrk's summary → "requests seconds req/s p50 p99 errors"
summary() {
	awk '
		/requests in/ {
			n = $1; s = $4; sub(/,$/, "", s)
			if (s ~ /ms$/) { sub(/ms$/, "", s); s /= 1000 }
			else if (s ~ /m$/) { sub(/m$/, "", s); s *= 60 }
			else sub(/s$/, "", s)
		}
		/Requests\/sec/ { rate = $2 }
		/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
		/Non-2xx/ { errors += $5 }
		/Socket errors/ { for (i = 4; i <= NF; i += 2) { v = $i; sub(/,/, "", v); errors += v } }
		END { printf "%d %s %s %s %s %d\n", n, s, rate, p50, p99, errors + 0 }' "$1"
}

status=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary "@$ARTICLE" "$base/analyze?date=2020-12-28")
if [ "$status" = 200 ]; then
	url="$base/analyze?date=2020-12-28"
	what="POST /analyze ($(wc -c < "$ARTICLE") bytes)"
else
	echo "POST /analyze answers $status (engine without analyze?): benchmarking /normalize only"
	url=""
fi

fail=0
KHABAR_BODY=$ARTICLE
export KHABAR_BODY
if [ -n "$url" ]; then
	wrk -t2 -c"$CONNECTIONS" -d3s -s "$ROOT/tests/hosts/wrk_post.lua" "$url" > "$prefix/warm.txt"
	rate=$(summary "$prefix/warm.txt" | awk '{print $3}')
	seconds=$(awk -v n="$REQUESTS" -v r="$rate" -v m="$MAX_SECONDS" \
		'BEGIN { s = int(n / r * 1.05) + 1; if (s > m) s = m; print s }')
	before=$(rss)
	echo "$what: $seconds s for about $REQUESTS requests ($CONNECTIONS connections, 2 workers)"
	wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$ROOT/tests/hosts/wrk_post.lua" "$url" \
		> "$prefix/run.txt"
	after=$(rss)
	set -- $(summary "$prefix/run.txt")
	echo "  requests: $1 in $2 s = $3 req/s; latency p50 $4, p99 $5; errors $6"
	echo "  worker RSS (pid:kB) before: $before"
	echo "  worker RSS (pid:kB) after:  $after"
	[ "$6" -eq 0 ] || { echo "  FAIL: $6 errors"; fail=1; }
	[ "$1" -ge "$REQUESTS" ] || echo "  note: $1 requests < $REQUESTS (bounded by MAX_SECONDS=$MAX_SECONDS)"
	for w in $(khabar_nginx_workers "$master"); do
		b=$(echo "$before" | tr ' ' '\n' | awk -F: -v w="$w" '$1 == w {print $2}')
		a=$(echo "$after" | tr ' ' '\n' | awk -F: -v w="$w" '$1 == w {print $2}')
		if [ -z "$b" ] || [ -z "$a" ]; then echo "  FAIL: worker $w changed during the run"; fail=1; continue; fi
		growth=$((a - b))
		echo "  worker $w RSS growth: $growth kB (limit $RSS_NOISE_KB kB)"
		[ "$growth" -le "$RSS_NOISE_KB" ] || { echo "  FAIL: worker $w grew by $growth kB"; fail=1; }
	done
fi

q=$(printf 'الأَحْمَد' | od -An -tx1 | tr -d ' \n' | sed 's/\(..\)/%\1/g')
wrk -t2 -c"$CONNECTIONS" -d"${NORMALIZE_SECONDS:-5}s" --latency "$base/normalize?q=$q&profile=search" > "$prefix/norm.txt"
set -- $(summary "$prefix/norm.txt")
echo "GET /normalize (one word, per keystroke): $1 requests in $2 s = $3 req/s; latency p50 $4, p99 $5; errors $6"
[ "$6" -eq 0 ] || { echo "  FAIL: $6 errors"; fail=1; }
grep -E '\[(error|crit|alert|emerg)\]' "$prefix/logs/error.log" && { echo "FAIL: errors in error.log"; fail=1; }
exit $fail
