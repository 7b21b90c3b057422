#!/usr/bin/env bash
# Relevance evaluation: Dateline (real dateline-index + dateline-server, default parameters)
# against Xapian's plain BM25 on the test collections of ../shared/eval, scored with
# nDCG@10, MAP, P@10 and recall@100 (bench/relevance/scorer.py).
#
#   bench/relevance/evaluate.sh [COLLECTION...]     (default: cisi cacm)
#
# Writes the runs, per-query logs and scores to build/relevance/ (OUT to change it), prints a
# table and saves everything in build/relevance/results.json. Needs python3-xapian. Loopback only;
# each server is stopped by PID. Environment: DATELINE_SHARED, DATELINE_INDEX, DATELINE_SERVER.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${DATELINE_SHARED:-$ROOT/../shared}
SHARED=$(cd "$SHARED" 2>/dev/null && pwd || echo "$SHARED")
OUT=${OUT:-$ROOT/build/relevance}
PY=/usr/bin/python3
COLLECTIONS=("$@")
[ ${#COLLECTIONS[@]} -gt 0 ] || COLLECTIONS=(cisi cacm)

"$PY" -c 'import xapian' 2>/dev/null ||
  { echo "the Xapian Python bindings are missing: apt-get install python3-xapian" >&2; exit 1; }
mkdir -p "$OUT"
for c in "${COLLECTIONS[@]}"; do
  dir=$SHARED/eval/$c
  [ -f "$dir/docs.jsonl" ] || { echo "no collection at $dir (set DATELINE_SHARED)" >&2; exit 1; }
  rm -f "$OUT/$c".*.run "$OUT/$c".*.log.json "$OUT/$c".*.scores.json
  "$PY" -B "$HERE/run_dateline.py" "$dir" --out "$OUT/$c.dateline.run" --log "$OUT/$c.dateline.log.json"
  "$PY" -B "$HERE/run_xapian_bm25.py" "$dir" --out "$OUT/$c.xapian-bm25.run" --log "$OUT/$c.xapian-bm25.log.json"
  for system in dateline xapian-bm25; do
    "$PY" -B "$HERE/scorer.py" "$dir/qrels.txt" "$OUT/$c.$system.run" --queries "$dir/queries.tsv" \
      --json >"$OUT/$c.$system.scores.json"
  done
done
echo
"$PY" -B "$HERE/report.py" "$OUT" "${COLLECTIONS[@]}"
