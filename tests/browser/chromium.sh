#!/bin/sh
# Renders an html page from kith in headless Chromium and saves a
# screenshot, to check that the page loads and looks right:
#   tests/browser/chromium.sh PAGE.html [OUT.png]
# No Chromium is a failure (exit 1), not a skip: make test-deps installs it.
# Pages to try: KITH_HTML_DUMP=DIR build/unit-tests --filter 'html/*'
# writes the unit tests' pages (hostile notes, charts, links) to DIR;
# tests/browser/check_html.py DIR/*.html checks them with an HTML parser.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 PAGE.html [OUT.png]" >&2
	exit 2
fi
page=$1
out=${2:-${page%.html}.png}
if [ ! -r "$page" ]; then
	echo "$0: cannot read $page" >&2
	exit 2
fi

chromium=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		chromium=$c
		break
	fi
done
if [ -z "$chromium" ]; then
	echo "$0: chromium not installed (make test-deps installs it)" >&2
	exit 1
fi

# Chromium wants an absolute file URL; a fresh profile keeps runs apart.
case $page in
/*) abs=$page ;;
*) abs=$(pwd)/$page ;;
esac
case $out in
/*) ;;
*) out=$(pwd)/$out ;;
esac
profile=$(mktemp -d "${TMPDIR:-/tmp}/kith-chromium.XXXXXX") || exit 3
log=$profile.log
trap 'rm -rf "$profile" "$log"' EXIT HUP INT TERM
rm -f "$out"

"$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking \
	--enable-logging=stderr --v=0 \
	--disable-component-update --disable-sync \
	--user-data-dir="$profile" --screenshot="$out" \
	--window-size=1000,1400 "file://$abs" >"$log" 2>&1
status=$?
if [ $status -ne 0 ] || [ ! -s "$out" ]; then
	echo "$0: chromium failed (status $status) on $page" >&2
	cat "$log" >&2
	exit 1
fi
# Anything the page tried that its CSP blocked (a script, a remote image
# in a note) shows up as a console message: worth seeing, not a failure,
# since the policy did its job.
if grep -i "violates the following Content Security Policy" "$log" >&2; then
	echo "$0: warning: the page tried something its CSP blocked" >&2
fi
echo "ok: $out"
