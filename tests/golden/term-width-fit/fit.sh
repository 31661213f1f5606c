# Every text table fits the terminal: each command runs under a
# pseudo-terminal (script) 60, 80 and 120 columns wide, and its widest
# line must not be wider; piped, the same command keeps every column.
cd ../../../examples || exit 1
here=../tests/golden/term-width-fit
set -- "due" "log" "contacts" "show priya" "show speak-and-write" \
	"show srecon-2026" "goals" "goals --monthly" "goals --weekly" \
	"report" "report -p 2026" "stats"
status=0
for w in 60 80 120; do
	for c in "$@"; do
		set -- $(script -qec "stty cols $w; kith --as-of 2026-11-22 $c" /dev/null | python3 "$here/width.py")
		if [ "$1" -le "$w" ] && [ "$2" -gt 3 ]; then
			echo "$c at $w: fits ($2 lines)"
		else
			echo "$c at $w: $1 columns wide, $2 lines: does not fit"
			status=1
		fi
	done
	set -- "due" "log" "contacts" "show priya" "show speak-and-write" \
		"show srecon-2026" "goals" "goals --monthly" "goals --weekly" \
		"report" "report -p 2026" "stats"
done
for c in "$@"; do
	set -- $(kith --as-of 2026-11-22 $c | python3 "$here/width.py")
	echo "$c piped: $1 columns"
done
exit $status
