#!/bin/sh
# What the tests must not change: the git status of the checkout (ignored
# files aside) with a hash of every changed or untracked file.
#   sh tests/tree-state.sh > BEFORE            before the tests
#   sh tests/tree-state.sh --compare BEFORE     after: fails on any change
# On a fresh clone BEFORE is empty, so after `make check` the tree must be
# clean (`git status --porcelain` prints nothing).
set -u
cd "$(dirname "$0")/.." || exit 2
state() {
	git status --porcelain=v1 -uall | while IFS= read -r l; do
		p=${l#???}
		if [ -f "$p" ]; then h=$(git hash-object -- "$p"); else h=-; fi
		printf '%s %s\n' "$l" "$h"
	done
}
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "tree: not a git checkout, nothing to compare"
	exit 0
fi
if [ "${1:-}" != --compare ]; then
	state
	exit
fi
before=$2
after=$(state)
if [ "$after" != "$(cat "$before")" ]; then
	echo "FAIL tree: the tests changed the checkout (git status --porcelain):"
	printf '%s\n' "$after" | diff "$before" - | sed -n 's/^[<>] /    /p'
	exit 1
fi
if [ -z "$after" ]; then echo "tree: clean"
else echo "tree: unchanged by the tests ($(printf '%s\n' "$after" | wc -l) files were changed before)"; fi
