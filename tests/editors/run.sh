#!/bin/sh
# Do editors read kith's diagnostics? Runs `kith check` on a small journal
# with an error (after a non-ASCII name) and a warning, then parses the
# output the way editors do: Vim in batch mode with its default
# 'errorformat' and with `:compiler gcc`, and VS Code's `$gcc` problem
# matcher (its regular expression, with python3's re). Fails on any miss.
# usage: run.sh PATH/TO/kith
set -u
[ $# -eq 1 ] || { echo "usage: run.sh KITH" >&2; exit 2; }
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
for tool in vim python3; do
	command -v $tool >/dev/null || { echo "editors: $tool is missing" >&2; exit 1; }
done

cd "$tmp" || exit 1
mkdir journal
cat >kith.yaml <<'YAML'
kith: 1
owner: Sam Rivera
include:
  - contacts.yaml
  - "journal/*.md"
YAML
cat >contacts.yaml <<'YAML'
contacts:
  alice:
    name: Alice Chen
YAML
cat >journal/2026-11.md <<'MD'
# November 2026

## 2026-11-03 Café with Inês and @alcie #coffee

## 2026-11-30 Lunch with @alice #lunch
MD
LC_ALL=C.UTF-8 NO_COLOR=1 "$kith" --as-of 2026-11-22 check >out.txt 2>&1
# What kith must be seen to report: file, line, character column, type.
cat >want.txt <<'WANT'
journal/2026-11.md:3:34:e
journal/2026-11.md:5:1:w
journal/2026-11.md:5:1:w
WANT

# Vim: quickfix entries from the output; the severity is read only by the
# gcc compiler's errorformat, so the default one is compared without it.
vim_qf() { # $1: ex commands that set the errorformat; $2: output file
	LC_ALL=C.UTF-8 vim -es -N -u NONE -i NONE \
		-c 'set encoding=utf-8' -c "$1" -c 'cfile out.txt' \
		-c 'call writefile(map(filter(getqflist(), "v:val.valid"), "bufname(v:val.bufnr).\":\".v:val.lnum.\":\".v:val.col.\":\".tolower(v:val.type)"), "'"$2"'")' \
		-c 'qa!' </dev/null >/dev/null 2>&1
}
vim_qf 'set errorformat&' vim-default.txt
vim_qf 'compiler gcc' vim-gcc.txt
sed 's/:[ew]$/:/' want.txt >want-nosev.txt
for f in vim-default vim-gcc; do
	w=want.txt
	[ $f = vim-default ] && w=want-nosev.txt && sed -i 's/:[ew]*$/:/' $f.txt 2>/dev/null
	if [ ! -f $f.txt ] || ! cmp -s $w $f.txt; then
		echo "FAIL editors: $f errorformat"
		diff -u $w $f.txt 2>&1 | sed 's/^/  /'
		fail=1
	fi
done
# Vim counts %c in bytes: on the line with 'Inês' the default errorformat
# lands on the character column kith printed, which Vim reads as a byte.

python3 "$here/gcc_matcher.py" out.txt want.txt || fail=1
if [ $fail = 0 ]; then echo "editors: vim (default, compiler gcc) and \$gcc matcher read kith's diagnostics"; fi
exit $fail
