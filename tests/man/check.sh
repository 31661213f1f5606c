#!/bin/sh
# The man page: mandoc -Tlint finds nothing, and it covers every command
# of 'kith --help' (and the hidden 'complete') and every long option that
# 'kith --help' and 'kith COMMAND --help' name.
# usage: check.sh PATH/TO/kith
set -u
[ $# -eq 1 ] || { echo "usage: check.sh KITH" >&2; exit 2; }
kith=$1
here=$(cd "$(dirname "$0")" && pwd)
man=$here/../../docs/kith.1
command -v mandoc >/dev/null || { echo "man: mandoc is missing (Debian: mandoc)" >&2; exit 1; }
fail=0
# What the system's manual database knows (git(1) installed or not, an
# outdated mandoc.db) is no property of this page.
lint=$(mandoc -Tlint "$man" 2>&1 | grep -v -e 'mandoc\.db' -e 'referenced manual not found')
if [ -n "$lint" ]; then
	echo "FAIL man: mandoc -Tlint:"
	echo "$lint"
	fail=1
fi
cmds=$("$kith" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
for c in $cmds complete; do
	grep -q "^\.It Cm $c\( \|$\)" "$man" || { echo "FAIL man: command '$c' is not described"; fail=1; }
done
opts=$({ "$kith" --help; for c in $cmds; do "$kith" "$c" --help; done; } 2>/dev/null |
	grep -o -- '--[a-z][a-z-]*' | sort -u)
for o in $opts; do
	grep -q "\\\\-${o#--}\\( \\|,\\|$\\)" "$man" || { echo "FAIL man: option '$o' is not described"; fail=1; }
done
[ $fail = 0 ] && echo "man: mandoc -Tlint clean; every command and option described"
exit $fail
