# fish completion for kith: commands, options, handles, goal and event ids
# and periods. Commands and options are read from 'kith --help', names
# from the journal through 'kith complete', so this file never goes stale.
# Installed by 'make install' into fish's vendor_completions.d.

# -f FILE as given on the command line, for 'kith complete'
function __kith_file
    set -l t (commandline -opc)
    for i in (seq (count $t))
        if contains -- $t[$i] -f --file; and test $i -lt (count $t)
            echo -f
            echo $t[(math $i + 1)]
        end
    end
end

function __kith_names
    kith (__kith_file) complete $argv 2>/dev/null
end

# the command word, if one was typed
function __kith_command
    set -l t (commandline -opc)
    set -e t[1]
    set -l skip 0
    for w in $t
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case -f --file -o --output --as-of --format --color --diagnostics --within -p --period --date --kind --with --to --since --tz --me
                set skip 1
            case '-*'
            case '*'
                echo $w
                return
        end
    end
end

function __kith_commands
    kith --help 2>/dev/null | string replace -rf '^  ([a-z][a-z-]*) .*' '$1'
end

function __kith_options
    set -l c (__kith_command)
    begin
        kith --help
        test -n "$c"; and kith $c --help
    end 2>/dev/null | string match -ar -- '--[a-z][a-z-]*' | sort -u
end

function __kith_wants_option
    string match -q -- '-*' (commandline -ct)
end

function __kith_no_command
    test -z (__kith_command)
end

function __kith_is
    contains -- (__kith_command) $argv
end

complete -c kith -f
complete -c kith -n '__kith_no_command' -a '(__kith_commands)'
complete -c kith -n '__kith_wants_option' -a '(__kith_options)'
complete -c kith -s f -l file -r -F -d 'root file'
complete -c kith -s o -l output -r -F -d 'write to FILE'
complete -c kith -l format -x -a 'text md html json csv ics'
complete -c kith -l color -x -a 'auto always never'
complete -c kith -l diagnostics -x -a 'human json github'
complete -c kith -l within -x -a '7d 14d 30d 90d'
complete -c kith -s p -l period -x -a '(__kith_names periods)'
complete -c kith -l kind -x -a '(__kith_names kinds)'
complete -c kith -l with -x -a '(__kith_names handles | string replace @ "")'
complete -c kith -l to -r -F
complete -c kith -l as-of -x
complete -c kith -l date -x
complete -c kith -n '__kith_is show' -a '(__kith_names targets)'
complete -c kith -n '__kith_is due log contacts' -a '(__kith_names handles)'
complete -c kith -n '__kith_is fmt' -F
complete -c kith -n '__kith_is init' -a '(__fish_complete_directories)'
complete -c kith -n '__kith_is import; and not __fish_seen_subcommand_from vcard linkedin ics' -a 'vcard linkedin ics'
complete -c kith -n '__kith_is import; and __fish_seen_subcommand_from vcard linkedin ics' -F
complete -c kith -l since -x
complete -c kith -l tz -x
complete -c kith -l me -x
