#!/bin/sh
# Writes docs/diagnostics.md from the code table (src/diag/codes.def) and
# the golden case of each code (tests/golden/diag-CODE), so the examples in
# the documentation are exactly what kith prints. With --check, fails when
# the committed document is stale or a code has no golden case.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
{
cat <<'HEAD'
# kith diagnostics

Every problem `kith check` reports has a stable code, shown in brackets
(`error[unknown-contact]`). Codes never change meaning; tools may match on
them. The first line is GCC-style (`file:line:col: severity[code]:
message`), so Vim's quickfix, Emacs compilation-mode and VS Code problem
matchers jump to it; the excerpt is the original source line with carets
under the exact span; `= help:` says how to fix it.

Severity comes from the code. Warnings do not fail `kith check`; under
`--strict` every warning is an error. `--diagnostics json` prints one JSON
object per line (`file`, `line`, `column`, `end_column`, `severity`,
`code`, `message`, `hint`, `note`); `--diagnostics github` prints GitHub
Actions annotations (`::error file=...,line=...,col=...::`).

Columns count bytes from 1. Paths are relative to the current folder when
the file lies under it.

Each example below is the output of the golden test
`tests/golden/diag-CODE`, run as `kith --as-of 2026-11-22 check` on a small
journal with one mistake; this document is generated from those tests
(`sh tests/diagnostics-doc.sh`) and checked by `make check`.

HEAD
grep '^X(' "$here/src/diag/codes.def" | while IFS= read -r line; do
	code=$(printf '%s\n' "$line" | sed 's/^X([A-Z_0-9]*, *[A-Z]*, *"\([^"]*\)".*/\1/')
	sev=$(printf '%s\n' "$line" | sed 's/^X([A-Z_0-9]*, *\([A-Z]*\),.*/\1/' | tr 'A-Z' 'a-z')
	msg=$(printf '%s\n' "$line" | sed 's/^X([^"]*"[^"]*", *"\(.*\)")$/\1/' | sed 's/%[a-z]*/…/g; s/\\"/"/g')
	printf '## %s\n\n' "$code"
	printf '%s: %s\n\n' "$sev" "$msg"
	dir=$here/tests/golden/diag-$code
	if [ -f "$dir/cmd" ]; then
		printf '```\n'
		cat "$dir/stderr"
		printf '```\n\n'
	elif [ "$code" = include-too-many ]; then
		printf 'Reported when a glob in `include:` makes kith list more than 200000\n'
		printf 'files and folders under its folder (the part of the glob before its\n'
		printf 'first wildcard). The listing stops there, so files may be missing:\n'
		printf 'give the glob a narrower folder, e.g. `journal/*.md`.\n\n'
	elif [ "$code" = regex-limit ]; then
		printf 'Reported when a pattern of the Markdown line grammar hits a PCRE2\n'
		printf 'match or depth limit on a line (an error, never a silent non-match).\n'
		printf 'No ordinary journal line reaches the limits; if you see it, shorten\n'
		printf 'the line and report the input as a bug.\n\n'
	else
		echo "no golden case tests/golden/diag-$code" >&2
		exit 1
	fi
done
} >"$out"
if [ "${1:-}" = --check ]; then
	if ! cmp -s "$out" "$here/docs/diagnostics.md"; then
		echo "docs/diagnostics.md is stale: run 'sh tests/diagnostics-doc.sh'" >&2
		diff -u "$here/docs/diagnostics.md" "$out" | head -20 >&2
		exit 1
	fi
	echo "diagnostics doc: up to date"
else
	cp "$out" "$here/docs/diagnostics.md"
fi
