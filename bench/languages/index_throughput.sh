#!/usr/bin/env bash
# Indexing throughput before/after a change to text analysis: English (Reuters-21578) and a
# generated Chinese/Japanese/Korean/Thai archive, indexed by one or two dateline-index binaries.
#
#   bench/languages/index_throughput.sh [--baseline OLD_BIN] [--candidate NEW_BIN] [--runs N]
#       [--only en|cjk] [--reuters FILE] [--cjk FILE | --cjk-articles N] [--seed N]
#       [-- extra dateline-index add args]
#
# Every run indexes into a fresh directory (`add --quiet`) and is timed by /usr/bin/time (wall
# seconds, peak RSS). Runs alternate between the binaries, in turn order swapped every round
# (B C, C B, ...) so a machine that slows down or speeds up penalises neither. Prints, per corpus
# and binary, the best and median wall time, articles/s and MB/s (of the median), peak RSS and
# database size (medians), then the candidate/baseline ratios. Defaults: candidate
# build/release/indexer/dateline-index, no baseline, 3 runs, ../shared/corpus/reuters21578.jsonl,
# 20,000 generated CJK/Thai articles (seed 1). Machines here are shared and noisy: quote ratios.
#
# An old binary to compare with, e.g. from the commit before issue 6 (builds take a while):
#   git worktree add /tmp/dateline-7dc7254 7dc7254
#   (cd /tmp/dateline-7dc7254 && cmake --preset release && cmake --build build/release --target dateline-index)
#   bench/languages/index_throughput.sh --baseline /tmp/dateline-7dc7254/build/release/indexer/dateline-index
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${DATELINE_SHARED:-$ROOT/../shared}
RUNS=3
BASELINE=
CANDIDATE=$ROOT/build/release/indexer/dateline-index
REUTERS=$SHARED/corpus/reuters21578.jsonl
CJK=
CJK_ARTICLES=20000
SEED=1
ONLY=
EXTRA=()
while [ $# -gt 0 ]; do
  case $1 in
    --baseline) BASELINE=$2; shift 2 ;;
    --candidate) CANDIDATE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --reuters) REUTERS=$2; shift 2 ;;
    --cjk) CJK=$2; shift 2 ;;
    --cjk-articles) CJK_ARTICLES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case $ONLY in ''|en|cjk) ;; *) echo "--only takes en or cjk" >&2; exit 2 ;; esac
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "--runs takes a positive number" >&2; exit 2; }
for bin in "$CANDIDATE" ${BASELINE:+"$BASELINE"}; do
  [ -x "$bin" ] || { echo "not an executable: $bin (build first: make build)" >&2; exit 1; }
done
if [ "$ONLY" != cjk ]; then
  [ -f "$REUTERS" ] || { echo "corpus not found: $REUTERS (set DATELINE_SHARED or --reuters)" >&2; exit 1; }
fi

WORK=$(mktemp -d /tmp/dateline-lang-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

CORPORA=()
if [ "$ONLY" != cjk ]; then CORPORA+=("en=$REUTERS"); fi
if [ "$ONLY" != en ]; then
  if [ -z "$CJK" ]; then
    CJK=$WORK/cjk.jsonl
    /usr/bin/python3 "$ROOT/bench/languages/gen_cjk_corpus.py" --n "$CJK_ARTICLES" --seed "$SEED" --out "$CJK"
  fi
  [ -f "$CJK" ] || { echo "corpus not found: $CJK" >&2; exit 1; }
  CORPORA+=("cjk=$CJK")
fi

BINARIES=("candidate=$CANDIDATE")
if [ -n "$BASELINE" ]; then BINARIES=("baseline=$BASELINE" "candidate=$CANDIDATE"); fi

# run_once CORPUS_NAME CORPUS_FILE BINARY_NAME BINARY -> appends "seconds peak_kb db_bytes"
# to $WORK/CORPUS_NAME.BINARY_NAME.txt
run_once() {
  local corpus=$1 file=$2 name=$3 bin=$4
  rm -rf "$WORK/db"
  if ! /usr/bin/time -f "%e %M" -o "$WORK/time" \
      "$bin" add --quiet --db "$WORK/db" "${EXTRA[@]}" "$file" >/dev/null 2>"$WORK/stderr"; then
    echo "$name ($bin) failed on $corpus:" >&2; tail -n 20 "$WORK/stderr" >&2; exit 1
  fi
  echo "$(cat "$WORK/time") $(du -sb "$WORK/db" | cut -f1)" >> "$WORK/$corpus.$name.txt"
}

for entry in "${CORPORA[@]}"; do
  corpus=${entry%%=*} file=${entry#*=}
  for round in $(seq "$RUNS"); do
    order=("${BINARIES[@]}")
    if [ $((round % 2)) = 0 ] && [ ${#BINARIES[@]} = 2 ]; then order=("${BINARIES[1]}" "${BINARIES[0]}"); fi
    for binary in "${order[@]}"; do
      run_once "$corpus" "$file" "${binary%%=*}" "${binary#*=}"
    done
  done
done

/usr/bin/python3 - "$WORK" "$RUNS" "${CORPORA[@]}" -- "${BINARIES[@]}" <<'PY'
import os, statistics, sys
work, runs = sys.argv[1], sys.argv[2]
split = sys.argv.index("--")
corpora = [item.split("=", 1) for item in sys.argv[3:split]]
binaries = [item.split("=", 1) for item in sys.argv[split + 1:]]
for name, path in binaries:
    print(f"{name}: {path}")
print(f"{runs} run(s) per corpus and binary, alternating; wall time by /usr/bin/time\n")
header = (f"{'corpus':7} {'binary':10} {'best s':>8} {'median s':>9} {'articles/s':>11} "
          f"{'MB/s':>7} {'peak RSS MiB':>13} {'db MB':>8}")
print(header)
print("-" * len(header))
ratios = []
for corpus, path in corpora:
    with open(path, "rb") as f:
        articles = sum(1 for line in f if line.strip())
    size_mb = os.path.getsize(path) / 1e6
    medians = {}
    for name, _ in binaries:
        rows = [list(map(float, line.split())) for line in open(os.path.join(work, f"{corpus}.{name}.txt"))]
        secs = statistics.median(r[0] for r in rows)
        best = min(r[0] for r in rows)
        rss = statistics.median(r[1] for r in rows) / 1024
        db = statistics.median(r[2] for r in rows) / 1e6
        medians[name] = (secs, rss, db)
        print(f"{corpus:7} {name:10} {best:8.2f} {secs:9.2f} {articles / secs:11.0f} "
              f"{size_mb / secs:7.2f} {rss:13.1f} {db:8.1f}")
    print(f"{'':7} ({articles} articles, {size_mb:.1f} MB: {os.path.basename(path)})")
    if "baseline" in medians:
        (bs, brss, bdb), (cs, crss, cdb) = medians["baseline"], medians["candidate"]
        ratios.append(f"{corpus:7} throughput {bs / cs:5.2f}x   peak RSS {crss / brss:5.2f}x   "
                      f"db size {cdb / bdb:5.2f}x")
if ratios:
    print("\ncandidate/baseline (throughput: >1 is faster; RSS and size: >1 is bigger)")
    print("\n".join(ratios))
PY
