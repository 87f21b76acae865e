#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every fuzz harness for a bounded time under AddressSanitizer + UndefinedBehaviorSanitizer.
#   tests/fuzz/run.sh [SECONDS] [BUILDDIR]      (defaults: 60 seconds each, _build_fuzz)
# Builds BUILDDIR with clang and -Dfuzzing=true if it does not exist, copies each seed corpus to a
# scratch folder (the repository is never modified), runs two harnesses at a time, prints the
# executions each one passed (libFuzzer's stat::number_of_executed_units) and fails on a
# finding, whose input is kept under BUILDDIR/fuzz-findings/ (add it to regressions/HARNESS/).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-60}
builddir=${2:-_build_fuzz}
harnesses=(shm-header dtype npy zip tracker yaml-config cli)
jobs=${AXDS_FUZZ_JOBS:-2}

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dwerror=true -Dfuzzing=true -Dmonitor=false \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
if ! meson introspect --buildoptions "$builddir" | grep -q '"name": "fuzzing", "value": true'; then
  echo "run.sh: $builddir is not configured with clang and -Dfuzzing=true" >&2
  exit 2
fi
ninja -C "$builddir" $(printf 'tests/fuzz/fuzz-%s ' "${harnesses[@]}")

work=$(mktemp -d "${TMPDIR:-/tmp}/axds-fuzz-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
findings="$builddir/fuzz-findings"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

run_one () {
  local h=$1 dict=() max_len=16384
  mkdir -p "$work/$h/corpus" "$work/$h/artifacts"
  cp -r "tests/fuzz/corpus/$h/." "$work/$h/corpus/"
  case $h in
    npy|shm-header) dict=(-dict=tests/fuzz/npy.dict) ;;
    dtype|cli) dict=(-dict=tests/fuzz/npy.dict); max_len=256 ;;
    tracker|yaml-config) dict=(-dict=tests/fuzz/yaml.dict) ;;
  esac
  # A run of over 10 s, over 2 GiB resident or a single allocation of over 1 GiB is a finding.
  if "$builddir/tests/fuzz/fuzz-$h" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len="$max_len" -print_final_stats=1 \
       -artifact_prefix="$work/$h/artifacts/" "${dict[@]}" "$work/$h/corpus" \
       > "$work/$h/log" 2>&1; then
    echo ok > "$work/$h/status"
  else
    echo failed > "$work/$h/status"
  fi
}

running=0
for h in "${harnesses[@]}"; do
  run_one "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

failed=0
printf '%-12s %14s %10s  %s\n' harness executions corpus result
for h in "${harnesses[@]}"; do
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$h/log" | tail -1)
  corpus=$(ls "$work/$h/corpus" | wc -l)
  status=$(cat "$work/$h/status" 2>/dev/null || echo failed)
  printf '%-12s %14s %10s  %s\n' "$h" "${execs:-?}" "$corpus" "$status"
  if [ "$status" != ok ]; then
    failed=1
    mkdir -p "$findings/$h"
    cp -r "$work/$h/artifacts/." "$findings/$h/" 2>/dev/null || true
    cp "$work/$h/log" "$findings/$h/log"
    echo "--- $h: finding (inputs and log in $findings/$h/)" >&2
    grep -E 'ERROR|SUMMARY|check failed|differ|abort' "$work/$h/log" | head -20 >&2 || true
  fi
done
echo "$seconds s per harness"
exit $failed
