#!/usr/bin/env bash
# Relevance evaluation: Dateline (real dateline-index + dateline-server, default parameters)
# against Xapian's plain BM25 on the test collections of ../shared/eval, scored with
# nDCG@10, MAP, P@10 and recall@100 (bench/relevance/scorer.py), with an ablation table: each
# of Dateline's ranking choices switched off on its own (`-name` rows), all of them at once (but
# the long-query cut, without which long queries are refused),
# and the queries typed in capitals (with AND/OR/NOT read as words, the default, and as
# operators), for both systems; and SQLite FTS5's plain bm25 (any word) as a second baseline.
#
#   bench/relevance/evaluate.sh [--quick] [COLLECTION...]     (default: cisi cacm)
#
# --quick: Dateline's defaults and the baseline only (no ablation). Writes the runs, per-query
# logs and scores to build/relevance/ (OUT to change it), prints a table and saves everything
# in build/relevance/results.json. Needs python3-xapian. Loopback only; each server is stopped
# by PID. Environment: DATELINE_SHARED, DATELINE_INDEX, DATELINE_SERVER.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${DATELINE_SHARED:-$ROOT/../shared}
SHARED=$(cd "$SHARED" 2>/dev/null && pwd || echo "$SHARED")
OUT=${OUT:-$ROOT/build/relevance}
PY=/usr/bin/python3
QUICK=0
if [ "${1:-}" = "--quick" ]; then QUICK=1; shift; fi
COLLECTIONS=("$@")
[ ${#COLLECTIONS[@]} -gt 0 ] || COLLECTIONS=(cisi cacm)

# system name | arguments for run_dateline.py (docs/ranking.md explains each choice)
OFF=--server-arg=--ranking-off
VARIANTS=(
  "dateline|"
  "-title-weight|--reindex-arg=--title-weight=1"
  "-bm25-params|--server-arg=--bm25-k1=1 --server-arg=--bm25-b=0.5"
  "-stop-words|$OFF=stop-words"
  "-stemming|$OFF=stemming"
  "-exact-words|$OFF=exact-words"
  "-all-words|$OFF=all-words"
  "-long-query-cut|$OFF=long-query-cut"
  "-synonyms|$OFF=synonyms"
  "-everything|--reindex-arg=--title-weight=1 --server-arg=--bm25-k1=1 --server-arg=--bm25-b=0.5 $OFF=stop-words,stemming,exact-words,all-words,synonyms"
  "dateline-CAPS|--capitals"
  "dateline-CAPS-ops|--capitals $OFF=capitals"
)
[ "$QUICK" = 1 ] && VARIANTS=("${VARIANTS[0]}")

"$PY" -c 'import xapian' 2>/dev/null ||
  { echo "the Xapian Python bindings are missing: apt-get install python3-xapian" >&2; exit 1; }
mkdir -p "$OUT"
for c in "${COLLECTIONS[@]}"; do
  dir=$SHARED/eval/$c
  [ -f "$dir/docs.jsonl" ] || { echo "no collection at $dir (set DATELINE_SHARED)" >&2; exit 1; }
  rm -f "$OUT/$c".*.run "$OUT/$c".*.log.json "$OUT/$c".*.scores.json
  systems=(xapian-bm25)
  "$PY" -B "$HERE/run_xapian_bm25.py" "$dir" --out "$OUT/$c.xapian-bm25.run" \
    --log "$OUT/$c.xapian-bm25.log.json"
  if [ "$QUICK" = 0 ]; then
    systems+=(sqlite-fts5 xapian-bm25-CAPS)
    "$PY" -B "$HERE/run_sqlite_fts5.py" "$dir" --out "$OUT/$c.sqlite-fts5.run" \
      --log "$OUT/$c.sqlite-fts5.log.json"
    "$PY" -B "$HERE/run_xapian_bm25.py" "$dir" --capitals --tag xapian-bm25-CAPS \
      --out "$OUT/$c.xapian-bm25-CAPS.run" --log "$OUT/$c.xapian-bm25-CAPS.log.json"
  fi
  for variant in "${VARIANTS[@]}"; do
    system=${variant%%|*}
    read -r -a args <<<"${variant#*|}"
    systems+=("$system")
    "$PY" -B "$HERE/run_dateline.py" "$dir" --tag="$system" "${args[@]}" \
      --out "$OUT/$c.$system.run" --log "$OUT/$c.$system.log.json"
  done
  for system in "${systems[@]}"; do
    "$PY" -B "$HERE/scorer.py" "$dir/qrels.txt" "$OUT/$c.$system.run" --queries "$dir/queries.tsv" \
      --json >"$OUT/$c.$system.scores.json"
  done
done
echo
"$PY" -B "$HERE/report.py" "$OUT" "${COLLECTIONS[@]}"
