# axds.bash: bash completion for axds(1), installed as bash-completion/completions/axds
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The groups, commands and options are read from the tool being completed, so that they never
# fall behind it (and a build tree's _build/cli/axds completes its own commands):
# `axds --help` lists the groups and their commands, `axds GROUP [COMMAND] --help` a command's
# options and, on its usage line, its arguments, whose names (DIR, FILE, ARCHIVE, ...) say what
# to complete. Help is read in the C locale, where it is never translated. Each TAB costs one
# or two runs of the tool, about 20 ms each.

# Prints the help of "$@" (the tool, then its group and command, if any) in the C locale.
_axds_help()
{
    LC_ALL=C LANGUAGE= "$@" --help 2>/dev/null
}

# Completes the value of an option or argument named NAME, as the help names them, of the
# command GROUP [COMMAND] of PROG; FILE is the command's first argument.
# Usage: _axds_complete_value NAME PROG GROUP COMMAND FILE
_axds_complete_value()
{
    local name=$1 prog=$2 group=$3 command=$4 file=$5

    case $name in
        DIR | SRC | DST | ROOT | OUTPUT_DIR)
            _filedir -d
            ;;
        FILE)
            # As an argument, FILE is a tracker; as an option value (a manifest), any file.
            if [[ $group == tracker ]]; then
                _filedir '@(yaml|yml)'
            else
                _filedir
            fi
            ;;
        ARCHIVE)
            _filedir npz
            ;;
        DTYPE)
            # The type names: NumPy type strings start with < or |, which the shell would
            # take for a redirection or a pipe if completed unquoted.
            COMPREPLY=($(compgen -W 'bool int8 int16 int32 int64 uint8 uint16 uint32 uint64
                float32 float64 complex64 complex128' -- "$cur"))
            ;;
        NAME)
            # Existing arrays and running loggers are files of the shared-memory folder:
            # arrays (and Python's buffers, for --raw) under their own names, loggers' queues
            # as axds-logq-NAME (see axds(1), FILES). New names are the user's to type.
            local dir=${AXDS_SHM_DIR:-/dev/shm} entry
            local -a names=()
            [[ -d $dir ]] || return
            for entry in "$dir"/*; do
                [[ -f $entry ]] || continue
                entry=${entry##*/}
                case $group.$command in
                    log.send)
                        [[ $entry == axds-logq-?* ]] && names+=("${entry#axds-logq-}")
                        ;;
                    shm.show | shm.set | shm.destroy)
                        [[ $entry != axds-logq-* && $entry != sem.* ]] && names+=("$entry")
                        ;;
                esac
            done
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "${names[*]}" -- "$cur"))
            ;;
        ID)
            # Job IDs of the tracker named before, read as the tool reads it.
            [[ $group == tracker && -f $file ]] || return
            local line
            local -a ids=()
            while IFS= read -r line; do
                [[ $line =~ \"job_id\"\ *:\ *\"([0-9a-f]+)\" ]] && ids+=("${BASH_REMATCH[1]}")
            done < <(LC_ALL=C "$prog" tracker show --json -- "$file" 2>/dev/null)
            COMPREPLY=($(compgen -W "${ids[*]}" -- "$cur"))
            ;;
    esac
}

_axds()
{
    local cur prev words cword split
    _init_completion -s || return

    local prog=${words[0]}
    __expand_tilde_by_ref prog

    # The groups, and the commands of each: "  GROUP — summary" or, for a group that is a
    # command of its own, "  GROUP ARGS — summary", followed by "    COMMAND  summary" lines.
    local -a groups=()
    local -A commands=()
    local line group="" in_list=false
    while IFS= read -r line; do
        if [[ $line == 'Command groups and commands:' ]]; then
            in_list=true
        elif ! $in_list; then
            continue
        elif [[ -z $line ]]; then
            break
        elif [[ $line =~ ^\ \ ([a-z][a-z0-9-]*)\  ]]; then
            group=${BASH_REMATCH[1]}
            groups+=("$group")
            commands[$group]=""
        elif [[ -n $group && $line =~ ^\ \ \ \ ([a-z][a-z0-9-]*)\  ]]; then
            commands[$group]+=" ${BASH_REMATCH[1]}"
        fi
    done < <(_axds_help "$prog")
    ((${#groups[@]} > 0)) || return

    if ((cword == 1)); then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
        else
            COMPREPLY=($(compgen -W "${groups[*]}" -- "$cur"))
        fi
        return
    fi

    # Words typed by the user are compared as strings, never used as subscripts unchecked:
    # bash would expand them a second time there.
    group=${words[1]}
    [[ " ${groups[*]} " == *" $group "* ]] || return

    local first=2 command=""
    local -a invocation=("$prog" "$group")
    if [[ -n ${commands[$group]} ]]; then
        if ((cword == 2)); then
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W '--help' -- "$cur"))
            else
                COMPREPLY=($(compgen -W "${commands[$group]}" -- "$cur"))
            fi
            return
        fi
        command=${words[2]}
        [[ " ${commands[$group]} " == *" $command "* ]] || return
        invocation+=("$command")
        first=3
    fi

    # The command's options ("  --name=VALUE  text", "  -h, --help  text") and, on the line
    # after "Usage:", its arguments: "axds GROUP [COMMAND] [OPTION?] FILE [ID?]", where "?" or
    # "..." marks an argument that repeats (a C locale turns the ellipsis into "?").
    local -a options=() arguments=()
    local -A takes_value=()
    local usage_next=false repeats=false word
    while IFS= read -r line; do
        if [[ $line == Usage: ]]; then
            usage_next=true
        elif $usage_next; then
            usage_next=false
            local -a usage_words
            read -ra usage_words <<<"$line"
            for word in "${usage_words[@]:${#invocation[@]}}"; do
                [[ $word == '[OPTION'* ]] && continue
                if [[ $word == '--' ]]; then
                    arguments+=(--)
                    continue
                fi
                repeats=false
                [[ $word == *'?' || $word == *'?]' || $word == *'...'* || $word == *'…'* ]] &&
                    repeats=true
                word=${word//[^A-Z0-9_:]/}
                arguments+=("${word%%:*}")
            done
        elif [[ $line =~ ^\ +(-[[:alnum:]],\ )?(--[[:alnum:]-]+)(=([^[:space:]]+))? ]]; then
            options+=("${BASH_REMATCH[2]}")
            [[ -n ${BASH_REMATCH[4]} ]] && takes_value[${BASH_REMATCH[2]}]=${BASH_REMATCH[4]}
        fi
    done < <(_axds_help "${invocation[@]}")

    # The value of an option, given as --name=VALUE or --name VALUE.
    local option value_name=""
    for option in "${!takes_value[@]}"; do
        [[ $option == "$prev" ]] && value_name=${takes_value[$option]}
    done
    if [[ -n $value_name ]]; then
        _axds_complete_value "${value_name//[^A-Z0-9_]/}" "$prog" "$group" "$command" ""
        return
    fi
    $split && return

    # Which argument the word under the cursor is: options and their values do not count,
    # numbers such as -1 do, and after "--" (axds tracker run FILE ID -- COMMAND...) comes a
    # command line of its own.
    local i position=0 file=""
    for ((i = first; i < cword; i++)); do
        word=${words[i]}
        if [[ $word == -- ]]; then
            if [[ " ${arguments[*]} " == *' -- '* ]]; then
                _command_offset $((i + 1))
                return
            fi
            continue
        elif [[ $word == -* && $word != -[0-9.]* ]]; then
            if [[ $word != *=* ]]; then
                for option in "${!takes_value[@]}"; do
                    [[ $option == "$word" ]] && i=$((i + 1)) && break
                done
            fi
            continue
        fi
        ((position == 0)) && file=$word
        position=$((position + 1))
    done

    if [[ $cur == -* ]]; then
        # Options that take a value complete to "--name=", ready for it.
        local -a words_offered=()
        for word in "${options[@]}"; do
            for option in "${!takes_value[@]}"; do
                [[ $option == "$word" ]] && word+="="
            done
            words_offered+=("$word")
        done
        COMPREPLY=($(compgen -W "${words_offered[*]}" -- "$cur"))
        [[ ${COMPREPLY[*]} == *= ]] && compopt -o nospace
        return
    fi

    local n=${#arguments[@]}
    ((n > 0)) || return
    if ((position >= n)); then
        $repeats || return
        position=$((n - 1))
    fi
    [[ ${arguments[position]} == -- ]] && return
    __expand_tilde_by_ref file
    _axds_complete_value "${arguments[position]}" "$prog" "$group" "$command" "$file"
} &&
    complete -F _axds axds

# ex: filetype=sh
