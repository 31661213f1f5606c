#!/bin/sh
# python3 for the tests: the first python3 along PATH that has the modules
# the tests read kith's output with (icalendar). Runs it with the given
# arguments; none there is a failure (exit 127), never a skip.
# usage: sh tests/python3.sh ARGS...      (e.g. -c 'import icalendar')
IFS=:
for d in $PATH; do
	[ -n "$d" ] || d=.
	if [ -x "$d/python3" ] && "$d/python3" -c 'import icalendar' 2>/dev/null; then
		unset IFS
		exec "$d/python3" "$@"
	fi
done
echo "tests/python3.sh: no python3 on PATH can import icalendar; install python3-icalendar (make test-deps)" >&2
exit 127
