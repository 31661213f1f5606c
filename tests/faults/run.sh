#!/bin/sh
# Fault loops and safe-write checks against built binaries (docs/testing.md):
#   writes  every write path keeps the user's files: devices, FIFOs,
#           symlinks, hard links, read-only files, owners, edits made
#           while kith runs, signals, concurrent adds, init all or nothing
#   io      write faults (ENOSPC, EIO, short writes, failed fsync, rename,
#           link) through an LD_PRELOAD shim leave originals byte-exact
#   alloc   the k-th allocation fails for k = 1..N on check, due,
#           report -o, fmt --write and add: exit 3 "out of memory", no
#           crash, no partial file, no temp left
# usage: run.sh [--full] KITH KITH_FAULTS SHIM
# Short by default (a sample of k, for make check); --full walks every k.
set -u
full=0
[ "${1:-}" = --full ] && { full=1; shift; }
[ $# -eq 3 ] || { echo "usage: run.sh [--full] KITH KITH_FAULTS SHIM" >&2; exit 2; }
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
K=$(abs "$1")
KF=$(abs "$2")
SHIM=$(abs "$3")
here=$(cd "$(dirname "$0")" && pwd)
journal=$here/../golden/_journal
for f in "$K" "$KF" "$SHIM"; do
	[ -f "$f" ] || { echo "faults: missing $f" >&2; exit 2; }
done
for t in timeout python3 cksum; do
	command -v $t >/dev/null || { echo "faults: $t is needed" >&2; exit 2; }
done

top=$(mktemp -d "${TMPDIR:-/tmp}/kith-faults.XXXXXX")
trap 'chmod -R u+w "$top" 2>/dev/null; rm -rf "$top"' EXIT INT TERM
export TZ=UTC LC_ALL=C.UTF-8 NO_COLOR=1 HOME="$top"
unset KITH_FILE KITH_AS_OF
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # NAME CONDITION...
	name=$1
	shift
	if "$@"; then ok; else bad "$name"; fi
}

# A fresh copy of the small journal with one Markdown file fmt would
# change, in a new folder $d.
n=0
fresh() {
	n=$((n + 1))
	d=$top/j$n
	cp -R "$journal" "$d"
	rm -f "$d/README.md"
	printf '## 2026-11-03 Untidy entry   \n\n\n\ntext  \n' >>"$d/journal/2026-11.md"
}
# Checksums of every file under a folder (temps included: they must not
# be there either).
sums() { (cd "$1" && find . -type f -o -type l | LC_ALL=C sort | while read -r f; do
	if [ -L "$f" ]; then printf 'L %s %s\n' "$f" "$(readlink "$f")"; else cksum "$f"; fi
done); }
temps() { find "$1" -name '.*.kith-*' -o -name '.kith-*' | grep -c . ; }
# Waits (up to 10 s) until kith has staged a temp in $1: it has read the
# files and sits in the shim's slow fsync.
staged() {
	w=0
	while [ "$(temps "$1")" = 0 ] && [ $w -lt 200 ]; do
		sleep 0.05
		w=$((w + 1))
	done
}
run() { # DIR CMD...: runs kith in DIR, status in $st, stderr in $top/err
	dir=$1
	shift
	(cd "$dir" && "$@") >"$top/out" 2>"$top/err" </dev/null
	st=$?
}
has() { grep -q -- "$1" "$top/err"; }

# ---------------------------------------------------------------- writes
dfl='import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])'
section_writes() {
	fresh
	run "$d" "$K" --as-of 2026-11-22 due
	cp "$top/out" "$top/due.txt"

	run "$d" "$K" --as-of 2026-11-22 due -o /dev/null
	check "-o /dev/null stays a device" [ "$st" = 0 -a -c /dev/null ]
	(cd "$d" && "$K" --as-of 2026-11-22 due -o /dev/stdout >"$top/stdout.txt")
	check "-o /dev/stdout writes to stdout" cmp -s "$top/stdout.txt" "$top/due.txt"
	mkfifo "$d/pipe"
	run "$d" timeout 5 "$K" --as-of 2026-11-22 due -o pipe
	check "-o FIFO without reader fails at once" [ "$st" = 3 ]
	check "-o FIFO without reader says so" has "FIFO with no reader"
	timeout 20 cat "$d/pipe" >"$top/fifo.txt" &
	reader=$!
	# until cat has opened its end, kith rightly finds no reader: retry
	w=0
	while :; do
		run "$d" timeout 5 "$K" --as-of 2026-11-22 due -o pipe
		[ "$st" = 3 ] && has "FIFO with no reader" && [ $w -lt 100 ] || break
		sleep 0.05
		w=$((w + 1))
	done
	wait $reader
	check "-o FIFO with a reader writes through" [ "$st" = 0 ]
	check "-o FIFO bytes arrive" cmp -s "$top/fifo.txt" "$top/due.txt"
	check "-o FIFO stays a FIFO" [ -p "$d/pipe" ]
	rm -f "$d/pipe"

	before=$(sums "$d")
	run "$d" "$K" --as-of 2026-11-22 due -o kith.yaml
	check "-o onto the root file is refused" [ "$st" = 2 ]
	ln -s contacts.yaml "$d/alias.yaml"
	run "$d" "$K" --as-of 2026-11-22 report -o alias.yaml
	check "-o onto a journal file by a symlink is refused" [ "$st" = 2 ]
	rm "$d/alias.yaml"
	check "journal unchanged after refused -o" [ "$(sums "$d")" = "$before" ]

	# symlink followed, link kept
	fresh
	mv "$d/journal/2026-11.md" "$d/real-2026-11.md"
	ln -s ../real-2026-11.md "$d/journal/2026-11.md"
	run "$d" "$K" fmt --write
	check "fmt --write through a symlink" [ "$st" = 0 ]
	check "the symlink stays a symlink" [ -L "$d/journal/2026-11.md" ]
	check "its target is formatted" sh -c "! grep -q 'Untidy entry   ' '$d/real-2026-11.md'"

	# hard link, read-only, owner
	fresh
	ln "$d/journal/2026-11.md" "$top/hardlink-$n.md"
	before=$(sums "$d")
	run "$d" "$K" fmt --write
	check "fmt --write refuses a hard-linked file" [ "$st" = 3 ]
	check "hard link refusal says why" has "hard links"
	check "hard-linked file untouched" [ "$(sums "$d")" = "$before" ]
	run "$d" "$K" fmt --write --force
	check "fmt --write --force writes a hard-linked file" [ "$st" = 0 ]
	rm "$top/hardlink-$n.md"

	fresh
	chmod 444 "$d/journal/2026-11.md"
	before=$(sums "$d")
	run "$d" "$K" fmt --write
	check "fmt --write refuses a read-only file" [ "$st" = 3 ]
	check "read-only refusal says why" has "read-only"
	check "read-only file untouched" [ "$(sums "$d")" = "$before" ]
	run "$d" "$K" fmt --write --force
	check "--force writes a read-only file, which stays read-only" \
		[ "$st" = 0 -a "$(stat -c %a "$d/journal/2026-11.md")" = 444 ]

	fresh
	chmod 640 "$d/journal/2026-11.md"
	if [ "$(id -u)" = 0 ]; then
		chown nobody:nogroup "$d/journal/2026-11.md"
		want=nobody:nogroup
	else
		want=$(stat -c %U:%G "$d/journal/2026-11.md")
	fi
	run "$d" "$K" fmt --write
	check "fmt --write keeps owner and group" \
		[ "$st" = 0 -a "$(stat -c %U:%G "$d/journal/2026-11.md")" = "$want" ]
	check "fmt --write keeps the mode" [ "$(stat -c %a "$d/journal/2026-11.md")" = 640 ]
	check "fmt --write leaves no temp" [ "$(temps "$d")" = 0 ]

	# an edit saved while kith runs is never overwritten
	fresh
	(cd "$d" && KITH_SHIM_FAULT=fsync-sleep:1500 LD_PRELOAD="$SHIM" \
		"$K" fmt --write journal/2026-11.md >"$top/out" 2>"$top/err") &
	pid=$!
	staged "$d"
	echo "## 2026-11-30 Saved by an editor meanwhile" >>"$d/journal/2026-11.md"
	cp "$d/journal/2026-11.md" "$top/edited.md"
	wait $pid
	st=$?
	check "fmt --write refuses a file changed meanwhile" [ "$st" = 3 ]
	check "changed-on-disk message" has "changed on disk since kith read it; nothing written"
	check "the editor's save is kept" cmp -s "$d/journal/2026-11.md" "$top/edited.md"
	check "no temp after a conflict" [ "$(temps "$d")" = 0 ]

	fresh
	(cd "$d" && KITH_SHIM_FAULT=fsync-sleep:1500 LD_PRELOAD="$SHIM" \
		"$K" --as-of 2026-11-22 add "Coffee with @ana" >"$top/out" 2>"$top/err") &
	pid=$!
	staged "$d"
	echo "## 2026-11-30 Saved by an editor meanwhile" >>"$d/journal/2026-11.md"
	cp "$d/journal/2026-11.md" "$top/edited.md"
	wait $pid
	st=$?
	check "add refuses a month file changed meanwhile" [ "$st" = 3 ]
	check "add keeps the editor's save" cmp -s "$d/journal/2026-11.md" "$top/edited.md"

	# signals: temps removed, original intact; kill -9 leaves a temp that
	# is never in the way
	for sig in TERM INT KILL; do
		fresh
		before=$(sums "$d")
		# python3 restores SIGINT, which sh ignores in background jobs
		(cd "$d" && exec env KITH_SHIM_FAULT=fsync-sleep:3000 LD_PRELOAD="$SHIM" \
			python3 -c "$dfl" "$K" fmt --write >/dev/null 2>&1) &
		pid=$!
		staged "$d"
		kill -$sig $pid
		wait $pid
		st=$?
		check "SIG$sig during fmt --write stops it" [ "$st" -ge 128 ]
		if [ $sig = KILL ]; then
			check "kill -9 leaves the originals" \
				[ "$(sums "$d" | grep -v kith-)" = "$before" ]
			run "$d" "$K" fmt --write
			check "a stale temp is not in the way" [ "$st" = 0 ]
			run "$d" "$K" --as-of 2026-11-22 check
			check "a stale temp is not read as a journal file" [ "$st" = 0 ]
		else
			check "SIG$sig: originals byte-exact, no temp" [ "$(sums "$d")" = "$before" ]
		fi
	done

	# concurrent adds: 50 pairs, 100 entries land
	fresh
	before=$(cat "$d"/journal/*.md | grep -c '^## ')
	i=1
	while [ $i -le 50 ]; do
		(cd "$d" && "$K" --as-of 2026-11-22 add "Pair $i first" >/dev/null 2>>"$top/adderr") &
		(cd "$d" && "$K" --as-of 2026-11-22 add "Pair $i second" >/dev/null 2>>"$top/adderr") &
		i=$((i + 1))
	done
	wait
	after=$(cat "$d"/journal/*.md | grep -c '^## ')
	check "50 parallel add pairs land 100 entries ($((after - before)))" [ $((after - before)) = 100 ]
	check "no add failed" [ ! -s "$top/adderr" ]

	# add checks the new text before writing
	fresh
	before=$(sums "$d")
	run "$d" "$K" --as-of 2026-11-22 add "Lunch with @nobody-known"
	check "add with an unknown contact fails" [ "$st" = 1 ]
	check "add wrote nothing" [ "$(sums "$d")" = "$before" ]

	# init: all or nothing, never overwrites
	mkdir "$top/init1"
	echo "goals: {}" >"$top/init1/goals.yaml"
	run "$top" "$K" init init1
	check "init refuses when a file exists" [ "$st" = 2 ]
	check "init made nothing" [ "$(ls -A "$top/init1")" = goals.yaml ]
	run "$top" env KITH_SHIM_FAULT=link-eio:3 LD_PRELOAD="$SHIM" "$K" init init2
	check "init with a failing disk fails" [ "$st" = 3 ]
	check "init leaves no half journal" [ ! -e "$top/init2" ]
	run "$top" "$K" init init3
	check "init makes a journal" [ "$st" = 0 -a -f "$top/init3/kith.yaml" ]
	run "$top" env KITH_SHIM_FAULT=link-eperm:1 LD_PRELOAD="$SHIM" "$K" init init4
	check "init on a file system without hard links" [ "$st" = 0 -a -f "$top/init4/kith.yaml" ]

	# odd files
	fresh
	run "$d" "$K" -f - check
	check "-f - is refused clearly" [ "$st" = 2 ] && check "-f - says why" has "standard input"
	mkfifo "$d/fifo.yaml"
	run "$d" timeout 5 "$K" -f fifo.yaml check
	check "-f FIFO fails at once" [ "$st" = 2 ]
	printf 'kith: 1\ninclude:\n  - fifo.yaml\n' >"$d/root.yaml"
	run "$d" timeout 5 "$K" -f root.yaml check
	check "a FIFO in include: is an error at once" [ "$st" = 1 ]
	check "the FIFO is named as not a regular file" has "not a regular file"
	rm -f "$d/fifo.yaml"

	# an unreadable folder under a glob is named, not "matches no file"
	fresh
	mkdir "$d/locked"
	echo '# 2026-01' >"$d/locked/a.md"
	printf 'kith: 1\ninclude:\n  - "locked/*.md"\n' >"$d/root2.yaml"
	# root reads any folder: drop the two capabilities that let it (as
	# another user it would also need every folder above $TMPDIR open)
	as=
	if [ "$(id -u)" = 0 ]; then
		as="setpriv --bounding-set=-dac_override,-dac_read_search --"
	fi
	chmod 000 "$d/locked"
	run "$d" $as "$K" -f root2.yaml check
	chmod 755 "$d/locked"
	check "an unreadable glob folder is an error" [ "$st" = 1 ]
	check "it is named a permission error" has "cannot read 'locked': Permission denied"
	check "and not 'matches no file'" sh -c "! grep -q 'matches no file' '$top/err'"

	# a path past PATH_MAX under a glob is reported
	fresh
	long=$(printf 'd%.0s' $(seq 1 200))
	# (a shell cannot cd past PATH_MAX: the last levels are made from
	# the level below)
	(cd "$d/journal" && i=0 && while [ $i -lt 19 ]; do mkdir "$long" && cd "$long" || exit 1; i=$((i + 1)); done &&
		mkdir -p "$long/$long/$long")
	run "$d" "$K" --as-of 2026-11-22 check
	check "a path over PATH_MAX is reported" has "File name too long"
	rm -rf "$d"

	# globs x files stays linear; 20000 matches give one error
	fresh
	rm -f "$d"/journal/*.md
	(cd "$d/journal" && awk 'BEGIN { for (k = 1; k <= 2000; k++) for (i = 1; i <= 5; i++) printf "f%d-%d.md\n", k, i }' | xargs touch)
	awk 'BEGIN { print "kith: 1\ninclude:"; for (k = 1; k <= 2000; k++) printf "  - \"journal/f%d-*.md\"\n", k }' >"$d/kith.yaml"
	t0=$(date +%s)
	run "$d" "$K" --as-of 2026-11-22 check
	t1=$(date +%s)
	check "2000 globs over 10000 files in under 20 s ($((t1 - t0)) s)" [ $((t1 - t0)) -lt 20 ]
	check "over the file limit: one error, not one per file" [ "$(tail -n 1 "$top/err")" = "1 error, 0 warnings" ]
	rm -rf "$d"

	# small ones
	fresh
	run "$top" sh -c "'$K' --help >/dev/full"
	check "--help to a full disk exits 3" [ "$st" = 3 ]
	run "$top" sh -c "'$K' --version >/dev/full"
	check "--version to a full disk exits 3" [ "$st" = 3 ]
	run "$d" env NO_COLOR=1 "$K" --as-of 2026-11-22 --color always due
	check "--color always wins over NO_COLOR" grep -q "$(printf '\033')" "$top/out"
	run "$d" env NO_COLOR=1 "$K" --as-of 2026-11-22 due
	check "NO_COLOR alone: no colour" sh -c "! grep -q '$(printf '\033')' '$top/out'"
}

# ------------------------------------------------------------------- io
# Each write command under each fault: exit 3, files byte-exact, no temp.
io_one() { # FAULT CMD...
	fault=$1
	shift
	fresh
	before=$(sums "$d")
	run "$d" env KITH_SHIM_FAULT="$fault" LD_PRELOAD="$SHIM" "$@"
	check "$fault on '$*': exit 3 (got $st)" [ "$st" = 3 ]
	check "$fault on '$*': originals byte-exact, no temp" [ "$(sums "$d")" = "$before" ]
}

section_io() {
	for fault in write-enospc:1 write-eio:1 write-full:1 fsync-eio:1 rename-eio:1; do
		io_one $fault "$K" fmt --write
	done
	for fault in write-enospc:1 write-eio:1 write-full:1 fsync-eio:1 link-eio:1; do
		io_one $fault "$K" --as-of 2026-11-22 report -o out.html
	done
	fresh
	echo old >"$d/out.html"
	before=$(sums "$d")
	run "$d" env KITH_SHIM_FAULT=rename-eio:1 LD_PRELOAD="$SHIM" "$K" --as-of 2026-11-22 report -o out.html
	check "rename-eio:1 on report -o over a file: exit 3" [ "$st" = 3 ]
	check "rename-eio:1 on report -o over a file: old output kept, no temp" [ "$(sums "$d")" = "$before" ]
	for fault in write-enospc:1 write-eio:1 write-full:1 fsync-eio:1 rename-eio:1; do
		io_one $fault "$K" --as-of 2026-11-22 add "Coffee with @ana" --to journal/2026-11.md
	done
	io_one link-eio:1 "$K" --as-of 2026-12-02 add "New month"
	# a short write is not an error: the rest follows
	fresh
	run "$d" "$K" --as-of 2026-11-22 report
	cp "$top/out" "$top/report.txt"
	run "$d" env KITH_SHIM_FAULT=write-short:1 LD_PRELOAD="$SHIM" \
		"$K" --as-of 2026-11-22 report -o out.txt
	check "short write: report -o completes" [ "$st" = 0 ]
	check "short write: every byte lands" cmp -s "$d/out.txt" "$top/report.txt"
}

# ---------------------------------------------------------------- alloc
alloc_cmd() { # LABEL CMD...: the loop for one command
	label=$1
	shift
	fresh
	run "$d" env KITH_COUNT_ALLOC=1 "$@"
	total=$(sed -n 's/^kith-faults: \([0-9]*\) allocations$/\1/p' "$top/err" | tail -n 1)
	if [ -z "$total" ] || [ "$total" -lt 1 ]; then
		bad "alloc $label: no allocation count"
		return
	fi
	if [ $full = 1 ]; then
		ks=$(seq 1 "$total")
	else
		ks=$(awk -v t="$total" 'BEGIN { for (i = 1; i <= 6 && i <= t; i++) print i;
			for (i = 1; i <= 14; i++) print int(t * i / 15) + 1; print t }' | sort -nu)
	fi
	failed=0
	for k in $ks; do
		fresh
		before=$(sums "$d")
		run "$d" env KITH_FAIL_ALLOC=$k "$@"
		if [ "$st" != 3 ] || [ "$(tail -n 1 "$top/err")" != "kith: out of memory" ] ||
			[ "$(sums "$d")" != "$before" ]; then
			failed=$((failed + 1))
			[ $failed -le 3 ] && echo "  alloc $label k=$k: status $st, $(tail -n 1 "$top/err")"
		fi
		rm -rf "$d"
	done
	check "alloc $label: $(echo "$ks" | wc -l) of $total allocations failed in turn, each exit 3, files byte-exact" [ $failed = 0 ]
}

section_alloc() {
	alloc_cmd check "$KF" --as-of 2026-11-22 check
	alloc_cmd due "$KF" --as-of 2026-11-22 due
	alloc_cmd "report -o" "$KF" --as-of 2026-11-22 report -o out.html
	alloc_cmd "fmt --write" "$KF" fmt --write
	alloc_cmd add "$KF" --as-of 2026-11-22 add "Coffee with @ana" --kind coffee
}

section_writes
section_io
section_alloc
echo "faults: $pass passed, $fail failed"
[ $fail = 0 ]
