#!/usr/bin/env python3
# check-gir.py — the GObject-Introspection data of libaxds: no scanner warning, no API left out
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-gir.py --gir Axds-1.gir --warnings Axds-1.gir.warnings --library libaxds.so.0
#                     --sources DIR
# Prints TAP. The scanner's standard error is kept by lib/axds-gir-scanner.py; any line in it is
# a warning (the build passes --warn-all). Every function the library exports must be in the
# .gir, introspectable, unless its gtk-doc block says (skip).
import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

CORE = '{http://www.gtk.org/introspection/core/1.0}'
C = '{http://www.gtk.org/introspection/c/1.0}'
GLIB = '{http://www.gtk.org/introspection/glib/1.0}'

parser = argparse.ArgumentParser()
parser.add_argument('--gir', required=True)
parser.add_argument('--warnings', required=True)
parser.add_argument('--library', required=True)
parser.add_argument('--sources', required=True)
args = parser.parse_args()

results = []


def check(ok, name, details=()):
    results.append((ok, name, list(details)))


# 1. The scanner printed nothing.
warnings_path = pathlib.Path(args.warnings)
if not warnings_path.exists():
    check(False, 'the scanner log exists', [f'{warnings_path} is missing: was the .gir built '
                                            'through lib/axds-gir-scanner.py?'])
else:
    lines = [line for line in warnings_path.read_text(encoding='utf-8').splitlines()
             if line.strip()]
    check(not lines, f'g-ir-scanner printed no warning ({len(lines)} lines)', lines)

# 2. Every exported function is in the .gir and introspectable, or documented as (skip).
tree = ET.parse(args.gir)
in_gir = {}
for element in tree.iter():
    identifier = element.get(C + 'identifier')
    if identifier is not None and element.tag in (CORE + 'function', CORE + 'method',
                                                  CORE + 'constructor'):
        in_gir[identifier] = element.get('introspectable', '1') != '0'
    get_type = element.get(GLIB + 'get-type')
    if get_type is not None:
        in_gir[get_type] = True

skipped = set()
for source in sorted(pathlib.Path(args.sources).glob('*.[ch]')):
    text = source.read_text(encoding='utf-8')
    skipped.update(re.findall(r'^ \* (\w+): \(skip\)', text, flags=re.M))

nm = shutil.which('nm')
if nm is None:
    print('1..0 # SKIP nm (binutils) is missing')
    sys.exit(77)
output = subprocess.run([nm, '-D', '--defined-only', args.library], check=True,
                        capture_output=True, text=True).stdout
exported = sorted(fields[2] for fields in (line.split() for line in output.splitlines())
                  if len(fields) == 3 and fields[1] == 'T')
missing = [name for name in exported if name not in in_gir and name not in skipped]
opaque = [name for name in exported if in_gir.get(name) is False and name not in skipped]
check(exported != [], f'the library exports functions ({len(exported)})')
check(not missing, f'every exported function is in the .gir or (skip) ({len(missing)} missing)',
      missing)
check(not opaque, f'no function is marked not introspectable unless (skip) ({len(opaque)})',
      opaque)

print(f'1..{len(results)}')
for number, (ok, name, details) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {number} - {name}')
    for line in details:
        print(f'# {line}')
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
