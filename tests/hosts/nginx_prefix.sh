#!/bin/sh
# Shell functions shared by the OpenResty test and benchmark (source this file).
#   khabar_nginx_prefix DIR PORT [EXTRA_CONF]  lays out an nginx prefix in DIR serving on PORT
#   khabar_nginx_start DIR                   starts nginx there, waits for /health
#   khabar_nginx_stop DIR                    stops it (QUIT, then TERM)
#   khabar_free_port                         prints a loopback port nobody listens on
# ROOT is the repository root, BUILD its build directory (default build).

: "${ROOT:=.}"
: "${BUILD:=$ROOT/build}"
: "${NGINX:=nginx}"

khabar_free_port() {
	port=$(( ($$ % 20000) + 21000 ))
	while curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; do
		port=$((port + 1))
	done
	echo "$port"
}

khabar_nginx_prefix() {
	dir=$1 port=$2 extra=${3:-}
	mkdir -p "$dir/conf/server.d" "$dir/logs" "$dir/lua/khabar" "$dir/lib/khabar"
	# Workers run as nobody when nginx starts as root: every file must be readable.
	chmod 755 "$dir"
	cp -R "$ROOT"/lua/khabar/. "$dir/lua/khabar/"
	cp "$ROOT"/examples/openresty/lua/*.lua "$dir/lua/"
	cp "$BUILD/jit/khabar/core.so" "$dir/lib/khabar/core.so"
	sed "s/listen 127\.0\.0\.1:8080;/listen 127.0.0.1:$port;/" \
		"$ROOT/examples/openresty/nginx.conf" > "$dir/conf/nginx.conf"
	[ -n "$extra" ] && cp "$extra" "$dir/conf/server.d/"
	chmod -R a+rX "$dir"
}

khabar_nginx_start() {
	dir=$1
	"$NGINX" -p "$dir" -c conf/nginx.conf -e logs/error.log 2>"$dir/logs/start.log" \
		|| { cat "$dir/logs/start.log" >&2; return 1; }
	port=$(sed -n 's/.*listen 127\.0\.0\.1:\([0-9]*\);.*/\1/p' "$dir/conf/nginx.conf")
	tries=0
	until curl -s -o /dev/null "http://127.0.0.1:$port/health"; do
		tries=$((tries + 1))
		if [ $tries -gt 50 ]; then
			echo "nginx did not answer on port $port" >&2
			cat "$dir/logs/error.log" >&2
			return 1
		fi
		sleep 0.1
	done
}

khabar_nginx_stop() {
	dir=$1
	[ -f "$dir/logs/nginx.pid" ] || return 0
	pid=$(cat "$dir/logs/nginx.pid")
	kill -QUIT "$pid" 2>/dev/null || return 0
	tries=0
	while kill -0 "$pid" 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -gt 50 ] && kill -TERM "$pid" 2>/dev/null
		[ $tries -gt 100 ] && { kill -KILL "$pid" 2>/dev/null; break; }
		sleep 0.1
	done
}

# The PIDs of the workers of the nginx whose master is $1.
khabar_nginx_workers() {
	for p in /proc/[0-9]*; do
		[ "$(awk '/^PPid:/ {print $2}' "$p/status" 2>/dev/null)" = "$1" ] && echo "${p#/proc/}"
	done
}
