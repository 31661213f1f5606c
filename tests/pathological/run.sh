#!/bin/sh
# Pathological inputs (1M headings, 100k diagnostics, FIFOs, NUL bytes, a
# 100 MB scalar, deep YAML, bidi text, 20000 files), each within a budget
# of 10 CPU seconds; see run.py. Run by `make pathological` and .ci/run.
# usage: run.sh PATH/TO/kith [CASE...]
set -u
[ $# -ge 1 ] || { echo "usage: run.sh KITH [CASE...]" >&2; exit 2; }
command -v python3 >/dev/null || { echo "pathological: python3 is missing" >&2; exit 1; }
exec python3 "$(dirname "$0")/run.py" "$@"
