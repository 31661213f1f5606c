#!/bin/sh
# Output formats end to end on examples/ as of 2026-11-22: every report
# command's JSON, CSV, html and ics output read back by real parsers (jq,
# Python's csv and icalendar), private fields and redaction checked.
# usage: tests/formats/check.sh [PATH/TO/kith]     (default build/kith)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/kith}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
ex=$root/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

# python3 from PATH, the first that has icalendar (tests/python3.sh);
# none is a failure of every check that reads output back with Python.
pyexe=$(sh "$root/tests/python3.sh" -c 'import sys; print(sys.executable)')
py() { "${pyexe:-false}" "$@"; }

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
[ -n "$pyexe" ] || bad "formats: no python3 with icalendar (make test-deps installs it)"

# kith on examples/ with a clean environment; extra arguments as given.
k() {
	(cd "$ex" && env -u KITH_FILE -u KITH_AS_OF -u SOURCE_DATE_EPOCH \
		NO_COLOR=1 TZ=UTC "$bin" --as-of 2026-11-22 "$@")
}

# A run that must succeed; its output is in $tmp/out.
run() {
	if k "$@" >"$tmp/out" 2>"$tmp/err"; then return 0; fi
	bad "kith $*: exit status $?: $(head -n 3 "$tmp/err")"
	return 1
}

commands='due
due --within 60d
report
report -p 2026-Q4
report -p 2026
goals
goals --monthly
log
log -p 2026-11 kind:coffee
contacts
contacts role:mentor
show priya
show grow-platform-network
show kubecon-2026
stats --no-speed'

grep -E '^    email:' "$ex/contacts.yaml" | sed 's/^    email: *//' >"$tmp/emails"
grep -E '^    name:' "$ex/contacts.yaml" | sed 's/^    name: *//' >"$tmp/names"
email1=$(head -n 1 "$tmp/emails")
[ -s "$tmp/emails" ] && [ -s "$tmp/names" ] || bad "no emails or names found in examples/contacts.yaml"

json_ok='
def row_ok($ids): (keys_unsorted == $ids);
(keys_unsorted == ["kith_json","command","title","as_of","period","facts","sections"])
and .kith_json == 1
and .command == $cmd
and .as_of == "2026-11-22"
and (.title | type == "string")
and (.period == null or ((.period | keys_unsorted) == ["from","to"]))
and (.facts | type == "object")
and (.sections | type == "array")
and all(.sections[];
	(keys_unsorted == ["id","title","kind","level","columns","rows","text"])
	and (.kind == "table" or .kind == "facts" or .kind == "text")
	and ([.columns[].id] as $ids | all(.rows[]; row_ok($ids))))'

printf '%s\n' "$commands" >"$tmp/commands"

while IFS= read -r c; do
	# shellcheck disable=SC2086
	set -- $c
	cmd=$1
	# JSON: parses, version 1, the documented keys in order (docs/json.md).
	if run --format json "$@"; then
		if jq -e --arg cmd "$cmd" "$json_ok" "$tmp/out" >/dev/null 2>"$tmp/jqerr"; then ok
		else bad "json of '$c': not the documented shape $(head -n 2 "$tmp/jqerr")"; fi
	fi
	# CSV: RFC 4180, CRLF, one column count throughout (docs/csv.md).
	if run --format csv "$@"; then
		if py "$here/formats.py" csv "$tmp/out" >"$tmp/pyerr"; then ok
		else bad "csv of '$c':"; cat "$tmp/pyerr"; fi
	fi
	# html: an enforcing CSP, no script (docs/html.md).
	if run --format html "$@"; then
		if grep -q '<meta http-equiv="Content-Security-Policy" content="default-src '"'none'" "$tmp/out" &&
			! grep -qi '<script' "$tmp/out"; then ok
		else bad "html of '$c': no CSP meta tag, or a <script"; fi
	fi
	# Private fields stay out of md, html, json and csv without --private.
	for f in md html json csv; do
		if run --format "$f" "$@"; then
			if py "$here/formats.py" absent "$tmp/out" "$tmp/emails" >"$tmp/pyerr"; then ok
			else bad "$f of '$c' without --private shows an email:"; cat "$tmp/pyerr"; fi
		fi
	done
	# --redact: no contact's name in any format.
	for f in text md html json csv; do
		if run --redact --format "$f" "$@"; then
			if py "$here/formats.py" absent "$tmp/out" "$tmp/names" >"$tmp/pyerr"; then ok
			else bad "$f of '$c' with --redact shows a name:"; cat "$tmp/pyerr"; fi
		fi
	done
done <"$tmp/commands"

# --private does show them.
for c in "contacts" "show priya"; do
	for f in md html json csv; do
		# shellcheck disable=SC2086
		if run --private --format "$f" $c; then
			if py "$here/formats.py" present "$tmp/out" "$email1" >"$tmp/pyerr"; then ok
			else bad "$f of '$c --private' lacks $email1"; fi
		fi
	done
done

# ics: parses, every VTODO/VEVENT has a UID, the same UIDs on a second run.
for w in "" "--within 60d"; do
	# shellcheck disable=SC2086
	if run --format ics due $w && cp "$tmp/out" "$tmp/a.ics" && run --format ics due $w; then
		if py "$here/formats.py" ics "$tmp/a.ics" "$tmp/out" >"$tmp/pyerr"; then ok
		else bad "ics of 'due $w':"; cat "$tmp/pyerr"; fi
	fi
done

# ics: what was open on 2026-11-01 is, three weeks later, still there,
# open or completed (a done item stays 30 days so calendars close it).
if (cd "$ex" && env -u KITH_FILE -u KITH_AS_OF -u SOURCE_DATE_EPOCH TZ=UTC \
	"$bin" --as-of 2026-11-01 --format ics due --within 1y >"$tmp/a.ics" 2>"$tmp/err") &&
	run --format ics due --within 1y; then
	if py "$here/formats.py" ics-kept "$tmp/a.ics" "$tmp/out" >"$tmp/pyerr"; then ok
	else bad "ics: done items kept:"; cat "$tmp/pyerr"; fi
else bad "ics as of 2026-11-01: $(head -n 3 "$tmp/err")"
fi

# The report page in a real browser: Chromium must be there and render it.
if run --format html report -p 2026-Q4 && cp "$tmp/out" "$tmp/report.html"; then
	if msg=$(sh "$root/tests/browser/chromium.sh" "$tmp/report.html" "$tmp/report.png" 2>&1); then ok
	else bad "chromium on the report page: $(echo "$msg" | tail -n 3)"; fi
fi

echo "formats: $pass passed, $fail failed"
[ "$fail" = 0 ]
