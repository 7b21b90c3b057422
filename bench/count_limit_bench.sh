#!/bin/bash
# Search latency at 8 connections for several --count-limit values, on one kept index.
# usage: bench/count_limit_bench.sh DB WORK LIMIT...
#   DB: an index (e.g. /tmp/dateline-scale/dateline-1000000 from `scale_bench.py --keep`)
#   WORK: the folder holding scale_bench.py's wrk scripts (single.lua, multi.lua, ...)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
db=$1 work=$2
shift 2
server_log=$(mktemp)
trap 'rm -f "$server_log"' EXIT
for limit in "$@"; do
    "$root/build/release/server/dateline-server" --db "$db" --listen 127.0.0.1:0 \
        --count-limit "$limit" 2>"$server_log" >/dev/null &
    pid=$!
    url=
    for _ in $(seq 300); do
        url=$(grep -o 'http://[0-9.:]*' "$server_log" | head -1 || true)
        [ -n "$url" ] && break
        sleep 0.1
    done
    [ -n "$url" ] || { kill "$pid"; echo "dateline-server did not start" >&2; exit 1; }
    for class in single multi frequent newest; do
        wrk -t1 -c2 -d2s -s "$work/$class.lua" "$url" >/dev/null
        out=$(wrk -t1 -c8 -d10s --latency --timeout 10s -s "$work/$class.lua" "$url")
        echo "count-limit=$limit $class c=8" \
            "p50=$(awk '/ 50%/{print $2}' <<<"$out") p99=$(awk '/ 99%/{print $2}' <<<"$out")" \
            "rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")"
    done
    kill "$pid"
    wait "$pid" || true
done
