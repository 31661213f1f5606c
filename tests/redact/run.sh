#!/bin/sh
# --redact property test: every report command x every format with
# --redact, over examples/ and over tests/redact/journal (a journal that
# names its people in goal reasons, event places, checkpoint notes, notes
# and titles, in every case), shows no full name, first name or handle.
# usage: run.sh PATH/TO/kith
set -u
[ $# -eq 1 ] || { echo "usage: run.sh KITH" >&2; exit 2; }
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null || { echo "redact: python3 is missing" >&2; exit 1; }
s=0
python3 "$here/redact.py" "$kith" "$here/../../examples" 2026-11-22 || s=1
python3 "$here/redact.py" "$kith" "$here/journal" 2026-11-22 || s=1
exit $s
