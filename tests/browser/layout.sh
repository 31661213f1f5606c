#!/bin/sh
# The report page as people see it, in headless Chromium: a test page
# loads `kith report` (html) in a 390 px frame, light and dark, and its
# script asserts that no table is wider than its box, the page does not
# scroll sideways and no chart text is under 11 CSS px; `report --summary`
# printed to PDF is at most 2 A4 pages (pdfinfo). Screenshots at 1280 and
# 390 px, light and dark, are kept in $KITH_SCREENSHOTS when it is set.
#   tests/browser/layout.sh build/kith
set -u
kith=$1
case $kith in /*) ;; *) kith=$(pwd)/$kith ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL browser: $*"; }

chromium=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null 2>&1 && { chromium=$c; break; }
done
if [ -z "$chromium" ] || ! command -v pdfinfo >/dev/null 2>&1; then
	echo "FAIL browser: chromium and pdfinfo (poppler-utils) are needed"
	echo "browser: 0 passed, 1 failed"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kith-browser.XXXXXX") || exit 3
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
cp -R "$root/examples" "$tmp/journal"
(cd "$tmp/journal" && "$kith" --as-of 2026-11-22 report --format html \
	-o "$tmp/report.html" && "$kith" --as-of 2026-11-22 report --summary \
	--format html -o "$tmp/summary.html") || {
	bad "kith report --format html failed"
	echo "browser: $pass passed, $fail failed"
	exit 1
}
cp "$here/layout.html" "$tmp/layout.html"

# run SCHEME ARGS...: chromium with a fresh profile; SCHEME is light or dark
run() {
	scheme=$1
	shift
	set -- --blink-settings=preferredColorScheme=$([ "$scheme" = dark ] && echo 0 || echo 1) "$@"
	[ "$scheme" = dark ] && set -- --force-dark-mode "$@"
	prof=$(mktemp -d "$tmp/profile.XXXXXX")
	"$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$prof" "$@" 2>>"$tmp/chromium.log"
}

for scheme in light dark; do
	out=$(run $scheme --allow-file-access-from-files \
		--virtual-time-budget=5000 --window-size=800,900 \
		--dump-dom "file://$tmp/layout.html")
	result=$(printf '%s\n' "$out" | sed -n 's/.*<pre id="result">\(.*\)<\/pre>.*/\1/p')
	case $result in
	PASS*) ok ;;
	*) bad "$scheme at 390 px: ${result:-no result from the test page}" ;;
	esac
	for w in 1280 390; do
		png=$tmp/report-$w-$scheme.png
		run $scheme --window-size=$w,2000 --hide-scrollbars \
			--screenshot="$png" "file://$tmp/report.html" >/dev/null
		if [ -s "$png" ]; then ok; else bad "no screenshot $w $scheme"; fi
		if [ -n "${KITH_SCREENSHOTS:-}" ]; then
			mkdir -p "$KITH_SCREENSHOTS" && cp "$png" "$KITH_SCREENSHOTS/"
		fi
	done
done

# Paper: the summary on at most 2 A4 pages; the full report prints.
for page in summary report; do
	pdf=$tmp/$page.pdf
	run light --no-pdf-header-footer --print-to-pdf="$pdf" \
		"file://$tmp/$page.html" >/dev/null
	pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	if [ -z "$pages" ]; then
		bad "$page: no PDF"
	elif [ "$page" = summary ] && [ "$pages" -gt 2 ]; then
		bad "report --summary prints on $pages pages (at most 2)"
	else
		ok
	fi
	[ -n "${KITH_SCREENSHOTS:-}" ] && cp "$pdf" "$KITH_SCREENSHOTS/"
done

echo "browser: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
