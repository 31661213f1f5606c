#!/bin/sh
# The example commands of README.md and docs/*.md, run and compared: lines
# starting with `kith ` inside ```sh (also ```shell, ```bash, ```console
# and unlabelled) fenced blocks. Each runs in a fresh copy of examples/ as
# of 2026-11-22 (HOME and TMPDIR are temporary folders too), and what it
# does is written down: its stdout, its stderr, a status other than 0 and
# the files it created, changed or removed. That transcript must equal
# tests/docs/expected/DOC.txt (e.g. expected/docs/html.md.txt), so a doc
# example that stops working, or starts printing something else, fails.
# A usage or system error (status 2 or 3) fails even in --update.
# usage: tests/docs/run.sh [-v] [--update] [PATH/TO/kith]  (default build/kith)
#   --update   rewrite the expected transcripts (then read the git diff)
set -u
verbose=0
update=0
while [ $# -gt 0 ]; do
	case "$1" in
	-v) verbose=1; shift ;;
	--update) update=1; shift ;;
	*) break ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/kith}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "docs: $bin: no such program (run make first)" >&2; exit 2; }
tmp=$(mktemp -d) || exit 3
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
tmp=$(cd "$tmp" && pwd -P)
mkdir -p "$tmp/bin" "$tmp/got"
ln -s "$bin" "$tmp/bin/kith"

# FILE<TAB>COMMAND for each example command, in document order.
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
		if (line ~ /^kith /) printf "%s\t%s\n", FILENAME, line
	}' README.md docs/*.md) >"$tmp/commands"

# The files under $1 with a checksum each, sorted.
files() {
	(cd "$1" && find . -type f -exec cksum {} + | awk '{ p = $3; for (i = 4; i <= NF; i++) p = p " " $i; sub(/^\.\//, "", p); print p "\t" $1 }' | sort)
}

# What changed between two files() listings, one "+ - ~" line per file.
changes() {
	awk -F '\t' -v pre="$3" '
		FILENAME == ARGV[1] { old[$1] = $2; next }
		{ if (!($1 in old)) print "+ " pre $1; else if (old[$1] != $2) print "~ " pre $1; delete old[$1] }
		END { for (p in old) print "- " pre p }' "$1" "$2" | sort
}

hard=0
n=0
tab=$(printf '\t')
while IFS="$tab" read -r file cmd; do
	n=$((n + 1))
	work=$tmp/run
	rm -rf "$work"
	mkdir -p "$work/home" "$work/tmp"
	cp -R "$root/examples" "$work/journal"
	files "$work/journal" >"$tmp/j.before"
	(
		cd "$work/journal" || exit 99
		env -i PATH="$tmp/bin:$PATH" HOME="$work/home" TMPDIR="$work/tmp" TZ=UTC \
			LC_ALL=C.UTF-8 NO_COLOR=1 KITH_AS_OF=2026-11-22 \
			timeout 60 sh -c "$cmd" >"$work/out" 2>"$work/err" </dev/null
	)
	status=$?
	files "$work/journal" >"$tmp/j.after"
	files "$work/home" >"$tmp/h.after"
	out=$tmp/got/$file.txt
	mkdir -p "$(dirname "$out")"
	{
		printf '$ %s\n' "$cmd"
		cat "$work/out"
		if [ -s "$work/err" ]; then echo "[stderr]"; cat "$work/err"; fi
		[ "$status" = 0 ] || echo "[status $status]"
		changes "$tmp/j.before" "$tmp/j.after" ""
		: >"$tmp/empty"
		changes "$tmp/empty" "$tmp/h.after" "~/"
		echo
	} | sed "s,$work/home,~,g; s,$work/journal/,,g; s,$work/journal,.,g; s,$work/tmp,\$TMPDIR,g" >>"$out"
	case $status in
	2 | 3 | 99 | 124 | 126 | 127)
		hard=$((hard + 1))
		echo "FAIL $file: status $status: $cmd"
		sed 's/^/    /' "$work/err" | head -n 5
		;;
	esac
	[ "$verbose" = 1 ] && echo "ran  $file (status $status): $cmd"
done <"$tmp/commands"
rm -rf "$tmp/run"

# Each document with examples against its transcript; no stale transcripts.
pass=0
fail=$hard
(cd "$tmp/got" && find . -type f -name '*.txt' | sed 's,^\./,,' | sort) >"$tmp/got.list"
mkdir -p "$here/expected"
(cd "$here/expected" && find . -type f -name '*.txt' | sed 's,^\./,,' | sort) >"$tmp/want.list"
while IFS= read -r t; do
	want=$here/expected/$t
	if [ "$update" = 1 ]; then
		if ! cmp -s "$tmp/got/$t" "$want"; then
			mkdir -p "$(dirname "$want")"
			cp "$tmp/got/$t" "$want"
			echo "updated tests/docs/expected/$t"
		fi
		pass=$((pass + 1))
	elif [ ! -f "$want" ]; then
		fail=$((fail + 1))
		echo "FAIL ${t%.txt}: no expected transcript tests/docs/expected/$t (sh tests/docs/run.sh --update, then read it)"
	elif cmp -s "$tmp/got/$t" "$want"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL ${t%.txt}: its examples print other than tests/docs/expected/$t:"
		diff -u "$want" "$tmp/got/$t" | sed -n '3,42p' | sed 's/^/    /'
	fi
done <"$tmp/got.list"
comm -13 "$tmp/got.list" "$tmp/want.list" | while IFS= read -r t; do
	if [ "$update" = 1 ]; then
		rm -f "$here/expected/$t"; echo "removed tests/docs/expected/$t"
	else
		echo "FAIL ${t%.txt}: tests/docs/expected/$t but no example commands in it"
		echo stale >>"$tmp/stale"
	fi
done
[ -f "$tmp/stale" ] && fail=$((fail + $(wc -l <"$tmp/stale")))

echo "docs: $pass passed, $fail failed ($n commands)"
[ "$fail" = 0 ] && [ "$n" -gt 0 ]
