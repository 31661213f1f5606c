#!/bin/sh
# Golden end-to-end tests: each folder under tests/golden/ holds a journal,
# a `cmd` line run with `kith` meaning the built binary, and the expected
# `stdout`, `stderr` and `status`. Prints one line per failure and a total.
# usage: run.sh [--update] [-v] PATH/TO/kith [CASE...]
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
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/kith"

if [ "$update" = 1 ] && [ "${KITH_GOLDEN_YES:-}" != 1 ]; then
	printf 'Rewrite the expected output of every failing golden case? [y/N] '
	read -r answer || answer=n
	case "$answer" in y|Y|yes) ;; *) echo "nothing rewritten"; exit 1 ;; esac
fi

if [ $# -gt 0 ]; then cases="$*"; else cases=$(cd "$here" && ls -d */ | sed 's,/$,,'); fi
pass=0
fail=0
for c in $cases; do
	dir=$here/$c
	[ -f "$dir/cmd" ] || continue
	(
		cd "$dir" || exit 99
		env -i PATH="$tmp/bin:/usr/bin:/bin" HOME="$tmp" TZ=UTC LC_ALL=C.UTF-8 \
			NO_COLOR=1 KITH_TEST=1 ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
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
echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
