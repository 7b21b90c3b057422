#!/usr/bin/env bash
# Search benchmark: dateline-server over HTTP (wrk at 1, 8 and 64 connections) against the
# plain-Xapian reference's in-process query loop, same corpus and queries, same run.
#
#   bench/search_bench.sh [--duration SECONDS] [--corpus FILE] [--queries FILE]
#                         [--server-arg ARG]...   (e.g. --server-arg=--ranking-off=synonyms)
#
# Every request asks for snippets (always on) and source+tag facets. Prints QPS, p50/p99
# latency and errors per connection count, the reference's p50/p99/QPS, and the ratio of the
# server's best QPS to the reference's single-thread rate times the cores. Loopback only; the
# server is stopped by PID when the script exits.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${DATELINE_SHARED:-$ROOT/../shared}
DURATION=10
SERVER_ARGS=()
CORPUS=$SHARED/corpus/reuters21578.jsonl
QUERIES=$SHARED/bench/queries-reuters.txt
while [ $# -gt 0 ]; do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --server-arg) SERVER_ARGS+=("$2"); shift 2 ;;
    --server-arg=*) SERVER_ARGS+=("${1#--server-arg=}"); shift ;;
    --corpus) CORPUS=$2; shift 2 ;;
    --queries) QUERIES=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk (make bench installs it)" >&2; exit 1; }
BIN=$ROOT/build/release
REF_BIN=/tmp/dateline-reference/xapian_bare
make -s -C "$SHARED/bench/reference" BIN=$REF_BIN >/dev/null

WORK=$(mktemp -d /tmp/dateline-search-bench.XXXXXX)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "indexing $CORPUS ..."
"$BIN/indexer/dateline-index" add --quiet --db "$WORK/db" "$CORPUS"
"$REF_BIN" index "$CORPUS" "$WORK/refdb" 2>/dev/null

echo "reference (in process, single thread, top 10 with snippets):"
REF_LINE=$("$REF_BIN" query "$WORK/refdb" "$QUERIES" --warmup 1)
echo "  $REF_LINE"
REF_QPS=$(sed -n 's/.*qps=\([0-9.]*\).*/\1/p' <<<"$REF_LINE")

"$BIN/server/dateline-server" --db "$WORK/db" --listen 127.0.0.1:0 "${SERVER_ARGS[@]}" \
  2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q 'serving' "$WORK/server.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/server.log" | head -1)
[ -n "$URL" ] || { cat "$WORK/server.log" >&2; exit 1; }

# wrk cycles through the queries, each URL-encoded once up front.
/usr/bin/python3 - "$QUERIES" > "$WORK/paths.lua" <<'PY'
import sys, urllib.parse
paths = [f"/v1/search?q={urllib.parse.quote(l.strip())}&facets=source,tag" for l in open(sys.argv[1]) if l.strip()]
print("paths = {" + ",".join('"%s"' % p.replace('"', '\\"') for p in paths) + "}")
print("i = 0\nrequest = function() i = i % #paths + 1 return wrk.format('GET', paths[i]) end")
PY
cores=$(nproc)
best=0
printf '%-12s %10s %10s %10s %8s\n' connections qps p50_ms p99_ms errors
for c in 1 8 64; do
  threads=$(( c < 2 ? 1 : 2 ))
  out=$(wrk -t"$threads" -c"$c" -d"${DURATION}s" --latency -s "$WORK/paths.lua" "$URL")
  qps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' <<<"$out")
  printf '%-12s %10s %10s %10s %8s\n' "$c" "$qps" "$p50" "$p99" "$errors"
  best=$(/usr/bin/python3 -c "print(max($best, $qps))")
done
/usr/bin/python3 -c "
ref=$REF_QPS; best=$best; cores=$cores
print(f'server best QPS {best:.0f} = {best/(ref*cores):.2f} x (reference {ref:.0f}/s x {cores} cores)')"
