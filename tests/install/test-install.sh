#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-install.sh — the installed library is usable with pkg-config alone
#
#   test-install.sh BUILD_DIR CC
#
# Installs the build into a temporary DESTDIR, then compiles and links a small program against
# the installed libaxds using nothing but `pkg-config --cflags --libs axds-1`, runs it, and
# checks the layout: headers under include/axds-1/, helpers under libexecdir/axds/, none flat in
# libexecdir. Meson writes every path of axds-1.pc relative to ${prefix}, so pointing a copy of
# that one file's prefix into DESTDIR relocates it (pkg-config's --define-variable or a sysroot
# would relocate GLib's .pc files too, which are not in DESTDIR).
set -euo pipefail

build_dir=$1
cc=$2

if [ "${AXDS_SANITIZED:-}" = 1 ]; then
  echo "SKIP: a sanitizer build's library needs the sanitizer runtime in every program linked to it"
  exit 77
fi
command -v pkg-config >/dev/null || { echo "SKIP: pkg-config is not installed"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/axds-install-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

meson install -C "$build_dir" --destdir "$tmp/root" --no-rebuild --quiet >/dev/null

# The build's folders, read once: prefix, libdir, libexecdir, includedir.
{ read -r prefix; read -r libdir; read -r libexecdir; read -r includedir; } < <(
  meson introspect "$build_dir" --buildoptions | python3 -c "
import json, sys
options = {o['name']: o['value'] for o in json.load(sys.stdin)}
print('\n'.join(options[n] for n in ('prefix', 'libdir', 'libexecdir', 'includedir')))")
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
case $libexecdir in /*) ;; *) libexecdir=$prefix/$libexecdir ;; esac
case $includedir in /*) ;; *) includedir=$prefix/$includedir ;; esac
root=$tmp/root

fail() { echo "FAIL: $*" >&2; exit 1; }

# Layout.
[ -f "$root$includedir/axds-1/axds.h" ] || fail "no $includedir/axds-1/axds.h"
[ -z "$(find "$root$includedir" -maxdepth 1 -name 'axds*.h')" ] || fail "headers flat in $includedir"
[ -x "$root$libexecdir/axds/axds-logger" ] || fail "no $libexecdir/axds/axds-logger"
flat=$(find "$root$libexecdir" -maxdepth 1 -type f)
[ -z "$flat" ] || fail "programs flat in $libexecdir: $flat"
[ -f "$root$libdir/pkgconfig/axds-1.pc" ] || fail "no $libdir/pkgconfig/axds-1.pc"
[ ! -e "$root$libdir/pkgconfig/axds.pc" ] || fail "an unversioned axds.pc is installed"
ls "$root$libdir"/libaxds.so.0* >/dev/null 2>&1 || fail "no libaxds.so.0 in $libdir"

# axds-1.pc, relocated into DESTDIR.
mkdir "$tmp/pc"
sed "s|^prefix=.*|prefix=$root$prefix|" "$root$libdir/pkgconfig/axds-1.pc" > "$tmp/pc/axds-1.pc"
grep -q '^Requires.private:' "$tmp/pc/axds-1.pc" || fail "axds-1.pc has no Requires.private"
export PKG_CONFIG_PATH=$tmp/pc
pkg-config --exists --print-errors axds-1
pkg-config --static --libs axds-1 >/dev/null || fail "the private requirements of axds-1.pc do not resolve"

cat > "$tmp/tiny.c" <<'C'
#include <axds.h>
#include <stdio.h>

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = axds_tracker_generate_job_id ("tiny", "run-1", &error);

  if (id == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%s %s %d\n", axds_get_version_string (), id, AXDS_MAJOR_VERSION);
  return 0;
}
C
# shellcheck disable=SC2046 # the flags are words
$cc -Werror -Wall -o "$tmp/tiny" "$tmp/tiny.c" $(pkg-config --cflags --libs axds-1)
out=$(LD_LIBRARY_PATH="$root$libdir" "$tmp/tiny")
echo "tiny: $out"
version=$(meson introspect "$build_dir" --projectinfo | python3 -c "import json, sys; print(json.load(sys.stdin)['version'])")
[ "${out%% *}" = "$version" ] || fail "tiny printed '$out', expected version $version first"
echo "PASS: linked against the installed libaxds with pkg-config --cflags --libs axds-1 only"
