#!/bin/sh
# Runs every example command of README.md and docs/*.md: lines starting
# with `kith ` inside ```sh (also ```shell, ```bash, ```console and
# unlabelled) fenced blocks. Each runs in a fresh copy of examples/ as of
# 2026-11-22, output discarded; a usage or system error (status 2 or 3)
# fails. Commands that write (init, add, fmt --write, -o) touch only the
# copy: HOME is a temporary folder too.
# usage: tests/docs/run.sh [-v] [PATH/TO/kith]     (default build/kith)
set -u
verbose=0
[ "${1:-}" = -v ] && { verbose=1; shift; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/kith}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/kith"

# FILE<TAB>LINE<TAB>COMMAND for each example command.
(cd "$root" && awk '
	FNR == 1 { inb = 0; take = 0 }
	/^[ \t]*(```|~~~)/ {
		if (inb) { inb = 0; next }
		inb = 1
		lang = $0
		sub(/^[ \t]*(```|~~~)[ \t]*/, "", lang)
		sub(/[ \t].*$/, "", lang)
		take = (lang == "" || lang == "sh" || lang == "shell" || lang == "bash" || lang == "console")
		next
	}
	inb && take {
		line = $0
		sub(/^[ \t]*(\$[ \t]+)?/, "", line)
		if (line ~ /^kith /) printf "%s\t%d\t%s\n", FILENAME, FNR, line
	}' README.md docs/*.md) >"$tmp/commands"

pass=0
fail=0
n=0
tab=$(printf '\t')
while IFS="$tab" read -r file line cmd; do
	n=$((n + 1))
	work=$tmp/run$n
	mkdir -p "$work/home"
	cp -R "$root/examples" "$work/journal"
	(
		cd "$work/journal" || exit 99
		env -i PATH="$tmp/bin:/usr/bin:/bin" HOME="$work/home" TZ=UTC \
			LC_ALL=C.UTF-8 NO_COLOR=1 KITH_AS_OF=2026-11-22 \
			sh -c "$cmd" >/dev/null 2>"$work/err" </dev/null
	)
	status=$?
	case $status in
	2 | 3 | 99 | 126 | 127)
		fail=$((fail + 1))
		echo "FAIL $file:$line: status $status: $cmd"
		sed 's/^/    /' "$work/err" | head -n 5
		;;
	*)
		pass=$((pass + 1))
		[ "$verbose" = 1 ] && echo "ok   $file:$line (status $status): $cmd"
		;;
	esac
	rm -rf "$work"
done <"$tmp/commands"

echo "docs: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$n" -gt 0 ]
