#!/usr/bin/env bash
# Indexing benchmark: dateline-index against the plain-Xapian reference, same corpus, same run.
#
#   bench/index_bench.sh [--runs N] [--corpus FILE] [--no-reference] [--baseline BIN]
#                        [-- extra dateline-index add args]
#
# Prints, per system, the median over N runs of wall time, articles/s, MB/s, peak RSS and the
# database size, then the throughput ratio dateline/reference. --baseline BIN also runs another
# dateline-index (an earlier build: the cost of a change), alternating with this one, and prints
# the ratio dateline/baseline. Defaults: 3 runs on ../shared/corpus/reuters21578.jsonl.
# Machines here are shared and noisy: quote the ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${DATELINE_SHARED:-$ROOT/../shared}
RUNS=3
CORPUS=$SHARED/corpus/reuters21578.jsonl
REFERENCE=1
BASELINE=
EXTRA=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    --no-reference) REFERENCE=0; shift ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$CORPUS" ] || { echo "corpus not found: $CORPUS" >&2; exit 1; }
INDEXER=$ROOT/build/release/indexer/dateline-index
[ -x "$INDEXER" ] || { echo "build first: make build" >&2; exit 1; }
REF_BIN=/tmp/dateline-reference/xapian_bare
if [ "$REFERENCE" = 1 ]; then make -s -C "$SHARED/bench/reference" BIN=$REF_BIN >/dev/null; fi

WORK=$(mktemp -d /tmp/dateline-index-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ARTICLES=$(grep -c . "$CORPUS")
BYTES=$(stat -c %s "$CORPUS")

# run_once NAME CMD... -> appends "seconds peak_kb db_bytes" to $WORK/NAME.txt
run_once() {
  local name=$1; shift
  rm -rf "$WORK/db"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
  echo "$(cat "$WORK/time") $(du -sb "$WORK/db" | cut -f1)" >> "$WORK/$name.txt"
}

for i in $(seq "$RUNS"); do
  run_once dateline "$INDEXER" add --quiet --db "$WORK/db" "${EXTRA[@]}" "$CORPUS"
  if [ -n "$BASELINE" ]; then
    run_once baseline "$BASELINE" add --quiet --db "$WORK/db" "${EXTRA[@]}" "$CORPUS"
  fi
  if [ "$REFERENCE" = 1 ]; then run_once reference "$REF_BIN" index "$CORPUS" "$WORK/db"; fi
done

/usr/bin/python3 - "$WORK" "$ARTICLES" "$BYTES" "$RUNS" "$CORPUS" <<'PY'
import statistics, sys, os
work, articles, size, runs, corpus = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
print(f"corpus {corpus}: {articles} articles, {size/1e6:.1f} MB; median of {runs} runs")
rates = {}
for name in ("dateline", "baseline", "reference"):
    path = os.path.join(work, name + ".txt")
    if not os.path.exists(path):
        continue
    rows = [list(map(float, line.split())) for line in open(path)]
    secs = statistics.median(r[0] for r in rows)
    rss = statistics.median(r[1] for r in rows) / 1024
    db = statistics.median(r[2] for r in rows) / 1e6
    rates[name] = articles / secs
    print(f"{name:10} {secs:7.2f} s  {articles/secs:8.0f} articles/s  {size/1e6/secs:6.2f} MB/s  "
          f"peak RSS {rss:7.1f} MiB  db {db:6.1f} MB   (runs: {', '.join(f'{r[0]:.2f}' for r in rows)})")
for other in ("baseline", "reference"):
    if other in rates:
        print(f"throughput ratio dateline/{other}: {rates['dateline']/rates[other]:.2f}x")
PY
