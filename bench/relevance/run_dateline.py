#!/usr/bin/env python3
"""Runs a test collection's queries through Dateline's real search path and writes a TREC run.

    run_dateline.py COLLECTION_DIR --out RUN [--log LOG.json] [--depth 100] [--tag dateline]
                    [--index-arg A]... [--reindex-arg A]... [--server-arg A]... [--capitals]

Indexes COLLECTION_DIR/docs.jsonl with `dateline-index add --quiet` into a temporary folder
(articles without a date get a fixed one: the indexer requires a date and CISI has none),
serves it with `dateline-server --db DIR --listen 127.0.0.1:0`, sends every query of
queries.tsv to GET /v1/search with the default parameters except per_page (100, the API's
maximum; further pages when --depth asks for more), and writes the hits' article ids in the
order returned. A query the API refuses (400: too long, too many terms) gets no lines in the
run, so the scorer counts it as 0; --log records each query's status, error, `relaxed` flag and
`total`. The server is stopped with SIGTERM to its PID; the temporary folder is removed.
For the ablation table: --reindex-arg runs `dateline-index reindex` with those arguments after
indexing (the title weight is an index setting), --server-arg passes options to the server
(--ranking-off, --bm25-k1, ...), and --capitals sends every query in capital letters, as
readers and older test collections type them.

Binaries: DATELINE_INDEX and DATELINE_SERVER, else ROOT/build/release/{indexer,server}/.
"""
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from collection import Collection, run_arguments, write_run

ROOT = Path(__file__).resolve().parents[2]
INDEX_BIN = Path(os.environ.get("DATELINE_INDEX")
                 or ROOT / "build" / "release" / "indexer" / "dateline-index")
SERVER_BIN = Path(os.environ.get("DATELINE_SERVER")
                  or ROOT / "build" / "release" / "server" / "dateline-server")
FIXED_DATE = "1980-01-01"  # for articles without a date (all of CISI); no query uses dates
MAX_PER_PAGE = 100         # docs/api.md: per_page max 100, page x per_page <= 10,000
MAX_DEPTH = 10_000
SERVING_LINE = re.compile(r"dateline-server: serving (?P<db>.+) on http://(?P<host>127\.0\.0\.1)"
                          r":(?P<port>\d+)$")
STARTUP_TIMEOUT_S = 10.0


class Server:
    """dateline-server on an ephemeral loopback port; ready once it prints its serving line."""

    def __init__(self, db, extra_args=()):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
        self.lines = []
        self.port = None
        self._ready = threading.Event()
        self.process = subprocess.Popen(
            [str(SERVER_BIN), "--db", str(db), "--listen", "127.0.0.1:0", *extra_args], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()
        if not self._ready.wait(STARTUP_TIMEOUT_S) or self.port is None:
            self.stop()
            sys.exit("dateline-server did not print its serving line; stderr:\n"
                     + "\n".join(self.lines))

    def _read_stderr(self):
        for raw in self.process.stderr:
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            self.lines.append(line)
            found = SERVING_LINE.search(line)
            if found and self.port is None:
                self.port = int(found["port"])
                self._ready.set()
        self._ready.set()  # EOF: the process ended

    def stop(self, timeout_s=20):
        """SIGTERM to this PID; SIGKILL to it if it has not exited within timeout_s."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self._reader.join(timeout=5)


def index(collection, workdir, extra_args, reindex_args):
    """Indexes the collection into workdir/db; returns the index path."""
    docs = collection.docs()
    collection.check_ids(docs)
    source = workdir / "docs.jsonl"
    with open(source, "w", encoding="utf-8") as out:
        for doc in docs:
            if not doc.get("date"):
                doc = {**doc, "date": FIXED_DATE}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    db, rejects = workdir / "db", workdir / "rejects.jsonl"
    done = subprocess.run([str(INDEX_BIN), "add", "--quiet", "--db", str(db), "--rejects",
                           str(rejects), *extra_args, str(source)], capture_output=True, text=True)
    # 3: finished, some records rejected. Those stay out, as they would for any user; said here.
    if done.returncode not in (0, 3):
        sys.exit(f"dateline-index add exited with {done.returncode}:\n{done.stderr}")
    rejected = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()
                if line.strip()] if rejects.exists() else []
    for message in done.stderr.splitlines():
        message = message.replace(str(source), str(collection.docs_path))  # (lines agree)
        print(f"{collection.name}: dateline-index: {message}", file=sys.stderr)
    judged = collection.qrels_docids()
    rejected_ids = [docs[r["line"] - 1]["id"] for r in rejected if "line" in r]
    lost = [docid for docid in rejected_ids if docid in judged]
    if lost:
        print(f"{collection.name}: warning: judged articles rejected: {lost}", file=sys.stderr)
    if reindex_args:
        subprocess.run([str(INDEX_BIN), "reindex", "--quiet", "--db", str(db), *reindex_args],
                       check=True, capture_output=True)
    stats = subprocess.run([str(INDEX_BIN), "stats", "--db", str(db), "--json"],
                           capture_output=True, text=True, check=True)
    articles = json.loads(stats.stdout).get("articles")
    if articles != len(docs) - len(rejected):
        sys.exit(f"the index holds {articles} articles; docs.jsonl has {len(docs)}, "
                 f"{len(rejected)} rejected")
    return db


def search(connection, query, depth):
    """Up to `depth` hits for one query: (ranking [(id, score)], log entry)."""
    per_page = min(MAX_PER_PAGE, depth)
    ranking, entry = [], {}
    page = 1
    while len(ranking) < depth and page * per_page <= MAX_DEPTH:
        path = "/v1/search?" + urlencode({"q": query, "per_page": per_page, "page": page})
        connection.request("GET", path)
        response = connection.getresponse()
        body = json.loads(response.read())
        entry["status"] = response.status
        if response.status != 200:
            entry["error"] = body.get("error", {})
            return [], entry
        if page == 1:
            entry.update(total=body["total"], relaxed=body["relaxed"],
                         suggestion=body["suggestion"])
        ranking.extend((hit["id"], hit["score"]) for hit in body["hits"])
        if len(body["hits"]) < per_page:
            break
        page += 1
    return ranking[:depth], entry


def main():
    parser = run_arguments(__doc__.splitlines()[0], "dateline", "status, error, relaxed, total")
    parser.add_argument("--index-arg", action="append", default=[],
                        help="extra argument for dateline-index add (repeatable)")
    parser.add_argument("--reindex-arg", action="append", default=[],
                        help="argument for a dateline-index reindex after indexing (repeatable)")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="extra argument for dateline-server (repeatable)")
    parser.add_argument("--capitals", action="store_true", help="send the queries in capitals")
    args = parser.parse_args()
    if not 1 <= args.depth <= MAX_DEPTH:
        parser.error(f"--depth must be 1..{MAX_DEPTH}")
    for binary in (INDEX_BIN, SERVER_BIN):
        if not os.access(binary, os.X_OK):
            sys.exit(f"{binary} is missing: build it, or set DATELINE_INDEX / DATELINE_SERVER")
    collection = Collection(args.collection)
    queries = collection.queries()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"dateline-relevance-{collection.name}-") as tmp:
        db = index(collection, Path(tmp), args.index_arg, args.reindex_arg)
        indexed = time.monotonic()
        server = Server(db, args.server_arg)
        rankings, log = [], {}
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            for qid, text in queries:
                ranking, entry = search(connection, text.upper() if args.capitals else text,
                                        args.depth)
                entry.update(query=text, words=len(text.split()), returned=len(ranking))
                rankings.append((qid, ranking))
                log[qid] = entry
            connection.close()
        finally:
            server.stop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_run(args.out, rankings, args.tag)
    if args.log:
        args.log.write_text(json.dumps(log, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    errors = Counter(e["error"].get("code", "?") for e in log.values() if e["status"] != 200)
    relaxed = sum(1 for e in log.values() if e.get("relaxed"))
    print(f"{collection.name}: {args.tag}: {len(queries)} queries "
          f"(index {indexed - started:.1f} s, search {time.monotonic() - indexed:.1f} s); "
          f"refused: {dict(errors) or 0}; relaxed: {relaxed}", file=sys.stderr)


if __name__ == "__main__":
    main()
