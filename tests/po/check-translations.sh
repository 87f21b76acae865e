#!/bin/sh
# check-translations.sh — every translation is complete and matches the sources
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-translations.sh SOURCE_ROOT PO_DIR…
#
# For each language of each PO_DIR (po/ for the programs, lib/po/ for libaxds): msgfmt --check
# --statistics must report no untranslated and no fuzzy message, and msgcmp must find a
# translation for every string that the files of POTFILES.in mark today, so that a string
# added to the sources without its translation fails here rather than in a user's hands.
set -eu

srcroot=$1
shift

for tool in msgfmt msgcmp xgettext; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found (Debian package gettext)"
    exit 77
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

for podir in "$@"; do
  # The keywords of i18n.gettext(preset: 'glib') and the library's plural lookup.
  xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
    --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=_axds_ngettext:1,2 \
    --directory="$srcroot" --files-from="$srcroot/$podir/POTFILES.in" \
    --output="$tmp/sources.pot"
  for lang in $(grep -v '^#' "$srcroot/$podir/LINGUAS"); do
    po=$srcroot/$podir/$lang.po
    if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
      echo "$podir/$lang.po: $stats"
      status=1
      continue
    fi
    echo "$podir/$lang.po: $stats"
    case $stats in
      *fuzzy*|*untranslated*) status=1 ;;
    esac
    if ! msgcmp "$po" "$tmp/sources.pot"; then
      echo "$podir/$lang.po lacks strings of the sources: regenerate it with the update-po" \
           "target (meson compile -C BUILDDIR DOMAIN-update-po) and translate them"
      status=1
    fi
  done
done

exit $status
