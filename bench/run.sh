#!/bin/sh
# Load benchmark: generates a journal of ENTRIES entries (default 1000000,
# about 130 MB) once under bench/data, then times `kith check` and
# `kith stats` on it. Target: about one second to load a million entries.
set -eu
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${ENTRIES:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data/$n
if [ ! -f "$data/kith.yaml" ]; then
	echo "generating $n entries in $data"
	python3 "$here/gen.py" "$data" "$n"
fi
du -sh "$data" | sed 's/^/size: /'
cd "$data"
if command -v hyperfine >/dev/null; then
	hyperfine --warmup 1 --runs 5 "$kith --as-of 2026-11-22 check" "$kith --as-of 2026-11-22 log kind:coffee -p 2005"
else
	for i in 1 2 3; do
		/usr/bin/time -f "check: %es %MKB" "$kith" --as-of 2026-11-22 check >/dev/null
	done
fi
"$kith" --as-of 2026-11-22 stats --speed | tail -n 8
