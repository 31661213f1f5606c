#!/bin/sh
# make bench: generate the benchmark journals (once, under bench/data),
# time kith and its peers on them and write docs/performance.md.
# usage: run.sh KITH FLOOR   (BENCH_SIZES, BENCH_RUNS, BENCH_SLOW_MAX: see bench.py)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
floor=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
exec python3 "$here/bench.py" "$kith" "$floor" "$here/data" "$here/../docs/performance.md"
