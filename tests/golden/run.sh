#!/bin/sh
# Golden end-to-end tests: each folder under tests/golden/ holds a journal,
# a `cmd` line run with `kith` meaning the built binary, and the expected
# `stdout`, `stderr` and `status`. Prints one line per failure and a total.
# usage: run.sh [--update] [-v] PATH/TO/kith [CASE...]
#
# Every case runs in a fresh copy under a temporary folder of its own, laid
# out like the checkout (tests/golden/CASE, the shared journals
# tests/golden/_*, examples/), with HOME and TMPDIR inside that folder: a
# case may write anything, nothing reaches the checkout, and the whole
# temporary folder goes on exit, Ctrl-C or kill.
set -u
update=0
verbose=0
while [ $# -gt 0 ]; do
	case "$1" in
	--update) update=1; shift ;;
	-v) verbose=1; shift ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || { echo "usage: run.sh [--update] [-v] KITH [CASE...]" >&2; exit 2; }
[ -x "$1" ] || { echo "run.sh: $1: no such program (run make first)" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d) || exit 3
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The physical path, so that paths kith resolves (symlinks, realpath) and
# the TMPDIR a case sees are spelled alike.
tmp=$(cd "$tmp" && pwd -P)
# Cases that look for kith.yaml in the parents of their folder (walk-up,
# no journal) would find one above the temporary folder: say so plainly.
d=$tmp
while [ "$d" != / ]; do
	d=$(dirname "$d")
	if [ -f "$d/kith.yaml" ]; then
		echo "run.sh: $d/kith.yaml is above the temporary folder; set TMPDIR to a folder with no kith.yaml above it" >&2
		exit 2
	fi
done
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/kith"

if [ "$update" = 1 ] && [ "${KITH_GOLDEN_YES:-}" != 1 ]; then
	printf 'Rewrite the expected output of every failing golden case? [y/N] '
	read -r answer || answer=n
	case "$answer" in y|Y|yes) ;; *) echo "nothing rewritten"; exit 1 ;; esac
fi

# Lays out a fresh copy of case $1 in $tmp/work; prints the case folder.
lay_out() {
	rm -rf "$tmp/work"
	w=$tmp/work
	mkdir -p "$w/tree/tests/golden" "$w/home" "$w/tmp" || return 1
	cp -R "$root/examples" "$w/tree/examples" || return 1
	for s in "$here"/_*/; do
		[ -d "$s" ] && { cp -R "${s%/}" "$w/tree/tests/golden/" || return 1; }
	done
	cp -R "$here/$1" "$w/tree/tests/golden/$1" || return 1
}

if [ $# -gt 0 ]; then cases="$*"; else cases=$(cd "$here" && ls -d */ | sed 's,/$,,'); fi
pass=0
fail=0
for c in $cases; do
	dir=$here/$c
	[ -f "$dir/cmd" ] || continue
	if ! lay_out "$c"; then
		fail=$((fail + 1)); echo "FAIL $c: cannot copy the case under $tmp"; continue
	fi
	(
		cd "$tmp/work/tree/tests/golden/$c" || exit 99
		env -i PATH="$tmp/bin:$PATH" HOME="$tmp/work/home" TMPDIR="$tmp/work/tmp" \
			TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1 KITH_TEST=1 \
			${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
			${UBSAN_OPTIONS:+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
			sh -c "$(cat cmd)" >"$tmp/out" 2>"$tmp/err" </dev/null
		echo $? >"$tmp/status"
	)
	ok=1
	for f in stdout stderr status; do
		case $f in stdout) got=$tmp/out ;; stderr) got=$tmp/err ;; status) got=$tmp/status ;; esac
		if [ ! -f "$dir/$f" ]; then
			if [ "$update" = 1 ]; then cp "$got" "$dir/$f"; continue; fi
			ok=0; echo "FAIL $c: missing expected $f"; continue
		fi
		if ! cmp -s "$got" "$dir/$f"; then
			if [ "$update" = 1 ]; then
				cp "$got" "$dir/$f"; echo "updated $c/$f"
			else
				ok=0
				echo "FAIL $c: $f differs"
				[ "$verbose" = 1 ] && diff -u "$dir/$f" "$got" | head -40
			fi
		fi
	done
	if [ "$ok" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
rm -rf "$tmp/work"
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
