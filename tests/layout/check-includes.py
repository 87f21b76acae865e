#!/usr/bin/env python3
# check-includes.py — the include rules of ARCHITECTURE.md, checked on every #include line
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-includes.py SOURCE_ROOT
#        check-includes.py --self-test   (each rule, broken on purpose in a scratch tree)
#
# A module is a .c file with its .h and -private.h. The script resolves every `#include "…"`
# of lib/, app/, cli/, tests/ and bench/ to a file of the tree and fails when
#   1. modules include each other, directly or around a longer cycle;
#   2. a folder includes what its layer may not see: lib/ only lib/; cli/ lib/, app/format/
#      and app/demo/; inside app/ the data flows one way, format/ and demo/ → models/ →
#      widgets/ → pages/ → the window and dialogs → the application → main.c;
#   3. lib/, cli/, app/format/ or app/demo/ include GTK (they are GLib only);
#   4. a file of app/ other than main.c and the application itself includes
#      axds-application.h (pages get what they need through the window's properties).

import os
import re
import sys

import shutil
import tempfile

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
FOLDERS = ['lib', 'app', 'cli', 'tests', 'bench']
# Where the build looks for "…" includes besides the including file's folder (meson's
# include_directories); the first match wins, as with the compiler.
SEARCH = ['app', 'lib', 'cli', 'tests/common', 'tests/ui', 'tests/cli']
GTK = re.compile(r'#\s*include\s*<(gtk/|gdk/|gsk/|adwaita\.h|graphene|pango)')
LOCAL = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)

# Layers of app/: a file may include its own layer and the ones below.
APP_LAYERS = [
    ('app/format/', 0), ('app/demo/', 0), ('app/models/', 1), ('app/widgets/', 2),
    ('app/pages/', 3), ('app/axds-application.', 5), ('app/main.c', 6), ('app/', 4),
]


def sources():
    for top in FOLDERS:
        for folder, dirs, files in os.walk(os.path.join(ROOT, top)):
            dirs[:] = sorted(d for d in dirs if not d.startswith(('_build', '.')))
            for name in sorted(files):
                if name.endswith(('.c', '.h', '.h.in')):
                    yield os.path.relpath(os.path.join(folder, name), ROOT)


def resolve(including, name):
    for base in [os.path.dirname(including)] + SEARCH:
        candidate = os.path.normpath(os.path.join(base, name))
        for path in (candidate, candidate + '.in'):
            if os.path.isfile(os.path.join(ROOT, path)):
                return path
    return None  # config.h and other generated headers


def module(path):
    path = re.sub(r'\.(c|h|h\.in)$', '', path)
    return re.sub(r'-private$', '', path)


def app_layer(path):
    for prefix, layer in APP_LAYERS:
        if path.startswith(prefix):
            return layer
    return None


def area(path):
    if path.startswith(('app/format/', 'app/demo/')):
        return 'app-glib'
    return path.split('/', 1)[0]


ALLOWED = {
    'lib': {'lib'},
    'cli': {'lib', 'cli', 'app-glib'},
    'app-glib': {'lib', 'app-glib'},
    'app': {'lib', 'app', 'app-glib'},
}


def main():
    problems = []
    graph = {}
    for path in sources():
        with open(os.path.join(ROOT, path), encoding='utf-8', errors='replace') as f:
            text = f.read()
        mine = area(path)
        if mine in ('lib', 'cli', 'app-glib'):
            for m in GTK.finditer(text):
                problems.append(f'{path}: includes <{m.group(1)}…>, but {mine} is GLib only')
        for name in LOCAL.findall(text):
            target = resolve(path, name)
            if target is None:
                continue
            theirs = area(target)
            if mine in ALLOWED and theirs not in ALLOWED[mine]:
                problems.append(f'{path}: includes {target}, which {mine}/ may not see')
            if mine == 'app' and theirs in ('app', 'app-glib'):
                a, b = app_layer(path), app_layer(target)
                if b > a and module(path) != module(target):
                    problems.append(f'{path}: includes {target}, a layer above it '
                                    '(app/ flows format/demo → models → widgets → pages → '
                                    'window → application → main)')
            if (target == 'app/axds-application.h' and path.startswith('app/')
                    and path not in ('app/main.c', 'app/axds-application.c')):
                problems.append(f'{path}: includes axds-application.h; only main.c may')
            a, b = module(path), module(target)
            if a != b:
                graph.setdefault(a, set()).add(b)

    # Cycles: Tarjan's strongly connected components, iteratively.
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    for component in cycles:
        problems.append('include cycle between modules: ' + ' ↔ '.join(component))

    for line in problems:
        print(line)
    if problems:
        print(f'{len(problems)} include rule(s) broken; see ARCHITECTURE.md')
        return 1
    print(f'include rules hold: {len(graph)} modules, no cycles')
    return 0


def self_test():
    """Each rule must catch a tree that breaks it, and pass one that keeps it."""
    global ROOT
    cases = {
        'clean': ({'lib/a.h': '', 'lib/a.c': '#include "a.h"\n',
                   'app/pages/p.c': '#include "models/m.h"\n', 'app/models/m.h': ''}, 0),
        'cycle': ({'lib/a.h': '', 'lib/a.c': '#include "b.h"\n',
                   'lib/b.h': '', 'lib/b.c': '#include "a-private.h"\n', 'lib/a-private.h': ''}, 1),
        'gtk in lib': ({'lib/a.c': '#include <gtk/gtk.h>\n'}, 1),
        'lib sees app': ({'lib/a.c': '#include "format/f.h"\n', 'app/format/f.h': ''}, 1),
        'model sees page': ({'app/models/m.c': '#include "pages/p.h"\n',
                             'app/pages/p.h': ''}, 1),
        'page sees application': ({'app/pages/p.c': '#include "axds-application.h"\n',
                                   'app/axds-application.h': ''}, 1),
        'cli sees a page': ({'cli/c.c': '#include "pages/p.h"\n', 'app/pages/p.h': ''}, 1),
    }
    failed = 0
    for name, (files, expected) in cases.items():
        scratch = tempfile.mkdtemp(prefix='axds-includes-')
        try:
            for path, text in files.items():
                os.makedirs(os.path.join(scratch, os.path.dirname(path)), exist_ok=True)
                with open(os.path.join(scratch, path), 'w', encoding='utf-8') as f:
                    f.write(text)
            ROOT = scratch
            status = main()
        finally:
            shutil.rmtree(scratch)
        ok = (status != 0) == bool(expected)
        print(f'{"ok" if ok else "not ok"} - {name}')
        failed += not ok
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(self_test() if sys.argv[1:] == ['--self-test'] else main())
