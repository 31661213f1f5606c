#!/bin/sh
# The one-way layers of docs/architecture.md, kept by reading the
# #include "layer/..." lines of src/*/*.[ch]. Each layer may include
# itself and the layers listed for it; anything else fails with
# FILE:LINE. Compute files also fill table rows only through the
# named-column setters (no cell written by position). Usage: sh tests/layers.sh [SRC_DIR]   (default: src)
#        sh tests/layers.sh --self-test  (proves that a forbidden include
#        fails: copies src/ under a temporary folder and adds one)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

# layer: the layers it may include (besides itself)
allowed() {
	case $1 in
	util) echo "" ;;
	diag) echo "util" ;;
	model) echo "util diag" ;;
	load) echo "util diag model" ;;
	query) echo "util diag model" ;;
	check) echo "util diag model load query" ;;
	compute) echo "util diag model query" ;;
	edit) echo "util diag model load query check compute" ;;
	import) echo "util diag model load query check compute edit" ;;
	render) echo "util compute/report.h" ;;
	lib) echo "util diag model load query check compute edit import render kith" ;;
	lsp) echo "util diag model load query check compute edit import render lib kith" ;;
	cli) echo "util diag model load query check compute edit import render lib lsp kith" ;;
	*) echo "?" ;;
	esac
}

check_tree() {
	src=$1
	bad=0
	for f in "$src"/*/*.c "$src"/*/*.h; do
		[ -f "$f" ] || continue
		layer=$(basename "$(dirname "$f")")
		ok=$(allowed "$layer")
		if [ "$ok" = "?" ]; then
			echo "$f: layer '$layer' is not in tests/layers.sh (add it, and to docs/architecture.md)"
			bad=1
			continue
		fi
		out=$(awk -v layer="$layer" -v ok=" $ok " -v file="$f" '
		/^[ \t]*#[ \t]*include[ \t]*"/ {
			inc = $0
			sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
			n = index(inc, "/")
			if (n == 0) next
			dir = substr(inc, 1, n - 1)
			if (dir == layer || index(ok, " " dir " ") || index(ok, " " inc " ")) next
			printf "%s:%d: layer %s may not include \"%s\"\n", file, FNR, layer, inc
		}' "$f")
		if [ -n "$out" ]; then
			echo "$out"
			bad=1
		fi
		# compute fills rows through the named-column setters
		# (kith_row_*, compute/row.c), never a cell by its position
		case $layer/$(basename "$f") in
		compute/row.c | compute/report.c | compute/*.h) ;;
		compute/*)
			out=$(grep -n 'kith_section_row(\|row\[[0-9A-Za-z_]*\]' "$f" |
			    sed "s|^|$f:|; s|\$|  (fill rows with kith_row_* and the table's column enum)|") || true
			if [ -n "$out" ]; then
				echo "$out"
				bad=1
			fi
			;;
		esac
	done
	return $bad
}

if [ "${1-}" = "--self-test" ]; then
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/kith-layers.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT INT TERM
	cp -R "$top/src" "$tmp/src"
	check_tree "$tmp/src" >/dev/null || { echo "layers self-test: the tree fails before any change"; exit 1; }
	for inject in "compute/x.c:render/render.h" "check/x.c:compute/compute.h" \
	    "util/x.c:diag/diag.h" "render/x.c:compute/compute.h" "model/x.c:load/load.h"; do
		file=${inject%%:*}
		inc=${inject#*:}
		printf '#include "%s"\n' "$inc" >"$tmp/src/$file"
		if check_tree "$tmp/src" >/dev/null; then
			echo "layers self-test: $file including $inc was not caught"
			exit 1
		fi
		rm "$tmp/src/$file"
	done
	printf 'void f(kith_cell *row) { row[2].style = 0; }\n' >"$tmp/src/compute/x.c"
	if check_tree "$tmp/src" >/dev/null; then
		echo "layers self-test: a cell written by position in compute was not caught"
		exit 1
	fi
	rm "$tmp/src/compute/x.c"
	echo "layers self-test: forbidden includes and cells written by position are caught"
	exit 0
fi

if check_tree "${1:-$top/src}"; then
	echo "layers: one way"
else
	echo "layers: see docs/architecture.md for the allowed includes"
	exit 1
fi
