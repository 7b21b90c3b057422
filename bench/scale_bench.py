#!/usr/bin/python3
"""How Dateline's cost grows with the archive, against plain Xapian in the same run.

    bench/scale_bench.py [--sizes 21k,100k,300k,1m] [--duration 5] [--work DIR]
                         [--results FILE] [--no-reference] [--keep]

For each size: the archive (21k is the Reuters corpus; the others are prefixes of one
synthetic archive from ../shared/bench/synth, seed 1), then
  * indexing: `dateline-index add` (a fresh build: analysis threads, two writers, compaction)
    and the reference `xapian_bare index` (Xapian's default flush threshold) - wall time,
    articles/s, peak RSS, size on disk before and after compaction (the reference compacted
    with xapian-compact);
  * queries through dateline-server (snippets, source+tag facets) with wrk at 1 and 8
    connections for each class of ../shared/bench/queries-reuters.txt (single words,
    multi-word, phrases) plus two of Dateline's own: the corpus's most frequent words, and the
    multi-word queries sorted newest first within a date filter; the reference's in-process
    loop (top 10, snippets) on the same classes, one process and eight at once;
  * an incremental add of 1,000 new articles to the built index while wrk keeps 8
    connections busy: how long until the last of them is served, and the p99 meanwhile.
--queries-only re-measures the queries on the indexes a --keep run left in --work (they hold
the 1,000 added articles too), keeping that run's indexing figures.
Results are merged by size into --results (JSON; default docs/performance/scale.json), so a
size can be re-run alone; bench/plot_scale.py draws them. Loopback only; every process this
script starts is stopped by its PID.
"""
import argparse
import collections
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
INDEXER = ROOT / "build/release/indexer/dateline-index"
SERVER = ROOT / "build/release/server/dateline-server"
REFERENCE = Path("/tmp/dateline-reference/xapian_bare")
REUTERS = SHARED / "corpus/reuters21578.jsonl"
QUERIES = SHARED / "bench/queries-reuters.txt"
GENERATOR = SHARED / "bench/synth/gen_corpus.py"
SIZES = {"21k": 21_577, "100k": 100_000, "300k": 300_000, "1m": 1_000_000}
CONNECTIONS = (1, 8)
STOP_WORDS = set("the and for that with from this have will said were which their been would "
                 "also about after they than more over into last year said its has was not "
                 "but are had new".split())


def log(message):
    print(message, file=sys.stderr, flush=True)


def timed(command, **kwargs):
    """Runs command under /usr/bin/time -> (seconds, peak RSS in MiB, stdout)."""
    with tempfile.NamedTemporaryFile("r") as figures:
        done = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", figures.name, *map(str, command)],
                              capture_output=True, text=True, **kwargs)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed:\n{done.stderr[-3000:]}")
        seconds, peak_kb = figures.read().split()[-2:]
    return float(seconds), int(peak_kb) / 1024, done.stdout


def directory_bytes(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def table_bytes(path):
    """Bytes per Xapian table (postlist, position, termlist, docdata, spelling)."""
    return {f.name.split(".")[0]: f.stat().st_size for f in Path(path).glob("*.glass")}


def line_count(path):
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


# ------------------------------------------------------------------------------ archives


def archive(size, work):
    if size == SIZES["21k"]:
        return REUTERS
    largest = work / "synth-largest.jsonl"
    if not largest.exists() or line_count(largest) < size:
        log(f"generating {size} synthetic articles (seed 1) ...")
        subprocess.run([sys.executable, GENERATOR, "--model", REUTERS, "--n", str(size),
                        "--seed", "1", "--jobs", "2", "--out", largest], check=True,
                       stderr=subprocess.DEVNULL)
    path = work / f"synth-{size}.jsonl"
    if not path.exists() or line_count(path) != size:
        with open(largest, "rb") as src, open(path, "wb") as out:
            for n, line in enumerate(src):
                if n == size:
                    break
                out.write(line)
    return path


def increment(work):
    """1,000 articles no archive holds (their own ids and seed)."""
    path = work / "increment-1000.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, GENERATOR, "--model", REUTERS, "--n", "1000", "--seed",
                        "77", "--id-prefix", "increment-", "--out", path], check=True,
                       stderr=subprocess.DEVNULL)
    return path


# ------------------------------------------------------------------------------ queries


def query_classes(corpus):
    """name -> (list of q strings, extra URL parameters)."""
    lines = [l.strip() for l in QUERIES.open(encoding="utf-8") if l.strip()]
    phrases = [l for l in lines if l.startswith('"')]
    single = [l for l in lines if not l.startswith('"') and len(l.split()) == 1]
    multi = [l for l in lines if not l.startswith('"') and len(l.split()) > 1]
    frequent, dates = frequent_words_and_dates(corpus)
    # A filter keeping the newest quarter of the archive's time span, sorted newest first.
    dates.sort()
    since = dates[len(dates) * 3 // 4][:10]
    return {
        "single": (single, ""),
        "multi": (multi, ""),
        "phrase": (phrases, ""),
        "frequent": (frequent, ""),
        "newest": (multi, f"&sort=newest&from={since}"),
    }


def frequent_words_and_dates(corpus, sample=3000):
    counts = collections.Counter()
    dates = []
    with open(corpus, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n == sample:
                break
            record = json.loads(line)
            dates.append(record.get("date") or "")
            words = set(re.findall(r"[a-z]{4,}", (record.get("body") or "").lower()))
            counts.update(w for w in words if w not in STOP_WORDS)
    return [w for w, _ in counts.most_common(20)], [d for d in dates if d]


def wrk_script(path, queries, extra):
    targets = [f"/v1/search?q={urllib.parse.quote(q)}&facets=source,tag{extra}" for q in queries]
    body = "paths = {" + ",".join(json.dumps(t) for t in targets) + "}\n"
    body += "i = 0\nrequest = function() i = i % #paths + 1 return wrk.format('GET', paths[i]) end\n"
    path.write_text(body)
    return path


def wrk(url, script, connections, seconds):
    done = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                           "--timeout", "10s", "-s", str(script), url],
                          capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def parse_wrk(text):
    def latency_ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"qps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
            "p50_ms": latency_ms("50"), "p99_ms": latency_ms("99"),
            "requests": int(re.search(r"(\d+) requests in", text).group(1)),
            "errors": int(errors.group(1)) if errors else 0}


def percentile(values, p):
    values = sorted(values)
    return values[max(0, -(-len(values) * p // 100) - 1)] if values else 0.0


def reference_queries(db, queries, processes, work):
    """The reference's own loop over the queries, in `processes` processes at once."""
    qfile = work / "ref-queries.txt"
    qfile.write_text("\n".join(queries) + "\n")
    runs = []
    for n in range(processes):
        lat = work / f"ref-lat-{n}.txt"
        runs.append((lat, subprocess.Popen([REFERENCE, "query", db, qfile, "--warmup", "1",
                                            "--lat", lat], stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL)))
    latencies = []
    for lat, process in runs:
        if process.wait() != 0:
            raise RuntimeError("xapian_bare query failed")
        latencies += [float(v) / 1000 for v in lat.read_text().split()]
    return {"p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99)}


# ------------------------------------------------------------------------------ server


class Server:
    def __init__(self, db, work):
        self.log = open(work / "server.log", "w+")
        self.process = subprocess.Popen([SERVER, "--db", db, "--listen", "127.0.0.1:0"],
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        for _ in range(300):
            self.log.seek(0)
            match = re.search(r"http://[0-9.:]+", self.log.read())
            if match:
                self.url = match.group(0)
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("dateline-server did not start")

    def status(self, target):
        try:
            with urllib.request.urlopen(self.url + target, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def peak_rss_mib(self):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()


# ------------------------------------------------------------------------------ one size


def index_dateline(corpus, db):
    shutil.rmtree(db, ignore_errors=True)
    seconds, rss, out = timed([INDEXER, "add", "--json", "--db", db, corpus])
    summary = json.loads(out)
    compaction = summary.get("compaction") or {}
    return {"seconds": seconds, "peak_rss_mib": rss, "articles": summary["articles"],
            "bytes_before_compact": compaction.get("bytes_before"),
            "bytes_after_compact": directory_bytes(db), "tables": table_bytes(db),
            "compact_seconds": compaction.get("seconds")}


def index_reference(corpus, db):
    shutil.rmtree(db, ignore_errors=True)
    seconds, rss, _ = timed([REFERENCE, "index", corpus, db])
    before = directory_bytes(db)
    compacted = Path(str(db) + "-compact")
    shutil.rmtree(compacted, ignore_errors=True)
    compact_seconds, _, _ = timed(["xapian-compact", db, compacted])
    shutil.rmtree(db)
    compacted.rename(db)
    return {"seconds": seconds, "peak_rss_mib": rss, "bytes_before_compact": before,
            "bytes_after_compact": directory_bytes(db), "tables": table_bytes(db),
            "compact_seconds": compact_seconds}


def query_dateline(server, classes, seconds, work):
    figures = {}
    for name, (queries, extra) in classes.items():
        script = wrk_script(work / f"{name}.lua", queries, extra)
        wrk(server.url, script, 2, 2)  # warm the caches and the server's threads
        figures[name] = {str(c): wrk(server.url, script, c, seconds) for c in CONNECTIONS}
        log(f"  dateline {name:9}" + "".join(
            f"  c={c}: p50 {f['p50_ms']:.2f} ms p99 {f['p99_ms']:.2f} ms {f['qps']:.0f}/s"
            for c, f in figures[name].items()))
    return figures


def incremental_add(server, db, classes, work):
    """1,000 new articles while 8 connections search; seconds until the last one is served."""
    script = wrk_script(work / "during.lua", *classes["multi"])
    window = 20
    load = subprocess.Popen(["wrk", "-t1", "-c8", f"-d{window}s", "--latency", "--timeout", "10s",
                             "-s", str(script), server.url], stdout=subprocess.PIPE, text=True)
    time.sleep(3)
    batch = increment(work)
    last_id = json.loads(batch.read_text().splitlines()[-1])["id"]
    started = time.monotonic()
    add_seconds, add_rss, _ = timed([INDEXER, "add", "--quiet", "--db", db, batch])
    while server.status(f"/v1/articles/{urllib.parse.quote(last_id)}") != 200:
        if time.monotonic() - started > 300:
            raise RuntimeError("the added articles were not served within 300 s")
        time.sleep(0.05)
    searchable = time.monotonic() - started
    out, _ = load.communicate(timeout=window + 60)
    during = parse_wrk(out)
    return {"articles": 1000, "add_seconds": add_seconds, "add_peak_rss_mib": add_rss,
            "searchable_seconds": searchable, "p99_ms_during": during["p99_ms"],
            "p50_ms_during": during["p50_ms"], "errors_during": during["errors"]}


def current_commit():
    return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()


def measure_queries(result, size, args, work):
    db, refdb = work / f"dateline-{size}", work / f"reference-{size}"
    classes = query_classes(archive(size, work))
    server = Server(db, work)
    try:
        result["dateline"]["queries"] = query_dateline(server, classes, args.duration, work)
        result["dateline"]["server_peak_rss_mib"] = server.peak_rss_mib()
    finally:
        server.stop()
    if args.reference and refdb.exists():
        result["reference"]["queries"] = {}
        for name in ("single", "multi", "phrase", "frequent"):
            result["reference"]["queries"][name] = {
                str(c): reference_queries(refdb, classes[name][0], c, work) for c in CONNECTIONS}
            log(f"  reference {name:9} {result['reference']['queries'][name]}")
    result["queries_commit"] = current_commit()
    return result


def run_size(size, args, work, previous=None):
    if args.queries_only:
        if not previous:
            raise SystemExit(f"--queries-only: no earlier figures for {size} in {args.results}")
        log(f"[{size}] queries on the kept indexes ...")
        return measure_queries(previous, size, args, work)
    corpus = archive(size, work)
    articles = line_count(corpus)
    result = {"size": size, "articles": articles, "corpus": corpus.name,
              "corpus_bytes": corpus.stat().st_size}
    db = work / f"dateline-{size}"
    log(f"[{size}] dateline-index add ...")
    result["dateline"] = {"index": index_dateline(corpus, db)}
    log(f"  {result['dateline']['index']}")
    if args.reference:
        log(f"[{size}] reference index ...")
        refdb = work / f"reference-{size}"
        result["reference"] = {"index": index_reference(corpus, refdb)}
        log(f"  {result['reference']['index']}")
    measure_queries(result, size, args, work)
    server = Server(db, work)
    try:
        result["dateline"]["incremental"] = incremental_add(server, db, query_classes(corpus), work)
        log(f"  incremental {result['dateline']['incremental']}")
    finally:
        server.stop()
    if args.reference and not args.keep:
        shutil.rmtree(work / f"reference-{size}", ignore_errors=True)
    if not args.keep:
        shutil.rmtree(db, ignore_errors=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="21k,100k,300k,1m")
    parser.add_argument("--duration", type=int, default=5, help="wrk seconds per class and load")
    parser.add_argument("--work", type=Path, default=Path("/tmp/dateline-scale"))
    parser.add_argument("--results", type=Path, default=ROOT / "docs/performance/scale.json")
    parser.add_argument("--no-reference", dest="reference", action="store_false")
    parser.add_argument("--keep", action="store_true", help="keep the indexes in --work")
    parser.add_argument("--queries-only", action="store_true",
                        help="re-measure queries on the indexes a --keep run left")
    args = parser.parse_args()
    sizes = [SIZES.get(s.lower()) or int(s) for s in args.sizes.split(",")]
    for binary in (INDEXER, SERVER):
        if not binary.exists():
            sys.exit(f"build first: make build ({binary} is missing)")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    if args.reference:
        subprocess.run(["make", "-s", "-C", SHARED / "bench/reference", f"BIN={REFERENCE}"],
                       check=True, stdout=subprocess.DEVNULL)
    args.work.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.results.read_text()) if args.results.exists() else {"sizes": []}
    for size in sizes:
        previous = next((r for r in results["sizes"] if r["size"] == size), None)
        measured = run_size(size, args, args.work, previous)
        measured["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        results["sizes"] = sorted([r for r in results["sizes"] if r["size"] != size] + [measured],
                                  key=lambda r: r["size"])
        if not args.queries_only:
            results["machine"] = {"cores": os.cpu_count(), "kernel": platform.release(),
                                  "commit": current_commit()}
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps(results, indent=1) + "\n")
        log(f"[{size}] saved to {args.results}")


if __name__ == "__main__":
    main()
