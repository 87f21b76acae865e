#!/bin/sh
# verify-unit.sh UNIT — checks a systemd user unit with `systemd-analyze --user verify`
#
# Copyright 2026 The Ataraxis Monitor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Exits 77 (skipped) when systemd-analyze is missing or cannot run here (containers without a
# user runtime folder or /run/systemd); fails on any complaint about UNIT, including the
# directives systemd ignores with only a warning (verify still exits 0 for those).
set -u
unit=$1

if ! command -v systemd-analyze > /dev/null 2>&1; then
  echo "SKIP: systemd-analyze is not installed (Debian package systemd)"
  exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime"
# A user manager needs a runtime folder; a test run may have none (root, CI).
XDG_RUNTIME_DIR=$tmp/runtime
export XDG_RUNTIME_DIR

# A unit that cannot be wrong: if it does not verify, the tool cannot run in this sandbox.
printf '[Service]\nExecStart=/bin/true\n' > "$tmp/axds-probe.service"
if ! systemd-analyze --user verify "$tmp/axds-probe.service" > "$tmp/probe.log" 2>&1; then
  echo "SKIP: systemd-analyze cannot run here:"
  cat "$tmp/probe.log"
  exit 77
fi

systemd-analyze --user verify "$unit" > "$tmp/verify.log" 2>&1
status=$?
cat "$tmp/verify.log"
if [ "$status" -ne 0 ]; then
  echo "FAIL: systemd-analyze verify exited with status $status"
  exit 1
fi
if grep -qF "$(basename "$unit")" "$tmp/verify.log"; then
  echo "FAIL: systemd-analyze complained about $(basename "$unit")"
  exit 1
fi
echo "OK: $unit"
