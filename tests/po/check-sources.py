#!/usr/bin/env python3
# check-sources.py — every translatable string reaches xgettext
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-sources.py SOURCE_ROOT
#
# 1. po/POTFILES.in lists every file of app/, cli/, ui/ and data/ with translatable strings, and
#    lib/po/POTFILES.in every one of lib/, sorted as `LC_ALL=C sort` sorts, each file once.
# 2. The message of every gettext call in those C files is string literals only, joined with
#    <inttypes.h> macros (PRIu64…) at most: xgettext silently drops a message spliced with any
#    other macro, such as G_GUINT64_FORMAT.

import os
import re
import sys

# Calls and the (0-based) arguments that are messages.
KEYWORDS = {
    '_': [0], 'N_': [0], 'C_': [0, 1], 'NC_': [0, 1], 'Q_': [0], 'gettext': [0],
    'ngettext': [0, 1], 'g_dngettext': [1, 2], 'g_dpgettext2': [1, 2], '_axds_ngettext': [0, 1],
}
CALL = re.compile(r'(?<![A-Za-z0-9_.>])(' + '|'.join(re.escape(k) for k in KEYWORDS) + r')\s*\(')
LITERALS = re.compile(r'\s*(?:"(?:[^"\\\n]|\\.)*"\s*|PRI[diouxX](?:8|16|32|64|PTR|MAX)\s*)+$')
CATALOGUES = {'po': ['app', 'cli', 'ui', 'data'], os.path.join('lib', 'po'): ['lib']}


def blank_comments(text):
    """The text with comments blanked (newlines kept), strings and characters intact."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('/*', i):
            end = text.index('*/', i + 2) + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:end]))
            i = end
        elif text.startswith('//', i):
            end = text.find('\n', i)
            end = n if end < 0 else end
            out.append(' ' * (end - i))
            i = end
        elif text[i] in '"\'':
            quote, j = text[i], i + 1
            while text[j] != quote:
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)


def call_arguments(text, start):
    """The top-level arguments of the call whose '(' ends just before start."""
    args, depth, i, begin = [], 0, start, start
    while True:
        c = text[i]
        if c in '"\'':
            j = i + 1
            while text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j + 1
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                args.append(text[begin:i])
                return args
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(text[begin:i])
            begin = i + 1
        i += 1


def translatable(path):
    """Whether the file has strings for the catalogue, and the problems of its C calls."""
    if path.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
        return True, []
    if not path.endswith(('.c', '.ui')):
        return False, []
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.ui'):
        return 'translatable="yes"' in text, []
    code = blank_comments(text)
    found, problems = False, []
    for m in CALL.finditer(code):
        args = call_arguments(code, m.end())
        for index in KEYWORDS[m.group(1)]:
            if index >= len(args) or '"' not in args[index]:
                continue
            found = True
            if not LITERALS.match(args[index]):
                line = code.count('\n', 0, m.start()) + 1
                shown = ' '.join(args[index].split())
                problems.append(f'{path}:{line}: xgettext cannot extract {m.group(1)} ({shown})')
    return found, problems


def main():
    root = sys.argv[1]
    os.chdir(root)
    errors = []
    for podir, folders in CATALOGUES.items():
        potfiles = os.path.join(podir, 'POTFILES.in')
        with open(potfiles, encoding='utf-8') as f:
            listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]
        if listed != sorted(listed, key=lambda s: s.encode()):
            errors.append(f'{potfiles} is not sorted (LC_ALL=C sort)')
        if len(set(listed)) != len(listed):
            errors.append(f'{potfiles} lists a file twice')
        for name in listed:
            if not os.path.isfile(name):
                errors.append(f'{potfiles} lists {name}, which does not exist')
        wanted = set()
        for folder in folders:
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if d != 'po')
                for filename in sorted(filenames):
                    path = os.path.join(dirpath, filename)
                    has_strings, problems = translatable(path)
                    errors.extend(problems)
                    if has_strings:
                        wanted.add(path)
        for path in sorted(wanted - set(listed)):
            errors.append(f'{potfiles} lacks {path}, which has translatable strings')
    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
