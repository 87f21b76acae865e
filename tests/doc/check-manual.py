#!/usr/bin/env python3
# check-manual.py — the manual pages document what the programs have, and render cleanly
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-manual.py --cli AXDS --page AXDS.1 [--monitor AXDS-MONITOR --monitor-page PAGE]
#
# Runs the built `axds --help` and `axds GROUP --help` to learn every group and command, and
# `axds GROUP [COMMAND] --help` for each command's options, then checks that the rendered
# axds(1) has, in its COMMANDS section, a line "axds GROUP COMMAND ..." at the left margin for
# each command, with each of its options in the block under it, and no such line for a
# command the tool does not have. For axds-monitor(1), each option `axds-monitor --help`
# lists must be under OPTIONS. Both pages must render with groff without a warning, use only
# the man macros scdoc emits, and have the sections every page of ours has. Prints TAP.

import argparse
import os
import re
import shutil
import subprocess
import sys

REQUIRED_SECTIONS = ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'EXIT STATUS', 'ENVIRONMENT',
                     'EXAMPLES', 'SEE ALSO', 'AUTHORS']
# What scdoc writes; a text line that starts with "." would be taken for a request instead.
KNOWN_REQUESTS = {'TH', 'SH', 'SS', 'P', 'PP', 'RS', 'RE', 'IP', 'nf', 'fi', 'nh', 'ad', 'ie',
                  'el', 'ds', 'br', 'sp', 'TS', 'TE', 'in', 'ti', 'LP', '\\"', '\\}'}

results = []


def check(ok, name, diagnostics=''):
    results.append((bool(ok), name, diagnostics, None))


def skip(name, reason):
    results.append((True, name, '', reason))


def run_help(*argv):
    """A program's --help in the C locale, where it is never translated."""
    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='')
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    proc = subprocess.run([*argv, '--help'], env=env, capture_output=True, encoding='utf-8',
                          errors='replace', timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f'{" ".join(argv)} --help exited with {proc.returncode}: '
                           f'{proc.stderr}')
    return proc.stdout


def listed_block(text, header):
    """The lines after the line `header` up to the first empty line."""
    lines = text.splitlines()
    start = lines.index(header) + 1
    block = []
    for line in lines[start:]:
        if not line.strip():
            break
        block.append(line)
    return block


def options_of(help_text):
    """Long options of a GOption --help, but --help itself."""
    found = re.findall(r'^\s+(?:-\w, )?(--[\w-]+)', help_text, re.MULTILINE)
    return [o for o in found if o != '--help']


def cli_commands(cli):
    """{(group,) or (group, command): [options]} from the tool's own help."""
    overview = run_help(cli)
    groups = []
    for line in listed_block(overview, 'Command groups and commands:'):
        m = re.match(r'^  ([a-z][a-z0-9-]*)( |$)', line)
        if m:
            groups.append(m.group(1))
    if not groups:
        raise RuntimeError('axds --help lists no command groups:\n' + overview)

    commands = {}
    for group in groups:
        group_help = run_help(cli, group)
        if 'Commands:' in group_help.splitlines():
            for line in listed_block(group_help, 'Commands:'):
                m = re.match(r'^  ([a-z][a-z0-9-]*) ', line)
                if m:
                    name = m.group(1)
                    commands[(group, name)] = options_of(run_help(cli, group, name))
        else:
            # A group that is a command of its own (`axds checksum DIR`).
            commands[(group,)] = options_of(group_help)
    return groups, commands, options_of(overview) + ['--help']


def render(page):
    """The page as plain text on lines long enough never to wrap, and groff's warnings."""
    proc = subprocess.run(['groff', '-man', '-Tutf8', '-ww', '-rLL=1000n', '-P-cbou', page],
                          capture_output=True, encoding='utf-8', errors='replace', timeout=60)
    # groff 1.23 writes U+2010 for "-"; 1.22 ASCII.
    text = proc.stdout.replace('\u2010', '-').replace('\u2212', '-')
    return proc.returncode, text, proc.stderr


def sections(text):
    """{SECTION: [lines]} of rendered text: headings start at the left margin."""
    result = {}
    current = None
    for line in text.splitlines():
        if line and not line[0].isspace():
            current = line.strip()
            result.setdefault(current, [])
        elif current is not None:
            result[current].append(line)
    return result


def check_page_form(label, page):
    with open(page, encoding='utf-8') as f:
        roff = f.read()
    status, text, warnings = render(page)
    check(status == 0 and not warnings.strip(), f'{label}: groff -ww renders it without a warning',
          warnings)

    unknown = [line for line in roff.splitlines()
               if line.startswith('.') and line[1:].split(' ')[0] not in KNOWN_REQUESTS]
    check(not unknown, f'{label}: only requests scdoc writes (no text line starts with ".")',
          '\n'.join(unknown))

    headings = re.findall(r'^\.SH (.*)$', roff, re.MULTILINE)
    headings = [h.strip('"') for h in headings]
    missing = [s for s in REQUIRED_SECTIONS if s not in headings]
    if 'OPTIONS' not in headings and 'COMMANDS' not in headings:
        missing.append('OPTIONS or COMMANDS')
    check(not missing, f'{label}: has the sections {", ".join(REQUIRED_SECTIONS)}',
          'missing: ' + ', '.join(missing))

    # lexgrog is how mandb and lintian read the NAME line.
    lexgrog = shutil.which('lexgrog')
    title = f'{label}: its NAME line makes a whatis entry'
    if lexgrog:
        proc = subprocess.run([lexgrog, page], capture_output=True, text=True)
        name = os.path.basename(page).rsplit('.', 1)[0]
        check(proc.returncode == 0 and f'"{name} - ' in proc.stdout, title,
              proc.stdout + proc.stderr)
    else:
        skip(title, 'lexgrog not installed (Debian package man-db)')
    return sections(text)


def check_axds(cli, page):
    secs = check_page_form('axds(1)', page)
    groups, commands, global_options = cli_commands(cli)

    lines = secs.get('COMMANDS', [])
    # Command lines sit at the left margin of the section's text (7 columns); descriptions
    # and options are indented further.
    blocks = {}
    strays = []
    current = None
    for line in lines:
        m = re.match(r'^ {7}axds ([a-z][a-z0-9-]*)(?: ([a-z][a-z0-9-]*))?', line)
        if m:
            group, name = m.group(1), m.group(2)
            if group in groups and (group, name) in commands:
                current = (group, name)
            elif group in groups and (group,) in commands:
                current = (group,)
            else:
                current = None
                strays.append(line.strip())
                continue
            blocks.setdefault(current, []).append(line)
        elif current is not None:
            blocks[current].append(line)

    check(lines, 'axds(1): has a COMMANDS section')
    check(not strays, 'axds(1): documents no command the tool does not have', '\n'.join(strays))
    for key, options in sorted(commands.items()):
        title = 'axds ' + ' '.join(key)
        check(key in blocks, f'axds(1): documents "{title}"',
              f'no line "{title} ..." at the left margin of COMMANDS')
        if key not in blocks:
            continue
        # Each option has an entry of its own: a line under the command's line that starts
        # with it (naming it in the command's synopsis is not enough).
        block = '\n'.join(blocks[key][1:])
        missing = [o for o in options
                   if not re.search(r'^\s+' + re.escape(o) + r'(?![\w-])', block, re.MULTILINE)]
        check(not missing, f'axds(1): has an entry for each option of "{title}"',
              'missing: ' + ' '.join(missing))

    text = '\n'.join(secs.get('GLOBAL OPTIONS', []) + secs.get('OPTIONS', []))
    missing = [o for o in global_options if o not in text]
    check(not missing, 'axds(1): documents the options of axds itself',
          'missing: ' + ' '.join(missing))


def check_monitor(monitor, page):
    secs = check_page_form('axds-monitor(1)', page)
    help_text = run_help(monitor)
    # GOption's --help-all and GApplication's options (--gapplication-service) are not ours.
    options = [o for o in options_of(help_text)
               if not o.startswith('--help-') and 'gapplication' not in o]
    check(options, 'axds-monitor --help lists options', help_text)
    text = '\n'.join(secs.get('OPTIONS', []))
    missing = [o for o in options + ['--help']
               if not re.search(r'^\s+(-\w, )?' + re.escape(o) + r'(?![\w-])', text,
                                re.MULTILINE)]
    check(not missing, 'axds-monitor(1): documents every option of axds-monitor --help',
          'missing: ' + ' '.join(missing))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--cli', required=True)
    parser.add_argument('--page')
    parser.add_argument('--monitor')
    parser.add_argument('--monitor-page')
    args = parser.parse_args()

    if not args.page:
        print('1..0 # SKIP the manual pages are not built (scdoc not found; -Dman=enabled '
              'requires it)')
        return 0
    if shutil.which('groff') is None:
        print('1..0 # SKIP groff is not installed (Debian package groff-base)')
        return 0

    check_axds(args.cli, args.page)
    if args.monitor_page:
        check_monitor(args.monitor, args.monitor_page)

    print(f'1..{len(results)}')
    failed = 0
    for i, (ok, name, diagnostics, skipped) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {name}' +
              (f' # SKIP {skipped}' if skipped else ''))
        if not ok:
            failed += 1
            for line in str(diagnostics).splitlines():
                print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
