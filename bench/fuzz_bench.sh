#!/usr/bin/env bash
# Fuzzing benchmark: every fuzz target (the Makefile's FUZZ_TARGETS) run for longer than CI does.
#
#   bench/fuzz_bench.sh [--seconds N] [--targets "a_fuzz b_fuzz"]
#
# Each target runs through `make fuzz` (the same build, flags, dictionary and corpora as CI),
# one at a time, for N seconds (default 300). Prints a table from libFuzzer's final "#N DONE"
# line: executions, exec/s, corpus size (inputs/bytes) and crashes (a crash stops a target; the
# input is in build/fuzz/crash-*, the log in build/fuzz/bench/<target>.log). Exits 1 when any
# target crashed. New inputs land in build/fuzz/found/<target>; `make fuzz-merge` keeps them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER_TARGET=300
# The Makefile's list, so a new target is benchmarked without editing this script.
TARGETS=$(make -s --no-print-directory -C "$ROOT" \
  --eval 'print-fuzz-targets: ; @echo $(FUZZ_TARGETS)' print-fuzz-targets)
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) SECONDS_PER_TARGET=$2; shift 2 ;;
    --targets) TARGETS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
LOGS=$ROOT/build/fuzz/bench
mkdir -p "$LOGS"

# field NAME LINE -> the value after "NAME: " in a libFuzzer stat line ("" when absent)
field() {
  sed -n "s|.* $1: \([^ ]*\).*|\1|p" <<<"$2"
}

failed=0
ROWS=()
for target in $TARGETS; do
  echo "fuzzing $target for ${SECONDS_PER_TARGET} s..." >&2
  log=$LOGS/$target.log
  marker=$LOGS/$target.start
  touch "$marker"
  status=0
  make -s --no-print-directory -C "$ROOT" fuzz FUZZ_TARGETS="$target" \
    FUZZ_SECONDS="$SECONDS_PER_TARGET" >"$log" 2>&1 || status=$?
  # The final stat line; after a crash there is none, so the last periodic one.
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  [ -n "$done_line" ] || done_line=$(grep -E '^#[0-9]+[[:space:]]+[A-Z]+ ' "$log" | tail -1 || true)
  runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$done_line")
  crashes=$(find "$ROOT/build/fuzz" -maxdepth 1 -newer "$marker" \
    \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  if [ "$status" != 0 ]; then
    failed=1
    [ "$crashes" -gt 0 ] || crashes="?"  # failed without an artifact: see the log
  fi
  ROWS+=("$(printf '%-24s %12s %8s %16s %8s' "$target" "${runs:-?}" \
    "$(field exec/s "$done_line")" "$(field corp "$done_line")" "$crashes")")
done

printf '%-24s %12s %8s %16s %8s\n' target executions exec/s corpus crashes
printf '%s\n' "${ROWS[@]}"
exit "$failed"
