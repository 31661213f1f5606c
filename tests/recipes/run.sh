#!/bin/sh
# The recipes of contrib/: each completion script loads in its shell and
# completes commands, options, handles and periods; the Vim compiler
# plugin reads kith's diagnostics; the CI workflows parse and their
# commands run against examples/; the pre-commit hook refuses a broken
# journal; make install puts the completions where the shells look.
# usage: run.sh PATH/TO/kith
set -u
[ $# -eq 1 ] || { echo "usage: run.sh KITH" >&2; exit 2; }
kith=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
for tool in bash zsh fish vim git python3 make; do
	command -v $tool >/dev/null || { echo "recipes: $tool is missing" >&2; exit 1; }
done
python3 -c 'import yaml' 2>/dev/null || { echo "recipes: python3 cannot import yaml (Debian: python3-yaml)" >&2; exit 1; }
mkdir "$tmp/bin" "$tmp/home"
ln -s "$kith" "$tmp/bin/kith"
PATH="$tmp/bin:$PATH"
HOME="$tmp/home"
KITH_AS_OF=2026-12-01
export PATH HOME KITH_AS_OF
unset KITH_FILE
cp -R "$top/examples" "$tmp/j"
cd "$tmp/j" || exit 1
fail=0
bad() { echo "FAIL recipes: $*"; fail=1; }
# has WORDS WORD: is WORD one of the space-separated WORDS?
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }

# ---- bash: COMP_WORDS split as readline does ('@' is a word break) ----
bash_complete() {
	bash --norc --noprofile -c '
		. "$1/contrib/completion/kith.bash"
		line=$2
		COMP_LINE=$line COMP_POINT=${#line}
		COMP_WORDBREAKS="\"'"'"'@><=;|&(:"
		read -ra COMP_WORDS <<<"$(printf "%s" "$line" | sed "s/@/ @ /g")"
		case $line in *" " | *@) COMP_WORDS+=("") ;; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_kith
		echo "${COMPREPLY[*]}"' sh "$top" "$1"
}
out=$(bash_complete "kith log @pr")
[ "$out" = "priya" ] || bad "bash: 'kith log @pr' gave '$out'"
out=$(bash_complete "kith show pr")
[ "$out" = "priya" ] || bad "bash: 'kith show pr' gave '$out'"
out=$(bash_complete "kith ")
has "$out" check && has "$out" lsp || bad "bash: commands: '$out'"
out=$(bash_complete "kith check --di")
[ "$out" = "--diagnostics" ] || bad "bash: options: '$out'"
out=$(bash_complete "kith report -p last-m")
[ "$out" = "last-month" ] || bad "bash: periods: '$out'"
out=$(bash_complete "kith import ")
[ "$out" = "vcard linkedin ics" ] || bad "bash: import: '$out'"
out=$(bash_complete "kith show grow-p")
[ "$out" = "grow-platform-network" ] || bad "bash: goal ids: '$out'"

# ---- zsh: compinit finds the function; compadd records the candidates ----
zsh_complete() {
	zsh -f -c '
		fpath=("$1/contrib/completion" $fpath)
		autoload -U compinit && compinit -u -d "$HOME/.zcompdump"
		[[ $_comps[kith] == _kith ]] || { print "not registered"; exit 1; }
		compadd() { [[ $1 == -a ]] && print -r -- ${(P)2}; }
		_files() { print -r -- "(files)"; }
		words=(${=2}); [[ $2 == *" " ]] && words+=("")
		CURRENT=${#words}
		_kith' sh "$top" "$1"
}
out=$(zsh_complete "kith log @")
has "$out" @priya || bad "zsh: 'kith log @' gave '$out'"
out=$(zsh_complete "kith show pr")
has "$out" priya && has "$out" grow-platform-network || bad "zsh: show: '$out'"
out=$(zsh_complete "kith ")
has "$out" report && has "$out" lsp || bad "zsh: commands: '$out'"
out=$(zsh_complete "kith import ")
[ "$out" = "vcard linkedin ics" ] || bad "zsh: import: '$out'"
out=$(zsh_complete "kith goals -p ")
has "$out" last-month || bad "zsh: periods: '$out'"

# and for real: an interactive zsh on a pseudo-terminal, TAB after '@pr';
# zpty -r waits for the completed word (timeout: a failure)
out=$(timeout 30 zsh -f -c '
	zmodload zsh/zpty || exit 1
	zpty -b z "zsh -f -i"
	zpty -w z "PS1=\"> \"; fpath=(\"$1/contrib/completion\" \$fpath); autoload -U compinit; compinit -u -d \"$HOME/.zcompdump2\""
	zpty -w -n z "kith log @pr"$'"'"'\t'"'"'
	zpty -r z got "*kith log @priya*" && print -r -- completed
	zpty -d z' sh "$top" 2>&1)
[ "$out" = completed ] || bad "zsh: TAB on a terminal did not complete @pr to @priya"

# ---- fish: its own completion engine ----
fish_complete() {
	fish --no-config -c "source '$top/contrib/completion/kith.fish'; complete -C '$1'"
}
out=$(fish_complete "kith log @pr" | tr '\n' ' ')
[ "$out" = "@priya " ] || bad "fish: 'kith log @pr' gave '$out'"
out=$(fish_complete "kith show pr" | cut -f1 | tr '\n' ' ')
[ "$out" = "priya " ] || bad "fish: 'kith show pr' gave '$out'"
out=$(fish_complete "kith " | cut -f1 | tr '\n' ' ')
has "$out" due && has "$out" lsp || bad "fish: commands: '$out'"
out=$(fish_complete "kith import " | cut -f1 | tr '\n' ' ')
[ "$out" = "ics linkedin vcard " ] || bad "fish: import: '$out'"
out=$(fish_complete "kith report --per" | cut -f1 | tr '\n' ' ')
[ "$out" = "--period " ] || bad "fish: options: '$out'"

# ---- the Vim compiler plugin, on a journal with an error after 'é' ----
mkdir "$tmp/v" "$tmp/v/journal"
printf 'kith: 1\ninclude: [contacts.yaml, "journal/*.md"]\n' >"$tmp/v/kith.yaml"
printf 'contacts:\n  alice:\n    name: Alice\n' >"$tmp/v/contacts.yaml"
printf '## 2026-11-03 Café with @alcie #coffee\n' >"$tmp/v/journal/2026-11.md"
(cd "$tmp/v" && kith check >"$tmp/v/out" 2>&1)
(cd "$tmp/v" && vim -N -u NONE -i NONE -es --cmd "set rtp^=$top/contrib/vim" \
	-c 'compiler kith' -c 'cgetfile out' -c "redir! > $tmp/v/qf" \
	-c 'for e in getqflist() | echo bufname(e.bufnr) e.lnum e.col e.vcol e.type e.text | endfor' \
	-c 'redir END' -c 'qa!')
want="journal/2026-11.md 1 25 1 E no contact '@alcie' [unknown-contact]"
got=$(sed -n 2p "$tmp/v/qf")
[ "$got" = "$want" ] || bad "vim: ':compiler kith' read '$got'"
grep -q "= help: did you mean '@alice'" "$tmp/v/qf" || bad "vim: help line"
[ "$(grep -c . "$tmp/v/qf")" = 2 ] || bad "vim: one entry: $(cat "$tmp/v/qf")"

# ---- CI workflows and the pre-commit framework's hooks ----
python3 "$here/workflows.py" "$top" "$tmp/j" || fail=1

# ---- the plain git hook ----
(
	cd "$tmp/j" && git init -q && git config user.email t@example.com &&
	git config user.name test &&
	cp "$top/contrib/git-hooks/pre-commit" .git/hooks/pre-commit &&
	git add -A && git commit -qm journal >/dev/null 2>&1
) || bad "pre-commit: a clean journal is refused"
(
	cd "$tmp/j" && sed -i 's/with @priya/with @pryia/' journal/2026-11.md &&
	git commit -qam typo >/dev/null 2>&1
) && bad "pre-commit: a journal with an error is committed"
(
	cd "$tmp/j" && git checkout -q -- . && printf '\n\n\n' >>journal/2026-11.md &&
	git commit -qam layout >/dev/null 2>&1
) && bad "pre-commit: a file out of kith fmt's layout is committed"

# ---- make install: the completions where the shells look ----
make -s -C "$top" install DESTDIR="$tmp/dest" PREFIX=/usr \
	BUILD="$(dirname "$kith")" >/dev/null 2>&1 || bad "make install failed"
for f in share/bash-completion/completions/kith share/zsh/site-functions/_kith \
	share/fish/vendor_completions.d/kith.fish; do
	[ -f "$tmp/dest/usr/$f" ] || bad "make install: no $f"
done

[ $fail = 0 ] && echo "recipes: bash, zsh and fish complete; vim, CI, pre-commit and install recipes work"
exit $fail
