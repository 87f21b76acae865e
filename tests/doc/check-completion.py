#!/usr/bin/env python3
# check-completion.py — the bash completion of axds, driven as bash drives it
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-completion.py --cli AXDS --script data/completions/axds.bash
#
# Starts one bash, loads bash-completion's helpers ($AXDS_BASH_COMPLETION, else the usual
# place) and the script, and calls its completion function for each case with COMP_WORDS,
# COMP_CWORD, COMP_LINE and COMP_POINT set as bash sets them when TAB is pressed at the end of
# the line (words split at "=" as COMP_WORDBREAKS splits them). The expected words come from
# the built tool's own --help, so a group, command or option the script cannot complete
# fails here. Prints TAP.

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SEPARATOR = '\x1e'

DRIVER = r'''
source "$BASH_COMPLETION_SCRIPT" || exit 90
source "$AXDS_COMPLETION_SCRIPT" || exit 91
declare -F _axds >/dev/null || exit 92
complete -p axds >/dev/null || exit 93
run()
{
    COMP_LINE=$1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _axds "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
    printf '\x1e\n'
}
'''


def run_help(*argv):
    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
    return subprocess.run([*argv, '--help'], env=env, capture_output=True, encoding='utf-8',
                          check=True, timeout=60).stdout


def listed(text, header):
    lines = text.splitlines()
    out = []
    for line in lines[lines.index(header) + 1:]:
        if not line.strip():
            break
        m = re.match(r'^  ([a-z][a-z0-9-]*)( |$)', line)
        if m:
            out.append(m.group(1))
    return out


def options_of(help_text):
    return re.findall(r'^\s+(?:-\w, )?(--[\w-]+)', help_text, re.MULTILINE)


def valued_options_of(help_text):
    """The options shown as --name=VALUE."""
    return set(re.findall(r'^\s+(--[\w-]+)=', help_text, re.MULTILINE))


def command_line(words):
    """The line as typed: bash split "=" off as a word of its own, without spaces around."""
    line = words[0]
    for previous, word in zip(words, words[1:]):
        line += word if '=' in (previous, word) else ' ' + word
    return line


def complete_all(bash, env, cases):
    """Runs every case (a list of words, the last one under the cursor) in one bash."""
    script = DRIVER + ''.join('run ' + ' '.join(shlex.quote(w)
                                                for w in [command_line(words)] + words) + '\n'
                              for words in cases)
    proc = subprocess.run([bash, '--norc', '--noprofile', '-c', script], env=env,
                          capture_output=True, encoding='utf-8', timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f'bash exited with {proc.returncode}: {proc.stderr}')
    replies = proc.stdout.split(SEPARATOR + '\n')[:-1]
    if len(replies) != len(cases):
        raise RuntimeError(f'{len(replies)} replies for {len(cases)} cases: {proc.stderr}')
    return [[w for w in reply.split('\n') if w] for reply in replies]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--cli', required=True)
    parser.add_argument('--script', required=True)
    args = parser.parse_args()

    bash = shutil.which('bash')
    helpers = os.environ.get('AXDS_BASH_COMPLETION',
                             '/usr/share/bash-completion/bash_completion')
    if bash is None:
        print('1..0 # SKIP bash is not installed')
        return 0
    if not os.path.isfile(helpers):
        print(f'1..0 # SKIP bash-completion is not installed (no {helpers}; Debian package '
              'bash-completion)')
        return 0

    cli = os.path.abspath(args.cli)
    overview = run_help(cli)
    groups = listed(overview, 'Command groups and commands:')
    commands = {}
    options = {}
    valued = {}
    for group in groups:
        group_help = run_help(cli, group)
        if 'Commands:' in group_help.splitlines():
            commands[group] = listed(group_help, 'Commands:')
            for name in commands[group]:
                command_help = run_help(cli, group, name)
                options[(group, name)] = options_of(command_help)
                valued[(group, name)] = valued_options_of(command_help)
        else:
            options[(group,)] = options_of(group_help)
            valued[(group,)] = valued_options_of(group_help)

    tmp = tempfile.mkdtemp(prefix='axds-completion-')
    try:
        # A folder to complete in: two sessions, a note, an archive; a shared-memory folder
        # with an array, a Python buffer, a logger's queue and a semaphore; a tracker.
        for d in ('session-1', 'session-2'):
            os.mkdir(os.path.join(tmp, d))
        for f in ('notes.txt', 'lick_log.npz'):
            open(os.path.join(tmp, f), 'w').close()
        shm = os.path.join(tmp, 'shm')
        os.mkdir(shm)
        for f in ('trial', 'psm_4f1c', 'axds-logq-behavior', 'sem.lock'):
            open(os.path.join(shm, f), 'w').close()
        tracker = os.path.join(tmp, 'processing_tracker.yaml')
        ids = subprocess.run([cli, 'tracker', 'init', tracker, 'registration:plane-0',
                              'registration:plane-1'], capture_output=True, encoding='utf-8',
                             check=True).stdout.split()

        env = dict(os.environ, BASH_COMPLETION_SCRIPT=helpers,
                   AXDS_COMPLETION_SCRIPT=os.path.abspath(args.script), AXDS_SHM_DIR=shm,
                   # Nothing of the user's or the system's other completions.
                   BASH_COMPLETION_USER_FILE='/dev/null',
                   BASH_COMPLETION_COMPAT_DIR=os.path.join(tmp, 'none'), HOME=tmp)

        cases = []  # (name, words, check(reply) -> diagnostics or None)

        def expect(name, words, expected, exact=True):
            def verdict(reply):
                if exact and sorted(reply) != sorted(expected):
                    return f'expected {sorted(expected)}, got {sorted(reply)}'
                if not exact and not set(expected) <= set(reply):
                    return f'expected at least {sorted(expected)}, got {sorted(reply)}'
                return None
            cases.append((name, [cli] + words, verdict))

        expect('axds tr<TAB> offers the groups starting with "tr"', ['tr'],
               [g for g in groups if g.startswith('tr')])
        expect('axds trac<TAB> completes to tracker', ['trac'], ['tracker'])
        expect('axds <TAB> offers every group', [''], groups)
        expect('axds --<TAB> offers --help and --version', ['--'], ['--help', '--version'])
        expect('axds tracker re<TAB> offers exactly the tracker commands starting with "re"',
               ['tracker', 're'], [c for c in commands.get('tracker', []) if c.startswith('re')])
        for group, names in commands.items():
            expect(f'axds {group} <TAB> offers every command of {group}', [group, ''], names)
        # Options that take a value are offered as "--name=", ready for it.
        for key, opts in options.items():
            expect(f'axds {" ".join(key)} --<TAB> offers its options', [*key, '--'],
                   [o + ('=' if o in valued[key] else '') for o in opts])
        expect('axds checksum --man<TAB> completes to --manifest=', ['checksum', '--man'],
               ['--manifest='])
        expect('axds checksum --no<TAB> completes to --no-save', ['checksum', '--no'],
               ['--no-save'])

        expect('axds checksum DIR<TAB> offers directories only',
               ['checksum', os.path.join(tmp, 'ses')],
               [os.path.join(tmp, 'session-1'), os.path.join(tmp, 'session-2')])
        expect('axds transfer SRC DST<TAB> offers directories for the second argument',
               ['transfer', '--threads', '4', os.path.join(tmp, 'session-1'),
                os.path.join(tmp, 'session-')],
               [os.path.join(tmp, 'session-1'), os.path.join(tmp, 'session-2')])
        expect('axds checksum DIR <TAB> offers nothing after its one argument',
               ['checksum', tmp, ''], [])
        expect('axds log info ARCHIVE<TAB> offers .npz archives and folders, not other files',
               ['log', 'info', tmp + '/'],
               [os.path.join(tmp, d) for d in ('session-1', 'session-2', 'shm',
                                               'lick_log.npz')])
        expect('axds checksum --manifest=FILE<TAB> offers files (words split at "=")',
               ['checksum', '--manifest', '=', os.path.join(tmp, 'no')],
               [os.path.join(tmp, 'notes.txt')])
        expect('axds checksum --manifest FILE<TAB> offers files',
               ['checksum', '--manifest', os.path.join(tmp, 'no')],
               [os.path.join(tmp, 'notes.txt')])
        expect('axds shm create --dtype uint<TAB> offers the unsigned types',
               ['shm', 'create', '--dtype', 'uint'], ['uint8', 'uint16', 'uint32', 'uint64'])
        expect('axds shm show <TAB> offers the segments of the shared-memory folder',
               ['shm', 'show', ''], ['trial', 'psm_4f1c'])
        expect('axds log send --source 1 <TAB> offers the running loggers',
               ['log', 'send', '--source', '1', ''], ['behavior'])
        expect('axds tracker fail FILE <TAB> offers the tracker\'s job IDs',
               ['tracker', 'fail', tracker, ''], ids)
        expect('axds tracker run FILE ID -- <TAB> completes a command',
               ['tracker', 'run', tracker, ids[0], '--', 'bas'], ['bash'], exact=False)

        replies = complete_all(bash, env, [words for _, words, _ in cases])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f'1..{len(cases)}')
    failed = 0
    for i, ((name, _, verdict), reply) in enumerate(zip(cases, replies), 1):
        problem = verdict(reply)
        print(f'{"not ok" if problem else "ok"} {i} - {name}')
        if problem:
            failed += 1
            print('# ' + problem)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
