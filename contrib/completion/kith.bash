# bash completion for kith: commands, options, handles, goal and event ids
# and periods. Commands and options are read from 'kith --help', names
# from the journal through 'kith complete', so this file never goes stale.
# Installed by 'make install' (bash-completion loads it on first use), or:
#   source contrib/completion/kith.bash

_kith_help_commands() {
	kith --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

_kith_help_options() { # $1: the command, or empty
	{ kith --help; [ -n "$1" ] && kith "$1" --help; } 2>/dev/null |
		grep -o -- '--[a-z][a-z-]*' | sort -u
}

_kith() {
	local cur prev cmd="" sub="" i w
	local -a file=()
	# the word under the cursor as typed, '@' included (it is a word
	# break for readline)
	cur=${COMP_LINE:0:COMP_POINT}
	cur=${cur##*[[:space:]]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	[ "$prev" = "$cur" ] && prev=${COMP_WORDS[COMP_CWORD - 2]}
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-f | --file) file=(-f "${COMP_WORDS[i + 1]}"); ((i++)) ;;
		--file=*) file=(-f "${w#--file=}") ;;
		-o | --output | --as-of | --format | --color | --diagnostics | \
			--within | -p | --period | --date | --kind | --with | --to | \
			--since | --tz | --me) ((i++)) ;;
		-* | @ | =) ;;
		*) if [ -z "$cmd" ]; then cmd=$w; elif [ -z "$sub" ]; then sub=$w; fi ;;
		esac
	done
	local words=""
	case $prev in
	-f | --file | -o | --output | --to)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return ;;
	--format) words="text md html json csv ics" ;;
	--color) words="auto always never" ;;
	--diagnostics) words="human json github" ;;
	--within) words="7d 14d 30d 90d" ;;
	-p | --period) words=$(kith "${file[@]}" complete periods 2>/dev/null) ;;
	--with) words=$(kith "${file[@]}" complete handles 2>/dev/null | sed 's/^@//') ;;
	--kind) words=$(kith "${file[@]}" complete kinds 2>/dev/null) ;;
	--as-of | --date | --since | --tz | --me) return ;;
	*)
		if [[ $cur == -* ]]; then
			words=$(_kith_help_options "$cmd")
		elif [ -z "$cmd" ]; then
			words=$(_kith_help_commands)
		else
			case $cmd in
			show) words=$(kith "${file[@]}" complete targets 2>/dev/null) ;;
			due | log | contacts)
				words=$(kith "${file[@]}" complete handles 2>/dev/null) ;;
			fmt)
				mapfile -t COMPREPLY < <(compgen -f -- "$cur")
				return ;;
			init)
				mapfile -t COMPREPLY < <(compgen -d -- "$cur")
				return ;;
			import)
				if [ -z "$sub" ]; then
					words="vcard linkedin ics"
				else
					mapfile -t COMPREPLY < <(compgen -f -- "$cur")
					return
				fi ;;
			esac
		fi ;;
	esac
	if [[ $cur == @* && $COMP_WORDBREAKS == *@* ]]; then
		# readline replaces only what follows the '@'
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur" | sed 's/^@//')
	else
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
	fi
}
complete -F _kith kith
