#!/bin/sh
# make test-hosts, render part: `khabar render` of the sample article, loaded
# in Debian's headless Chromium (DOM dump and screenshot), checked by
# tests/hosts/render_test.lua. SCREENSHOT=path keeps the screenshot.
set -u
ROOT=${ROOT:-.}
LUA=${LUA:-lua5.4}
CHROMIUM=${CHROMIUM:-chromium}
ARTICLE=${ARTICLE:-$ROOT/spec/fixtures/sample/article.txt}
work=$(mktemp -d /tmp/khabar-render.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

"$LUA" "$ROOT/bin/khabar" render --date 2020-12-28 --title "khabar: sample article (2020-12-28)" \
	"$ARTICLE" > "$work/page.html" || exit 1
# Chromium as root needs --no-sandbox; the network is closed, so nothing may phone home.
chrome() {
	profile=$1
	shift
	"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$work/profile-$profile" "$@" 2>>"$work/chromium.log"
}
chrome dump --dump-dom "file://$work/page.html" > "$work/dom.html" \
	|| { cat "$work/chromium.log"; exit 1; }
chrome shot --window-size="${SHOT_SIZE:-1000,1250}" --screenshot="$work/shot.png" "file://$work/page.html" >/dev/null \
	|| { cat "$work/chromium.log"; exit 1; }
"$LUA" "$ROOT/tests/hosts/render_test.lua" "$ARTICLE" "$work/page.html" "$work/dom.html" "$work/shot.png"
status=$?
[ -n "${SCREENSHOT:-}" ] && cp "$work/shot.png" "$SCREENSHOT"
exit $status
