#!/usr/bin/env bash
# Search load while the index changes: wrk drives dateline-server over Reuters while
# dateline-index adds a batch of articles and commits every second (the long version of the
# e2e test "under load while committing").
#
#   bench/load_under_commits.sh [--duration SECONDS] [--connections N] [--build DIR]
#                               [--corpus FILE] [--queries FILE] [--server-arg ARG]...
#
# The index starts with the corpus less the articles that will arrive during the run; they are
# piped to `dateline-index add --batch-size B -` one batch a second, so it commits every second.
# Prints requests, non-2xx responses and socket errors, p50/p99 latency, the commits seen by the
# server, and the server's RSS at the start, its peak and at the end. Loopback only; the server
# and the indexer are stopped by PID when the script exits. Non-2xx answers are listed by status:
# 503 is the server shedding load past its queue bound (--server-arg=--max-queued=N moves it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${DATELINE_SHARED:-$ROOT/../shared}
DURATION=60
CONNECTIONS=64
BUILD=$ROOT/build/release
CORPUS=$SHARED/corpus/reuters21578.jsonl
QUERIES=$SHARED/bench/queries-reuters.txt
SERVER_ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --build) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --corpus) CORPUS=$2; shift 2 ;;
    --queries) QUERIES=$2; shift 2 ;;
    --server-arg) SERVER_ARGS+=("$2"); shift 2 ;;
    --server-arg=*) SERVER_ARGS+=("${1#--server-arg=}"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
INDEX=$BUILD/indexer/dateline-index
SERVER=$BUILD/server/dateline-server
PY=/usr/bin/python3

WORK=$(mktemp -d /tmp/dateline-load-commits.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# The last DURATION batches of the corpus arrive during the run, BATCH articles a second.
total=$(grep -c . "$CORPUS")
BATCH=$(( total / 10 / DURATION > 0 ? total / 10 / DURATION : 1 ))
late=$(( BATCH * DURATION ))
grep . "$CORPUS" > "$WORK/all.jsonl"
head -n $(( total - late )) "$WORK/all.jsonl" > "$WORK/base.jsonl"
tail -n "$late" "$WORK/all.jsonl" > "$WORK/late.jsonl"
echo "indexing $(( total - late )) articles; $late more arrive during the run, $BATCH a second"
"$INDEX" add --quiet --db "$WORK/db" "$WORK/base.jsonl"

"$SERVER" --db "$WORK/db" --listen 127.0.0.1:0 "${SERVER_ARGS[@]}" 2>"$WORK/server.log" &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
for _ in $(seq 100); do grep -q 'serving' "$WORK/server.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/server.log" | head -1)
[ -n "$URL" ] || { cat "$WORK/server.log" >&2; exit 1; }

# wrk cycles through the queries (URL-encoded in Lua), with source+tag facets on every request.
cat > "$WORK/queries.lua" <<LUA
local paths, i = {}, 0
for line in io.lines("$QUERIES") do
  if line:match("%S") then
    local q = line:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end)
    paths[#paths + 1] = "/v1/search?q=" .. q .. "&facets=source,tag"
  end
end
request = function() i = i % #paths + 1 return wrk.format("GET", paths[i]) end
-- Responses by status, summed over wrk's threads at the end.
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
statuses = {}
response = function(status) statuses[status] = (statuses[status] or 0) + 1 end
done = function()
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + count end
  end
  local parts = {}
  for status, count in pairs(total) do parts[#parts + 1] = status .. ": " .. count end
  table.sort(parts)
  io.write("statuses: " .. table.concat(parts, ", ") .. "\n")
end
LUA

# The server's RSS and the index revision it serves, every half second.
(
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || true)
    revision=$(curl -s "$URL/readyz" | sed -n 's/.*"revision": *\([0-9]*\).*/\1/p')
    echo "${rss:-0} ${revision:-?}"
    sleep 0.5
  done
) > "$WORK/samples.txt" &
PIDS+=("$!")
sleep 1  # one sample before the load: the server at rest
rss_start=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")

# One batch a second into one `add` run: each batch boundary is a commit.
"$PY" - "$WORK/late.jsonl" "$BATCH" "$DURATION" "$INDEX" "$WORK/db" > "$WORK/indexer.json" \
  2> "$WORK/indexer.log" <<'PY' &
import subprocess, sys, time
late, batch, seconds, index, db = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:]
lines = open(late, encoding="utf-8").readlines()
indexer = subprocess.Popen([index, "add", "--db", db, "--batch-size", str(batch), "--json", "-"],
                           stdin=subprocess.PIPE)
started = time.monotonic()
for n in range(seconds):
    time.sleep(max(0.0, started + n - time.monotonic()))
    indexer.stdin.write("".join(lines[n * batch:(n + 1) * batch]).encode("utf-8"))
    indexer.stdin.flush()
indexer.stdin.close()
sys.exit(indexer.wait())
PY
PIDS+=("$!")
FEEDER_PID=$!

out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/queries.lua" "$URL")
wait "$FEEDER_PID" || { echo "the indexer failed:" >&2; cat "$WORK/indexer.log" >&2; exit 1; }
sleep 1
rss_end=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")

requests=$(awk '/requests in/ {print $1}' <<<"$out")
non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
socket_errors=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out")
p50=$(awk '$1=="50%" {print $2}' <<<"$out")
p99=$(awk '$1=="99%" {print $2}' <<<"$out")
qps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
rss_peak=$(awk '$1 > m {m = $1} END {print m}' "$WORK/samples.txt")
revisions=$(awk '$2 != "?" {print $2}' "$WORK/samples.txt" | sort -u | wc -l)
articles=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["articles"])' \
  "$WORK/indexer.json")

echo "wrk: $CONNECTIONS connections, ${DURATION} s, while dateline-index committed $BATCH articles a second"
echo "  requests       $requests ($qps/s)"
echo "  non-2xx        ${non2xx:-0} ($(sed -n 's/^statuses: //p' <<<"$out"))"
echo "  socket errors  ${socket_errors:-0}"
echo "  latency        p50 $p50, p99 $p99"
echo "  revisions seen $revisions; index holds $articles articles"
echo "  server RSS     start $(( rss_start / 1024 )) MB, peak $(( rss_peak / 1024 )) MB, end $(( rss_end / 1024 )) MB"
