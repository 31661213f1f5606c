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

Every problem `kith check` reports has a stable code, shown in brackets at
the end of its first line (`[unknown-contact]`). Codes never change
meaning; tools may match on them.

## The first line

The first line of a human diagnostic is in GCC's order:

```
FILE:LINE:COL: SEVERITY: MESSAGE [CODE]
```

where SEVERITY is `error`, `warning` or `note`. A problem with a whole
file has no line and column (`FILE: error: MESSAGE [CODE]`), and one with
no file starts with `kith:`. After the first line come the source line
with carets under the exact span, `= note:` lines (e.g. the include
chain) and a `= help:` line that says how to fix it.

Because it is GCC's format, editors read it without setup, and the tests
(`tests/editors/run.sh`, run by `make check`) hold kith to it:

- **Vim**: `:make` with `makeprg=kith\ check` and the default
  `errorformat` finds file, line and column; `:compiler gcc` also reads
  the severity (error or warning).
- **Emacs**: `M-x compile RET kith check` (compilation-mode) jumps to file,
  line and column, and tells errors from warnings.
- **VS Code**: a task with `"problemMatcher": "$gcc"` (file, line, column,
  severity, message); the test checks kith's lines against that matcher's
  regular expression.

**Columns count characters** (Unicode code points) from 1, not bytes: in
`Inês @alcie`, `@alcie` starts at column 6. Tabs count as one character.
A UTF-8 byte order mark at the start of a file is not counted.

**Many of the same.** After 50 diagnostics of one code in one file, the
human output stops showing that code for that file and says so in one
line: `FILE: note: … and N more [CODE] in this file`. The summary line and
the exit status count them all, and `--diagnostics json` lists them all.

**Nothing from a file reaches the terminal raw.** File names, source lines,
messages and hints are printed through kith's terminal sanitizer: control
characters (U+0000 to U+001F, DEL) and bytes that are not UTF-8 are shown
as `\x1b`, C1 controls and the bidirectional embeddings, overrides and
isolates (U+202A to U+202E, U+2066 to U+2069) as `<U+202E>`. A journal
cannot move the cursor, set the window title or flip the direction of the
text you read.

## Other styles

Severity comes from the code. Warnings do not fail `kith check`; under
`--strict` every warning is an error.

`--diagnostics json` prints one JSON object per line on standard error:
`file`, `line`, `column` and `end_column` (bytes, 1-based, end exclusive),
`char_column` and `end_char_column` (the same in characters),
`severity`, `code`, `message`, `hint`, `note`. It lists every diagnostic.

`--diagnostics github` prints GitHub Actions workflow commands
(`::error file=...,line=...,col=...,endColumn=...,title=CODE::MESSAGE`) on
**standard output**, where GitHub reads them; columns count characters.

Paths are relative to the current folder when the file lies under it.

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
