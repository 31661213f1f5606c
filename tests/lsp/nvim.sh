#!/bin/sh
# Neovim as the client: headless, with tests/lsp/nvim.lua as its whole
# configuration, on a temporary copy of tests/lsp/journal with a typo.
# usage: nvim.sh PATH/TO/kith
set -u
[ $# -eq 1 ] || { echo "usage: nvim.sh KITH" >&2; exit 2; }
command -v nvim >/dev/null || { echo "lsp: nvim is missing (Debian: neovim)" >&2; exit 1; }
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -R "$here/journal" "$tmp/journal"
sed 's/Coffee with @alice #coffee/Coffee with @alcie #coffee/' \
	"$here/journal/journal/2026-11.md" >"$tmp/journal/journal/2026-11.md"
mkdir -p "$tmp/home" "$tmp/state"
(
	cd "$tmp/journal" &&
	HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home" XDG_DATA_HOME="$tmp/home" \
	XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/state" \
	KITH="$kith" KITH_JOURNAL="$tmp/journal" KITH_RESULT="$tmp/result" \
	timeout 60 nvim --headless --clean -n -u "$here/nvim.lua" >"$tmp/out" 2>&1 </dev/null
)
status=$?
if [ "$status" -eq 0 ] && [ "$(cat "$tmp/result" 2>/dev/null)" = ok ]; then
	echo "lsp: neovim sees the diagnostic, completes '@' and jumps to the definition"
	exit 0
fi
echo "lsp: neovim client FAILED (status $status)"
cat "$tmp/result" "$tmp/out" 2>/dev/null | head -n 40
exit 1
