"""Crash safety end to end: what `dateline-index` leaves when it is killed or the disk fills up,
and what `dateline-server` answers while the index is swapped or committed under it.

- SIGKILL at seeded random moments of `add`, `sync` and `compact` (at least KILL_POINTS kills,
  with a small --batch-size so they land during and between commits): after each kill the index
  passes xapian-check, `stats` reads it, it holds no fewer articles than before, and one server
  kept running across the kills answers /readyz at the index's new revision and searches; a
  final `sync` converges to exactly the archive on disk, article by article.
- A full disk (RLIMIT_FSIZE: a write past the limit fails with EFBIG, as one fails with ENOSPC
  on a full disk) fails add, sync, compact and reindex with status 1 and one line naming the
  failed write; the last commit stays intact and served, and the same run without the limit
  finishes. A first run cut short while Xapian creates the index does not block the next one.
- compact, reindex and sync while searches stream: no request fails, and each change is visible
  within 1 s of the command's exit.
- A server under 16 concurrent clients while the indexer commits every second: no 5xx, and its
  RSS stays bounded.

Sanitizer builds run several times slower: the slowdown (DATELINE_E2E_SLOWDOWN, else 4 when
the binaries carry a sanitizer runtime) shrinks the archives and stretches the generous time
bounds; it never changes the kill count or the 1 s freshness bound. Every process is started
here and ended by its own PID.
"""
import hashlib
import http.client
import itertools
import json
import mmap
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from urllib.parse import quote

import pytest

from conftest import ServerProcess

SEED = 20240607
KILL_POINTS = 24
BATCH_SIZE = 40  # articles per commit in the kill loop: dozens of commits per run
EXIT_OK, EXIT_FATAL = 0, 1
FIELDS = ("title", "body", "date", "source", "tags", "url")  # stored exactly as given
STAGING = re.compile(r"\.(compacting|reindexing|shard)-\d+$")
SEARCHES = ["cocoa", "oil prices", "bank rate", "trade deficit", "wheat exports", "dollar",
            "profit", "merger talks", "coffee", "gold"]


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="session")
def slowdown(index_binary, server_binary) -> float:
    """How many times slower than a release build the binaries run (sanitizers: about 4)."""
    hint = os.environ.get("DATELINE_E2E_SLOWDOWN")
    if hint:
        return float(hint)
    for binary in (index_binary, server_binary):
        with open(binary, "rb") as file, mmap.mmap(file.fileno(), 0,
                                                   access=mmap.ACCESS_READ) as image:
            if image.find(b"__asan_init") >= 0 or image.find(b"__tsan_init") >= 0:
                return 4.0
    return 1.0


@pytest.fixture
def start_server(server_binary):
    """start_server(db, *extra_args) -> ServerProcess on 127.0.0.1; killed by PID at teardown."""
    started = []

    def start(db, *extra):
        server = ServerProcess(server_binary, ["--db", db, "--listen", "127.0.0.1:0", *extra])
        started.append(server)
        return server

    yield start
    for server in started:
        server.kill()


def reuters_records(path, count, start=0):
    """`count` Reuters records from the `start`-th on, parsed."""
    with path.open(encoding="utf-8") as lines:
        chosen = itertools.islice((text for text in lines if text.strip()), start, start + count)
        return [json.loads(text) for text in chosen]


def write_jsonl(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def fingerprint(article):
    """A hash of the fields an article is stored with exactly as given."""
    fields = [article.get(field) or None for field in FIELDS]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def assert_xapian_check(db):
    checker = shutil.which("xapian-check")
    if checker:  # Debian's xapian-tools
        check = subprocess.run([checker, str(db)], capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, f"xapian-check {db}:\n{check.stdout[-3000:]}{check.stderr}"


def staging_leftovers(db):
    return sorted(p.name for p in db.parent.iterdir() if STAGING.search(p.name))


def get(server, target, timeout=30):
    """GET on a fresh connection -> (status, ETag, body bytes)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.getheader("ETag"), response.read()
    finally:
        conn.close()


def get_json(server, target):
    status, _, body = get(server, target)
    assert status == 200, f"GET {target}: {status} {body[:300]!r}"
    return json.loads(body)


def wait_for(predicate, timeout, interval=0.01):
    """Polls until predicate() is true; returns the seconds it took, or None on timeout."""
    started = time.monotonic()
    while True:
        if predicate():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            return None
        time.sleep(interval)


def assert_serves(server, counted):
    """The server answers at the index's committed state: /readyz agrees with `stats`, and a
    search works."""
    assert server.process.poll() is None, f"the server died: {server.stderr()}"
    ready = get_json(server, "/readyz")
    assert (ready["articles"], ready["revision"]) == (counted["articles"], counted["revision"]), (
        f"/readyz {ready} is not the committed index {counted}")
    result = get_json(server, "/v1/search?q=cocoa")
    assert result["total"] >= 1, result


def vm_rss_kb(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmRSS for process {pid}")


class SearchStream:
    """Client threads sending searches back to back over kept-alive connections. Every answer
    must be 200 with a JSON search response; anything else is recorded in `failures`."""

    def __init__(self, server, clients):
        self.server = server
        self.statuses = Counter()
        self.failures = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True)
                         for n in range(clients)]
        for thread in self._threads:
            thread.start()

    def _run(self, client):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=30)
        for n in itertools.count(client):
            if self._stop.is_set():
                break
            target = f"/v1/search?q={quote(SEARCHES[n % len(SEARCHES)])}&facets=source,tag"
            try:
                conn.request("GET", target)
                response = conn.getresponse()
                body = response.read()
                failure = None if response.status == 200 and "hits" in json.loads(body) else \
                    f"{response.status} {body[:200]!r}"
                status = response.status
            except (OSError, http.client.HTTPException, ValueError) as error:
                failure, status = f"{type(error).__name__}: {error}", "error"
                conn.close()
                conn = http.client.HTTPConnection(self.server.host, self.server.port,
                                                  timeout=30)
            with self._lock:
                self.statuses[status] += 1
                if failure:
                    self.failures.append(f"GET {target}: {failure}")
        conn.close()

    def requests(self):
        with self._lock:
            return sum(self.statuses.values())

    def stop(self):
        """Stops the clients; returns how many requests they sent."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
        return self.requests()


# --------------------------------------------------------------------------- 1: SIGKILL loop


def rewrite_part(path, records, edition):
    """Writes the archive file with every title marked with its edition (edition 0: as in
    Reuters), a changed file for sync; returns its articles by id."""
    written = [{**record, "title": f"{record['title']} (edition {edition})"} if edition
               else record for record in records]
    write_jsonl(path, written)
    return {record["id"]: record for record in written}


def test_sigkill_at_random_points_never_loses_or_corrupts_a_commit(
        spawn_index, run_index, stats, stored_articles, start_server, reuters, slowdown,
        tmp_path):
    rng = random.Random(SEED)
    print(f"SIGKILL loop: seed {SEED}, {KILL_POINTS} kill points, slowdown {slowdown}")
    parts, per_part = 8, max(40, int(120 / slowdown))
    records = reuters_records(reuters, parts * per_part)
    archive = tmp_path / "archive"
    files = [archive / f"part-{n:02d}.jsonl" for n in range(parts)]
    chunks = [records[n * per_part:(n + 1) * per_part] for n in range(parts)]
    expected = {}
    for path, chunk in zip(files, chunks):
        expected.update(rewrite_part(path, chunk, 0))
    db = tmp_path / "db"
    # Bodies as given: learnt boilerplate depends on which files a run reads (a sync reads the
    # changed ones only), and the comparison with the input below is to the byte.
    commands = {
        "add": ("add", "--db", db, "--batch-size", BATCH_SIZE, "--keep-boilerplate", archive),
        "sync": ("sync", "--db", db, "--batch-size", BATCH_SIZE, "--keep-boilerplate", archive),
        "compact": ("compact", "--db", db),
    }

    # How long each command runs uninterrupted, on a scratch index: kill delays are drawn below.
    scratch = tmp_path / "scratch"
    estimate = {}
    for name, args in (("add", commands["add"]), ("compact", commands["compact"])):
        started = time.monotonic()
        result = run_index(*(scratch if arg == db else arg for arg in args),
                           timeout=300 * slowdown)
        assert result.returncode == EXIT_OK, result.stderr
        estimate[name] = time.monotonic() - started
    estimate["sync"] = estimate["add"]
    shutil.rmtree(scratch)
    print(f"uninterrupted: {', '.join(f'{k} {v:.2f} s' for k, v in estimate.items())}")

    assert run_index("add", "--db", db, "--keep-boilerplate", files[0]).returncode == EXIT_OK
    before = stats(db)
    server = start_server(db)
    assert_serves(server, before)

    kills, log = 0, []
    editions = [0] * parts
    for iteration in itertools.count():
        if kills >= KILL_POINTS:
            break
        assert iteration < 4 * KILL_POINTS, f"only {kills} kills in {iteration} runs: {log}"
        if rng.random() < 0.3:  # a changed file: sync has work to do, add replaces
            part = rng.randrange(parts)
            editions[part] += 1
            expected.update(rewrite_part(files[part], chunks[part], editions[part]))
            log.append(f"{files[part].name} rewritten: edition {editions[part]}")
            print(log[-1])
        name = rng.choices(["add", "sync", "compact"], weights=[5, 3, 2])[0]
        delay = rng.uniform(0.02, 0.95) * estimate[name]
        process = spawn_index(*commands[name], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.kill()  # SIGKILL to this PID only, unless it has just ended
            process.wait(timeout=60)
        error = process.stderr.read().decode("utf-8", errors="replace")
        killed = process.returncode == -signal.SIGKILL
        if killed:
            kills += 1
        else:
            assert process.returncode == EXIT_OK, f"{name} (not killed) failed: {error}"

        assert_xapian_check(db)
        after = stats(db)
        log.append(f"{name} {'killed' if killed else 'done'} at {delay:.3f} s: "
                   f"{after['articles']} articles, revision {after['revision']}")
        print(log[-1])
        assert after["articles"] >= before["articles"], f"a commit was lost: {log}"
        assert_serves(server, after)
        before = after

    result = run_index(*commands["sync"], timeout=300 * slowdown)
    assert result.returncode == EXIT_OK, result.stderr
    stored = stored_articles(db)
    assert sorted(set(expected) - set(stored)) == [], "articles missing after the re-run"
    assert sorted(set(stored) - set(expected)) == [], "articles that no input holds"
    differing = [i for i in expected if fingerprint(stored[i]) != fingerprint(expected[i])]
    assert differing == [], f"{len(differing)} articles differ from the input, e.g. " + "; ".join(
        f"{field}: {stored[differing[0]].get(field)!r} for {expected[differing[0]].get(field)!r}"
        for field in FIELDS if fingerprint({field: stored[differing[0]].get(field)}) !=
        fingerprint({field: expected[differing[0]].get(field)}))
    again = run_index(*commands["sync"])
    assert again.returncode == EXIT_OK and "nothing to do" in again.stderr, \
        f"the sync state does not match the archive after the re-run: {again.stderr}"
    result = run_index(*commands["compact"])
    assert result.returncode == EXIT_OK, result.stderr
    assert staging_leftovers(db) == [], "compact left a killed run's staging copy behind"
    assert_xapian_check(db)
    final = stats(db)
    assert final["articles"] == len(expected)
    assert_serves(server, final)


# --------------------------------------------------------------------------- 2: disk full


def file_size_limit(max_bytes):
    """preexec_fn: writes past max_bytes fail with EFBIG (SIGXFSZ ignored, as it stays in the
    exec'd program), like writes on a full disk fail with ENOSPC."""

    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply


# Xapian 1.4.22 leaks the compactor's tables when a write fails: a bare
# `Xapian::Database(db).compact(out)` under RLIMIT_FSIZE leaks the same 14 blocks under ASan.
XAPIAN_LEAKS = "leak:Xapian::Database::compact_\n"


def run_on_a_full_disk(spawn_index, args, limit, slowdown, tmp_path):
    """Runs dateline-index with writes past `limit` bytes failing; asserts it fails as a write
    failure should (status 1, one line naming the error, no crash) and returns that line."""
    suppressions = tmp_path / "xapian-leaks.supp"
    suppressions.write_text(XAPIAN_LEAKS, encoding="ascii")
    env = dict(os.environ)  # under LeakSanitizer: whole stacks, so the suppression can match
    env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"),
                                                 "fast_unwind_on_malloc=0"]))
    env["LSAN_OPTIONS"] = ":".join(filter(None, [env.get("LSAN_OPTIONS"),
                                                 f"suppressions={suppressions}",
                                                 "print_suppressions=0"]))
    process = spawn_index(*args, stdin=subprocess.DEVNULL, preexec_fn=file_size_limit(limit),
                          env=env)
    _, err = process.communicate(timeout=300 * slowdown)
    err = err.decode("utf-8", errors="replace")
    assert process.returncode == EXIT_FATAL, err
    assert re.fullmatch(r"dateline-index: [^\n]*(File too large|No space left on device)\)\n",
                        err), err
    return err


def largest_file(db):
    return max(path.stat().st_size for path in db.iterdir() if path.is_file())


@pytest.mark.parametrize("command", ["add", "sync", "compact", "reindex"])
def test_a_full_disk_fails_the_run_clearly_and_keeps_the_last_commit(
        command, spawn_index, run_index, stats, start_server, reuters, slowdown, tmp_path):
    count = max(100, int(400 / slowdown))
    tree = tmp_path / "tree"
    write_jsonl(tree / "part-0.jsonl", reuters_records(reuters, count))
    db = tmp_path / "db"
    assert run_index("sync", "--db", db, tree).returncode == EXIT_OK
    before = stats(db)
    if command in ("add", "sync"):  # new articles: the tables must grow past the limit
        write_jsonl(tree / "part-1.jsonl", reuters_records(reuters, 4 * count, start=count))
        limit = largest_file(db) + 64 * 1024
    else:  # a rebuilt copy is written: let its largest table not fit
        limit = largest_file(db) // 2
    args = {"add": ("add", "--db", db, tree / "part-1.jsonl"),
            "sync": ("sync", "--db", db, tree),
            "compact": ("compact", "--db", db),
            "reindex": ("reindex", "--db", db)}[command]

    run_on_a_full_disk(spawn_index, args, limit, slowdown, tmp_path)

    assert_xapian_check(db)
    after = stats(db)
    assert (after["articles"], after["revision"]) == (before["articles"], before["revision"])
    assert staging_leftovers(db) == []
    server = start_server(db)
    assert_serves(server, before)
    stored = get_json(server, "/v1/articles/reuters-1")
    assert stored["title"] == "BAHIA COCOA REVIEW"
    server.kill()

    # With room again, the same command finishes on the index the failure left.
    rerun = run_index(*args, timeout=300 * slowdown)
    assert rerun.returncode == EXIT_OK, rerun.stderr
    assert_xapian_check(db)
    grown = 5 * count if command in ("add", "sync") else count
    assert stats(db)["articles"] == grown


def test_a_first_run_cut_short_while_creating_the_index_does_not_block_the_next(
        spawn_index, run_index, stats, reuters, slowdown, tmp_path):
    """BUG: a first run that failed (or was killed) while Xapian created the index left a
    directory without a version file, which every later run refused: "db is not a Dateline
    index and not an empty directory: refusing to write there"."""
    source = write_jsonl(tmp_path / "first.jsonl", reuters_records(reuters, 50))
    db = tmp_path / "db"
    # A full disk while the version file is written: a 64-byte limit stops it.
    run_on_a_full_disk(spawn_index, ("add", "--db", db, source), 64, slowdown, tmp_path)

    rerun = run_index("add", "--db", db, source, timeout=120 * slowdown)
    assert rerun.returncode == EXIT_OK, rerun.stderr
    assert stats(db)["articles"] == 50
    assert_xapian_check(db)

    # What a SIGKILL between Xapian creating the tables and renaming its version file into
    # place leaves (seen with kills 40-60 ms into a first run): the lock file, empty tables
    # and the version file's temporary copy.
    killed = tmp_path / "killed"
    killed.mkdir()
    for name in ("flintlock", "postlist.glass", "termlist.glass"):
        (killed / name).write_bytes(b"")
    (killed / "v.tmp").write_bytes((db / "iamglass").read_bytes())
    rerun = run_index("add", "--db", killed, source, timeout=120 * slowdown)
    assert rerun.returncode == EXIT_OK, rerun.stderr
    assert stats(killed)["articles"] == 50
    assert_xapian_check(killed)


# --------------------------------------------------------------------------- 3: swaps


def test_compact_reindex_and_sync_under_a_stream_of_searches(
        run_index, start_server, reuters, slowdown, tmp_path):
    tree = tmp_path / "tree"
    write_jsonl(tree / "part-0.jsonl", reuters_records(reuters, max(200, int(1500 / slowdown))))
    db = tmp_path / "db"
    assert run_index("sync", "--db", db, tree).returncode == EXIT_OK
    server = start_server(db)
    probe = "/v1/search?q=cocoa"

    def probe_reply():
        status, etag, body = get(server, probe)
        assert status == 200, body[:300]
        return etag, json.loads(body)["total"]

    stream = SearchStream(server, clients=2)
    try:
        for name in ("compact", "reindex", "sync"):
            etag_before, total_before = probe_reply()
            revision_before = get_json(server, "/readyz")["revision"]
            if name == "sync":  # a new file, with one new article
                write_jsonl(tree / "late.jsonl", [{
                    "id": "late-quokka", "title": "Quokka census starts on Rottnest",
                    "body": "Counters set out to tally every quokka on the island.",
                    "date": "1987-10-20", "source": "Test Wire"}])
            result = run_index(name, "--db", db, *([tree] if name == "sync" else []),
                               timeout=300 * slowdown)
            exited = time.monotonic()
            assert result.returncode == EXIT_OK, result.stderr

            if name == "sync":
                def visible():
                    return get_json(server, "/v1/search?q=quokka")["total"] == 1
            else:
                def visible():
                    etag, total = probe_reply()
                    assert total == total_before, f"{name} changed what cocoa finds"
                    return etag != etag_before
            took = wait_for(visible, timeout=5)
            seen_after = time.monotonic() - exited
            print(f"{name}: visible {seen_after:.3f} s after its exit")
            assert took is not None and seen_after <= 1.0, (
                f"{name}: the change was not visible within 1 s of its exit "
                f"({'never' if took is None else f'{seen_after:.2f} s'})")
            if name == "sync":
                assert get_json(server, "/readyz")["revision"] > revision_before
    finally:
        requests = stream.stop()
    assert stream.failures == [], f"{len(stream.failures)} of {requests} searches failed"
    assert requests >= 20, "too few searches ran alongside the swaps to tell anything"


# --------------------------------------------------------------------------- 4: load


def test_server_under_load_while_the_indexer_commits_every_second(
        spawn_index, run_index, start_server, reuters, slowdown, tmp_path):
    base, batch, commits, clients = max(300, int(2000 / slowdown)), 25, 8, 16
    db = tmp_path / "db"
    archive = write_jsonl(tmp_path / "base.jsonl", reuters_records(reuters, base))
    assert run_index("add", "--db", db, archive, timeout=300 * slowdown).returncode == EXIT_OK
    later = reuters_records(reuters, batch * commits, start=base)
    server = start_server(db)
    pid = server.process.pid
    rss_kb, revisions, sampling = [], set(), threading.Event()

    def sample():
        while not sampling.is_set():
            rss_kb.append(vm_rss_kb(pid))
            revisions.add(get_json(server, "/readyz")["revision"])
            time.sleep(0.1)

    stream = SearchStream(server, clients)
    sampler = threading.Thread(target=sample, daemon=True)
    try:
        # Warm-up: every query answered many times (caches filled) before the first commit.
        assert wait_for(lambda: stream.requests() >= 40 * len(SEARCHES),
                        timeout=60 * slowdown) is not None, "the warm-up searches did not finish"
        warm_kb = vm_rss_kb(pid)
        sampler.start()
        indexer = spawn_index("add", "--db", db, "--batch-size", batch, "--json", "-",
                              stdout=subprocess.PIPE)
        started = time.monotonic()
        for n in range(commits):  # one batch, so one commit, a second
            time.sleep(max(0.0, started + n - time.monotonic()))
            indexer.stdin.write("".join(json.dumps(r) + "\n" for r in
                                        later[n * batch:(n + 1) * batch]).encode("utf-8"))
            indexer.stdin.flush()
        time.sleep(max(0.0, started + commits - time.monotonic()))
        out, err = indexer.communicate(timeout=120 * slowdown)
    finally:
        requests = stream.stop()
        sampling.set()
        if sampler.is_alive():
            sampler.join(timeout=30)

    assert indexer.returncode == EXIT_OK, err
    assert json.loads(out)["articles"] == base + batch * commits
    server_errors = {s: n for s, n in stream.statuses.items() if s == "error" or s >= 500}
    assert server_errors == {}, f"of {requests} searches: {stream.failures[:5]}"
    assert stream.failures == []
    assert requests >= 100, f"only {requests} searches in {commits + 2} s"
    assert len(revisions) >= commits // 2, \
        f"the server saw {len(revisions)} revisions over {commits} commits"
    # The server's memory is its code, the pool's per-worker Xapian databases (block caches,
    # term lists) and per-connection buffers, all reached after the warm-up (about 11 MB on a
    # release build, growing by ~1 % over the commits); each commit adds 1/80 of the index. Half
    # again means something is kept per commit, per reopened database or per request.
    # (Sanitizer runtimes keep freed memory in quarantine: only the release build is bounded.)
    peak_kb = max(rss_kb)
    print(f"{requests} searches; RSS warm {warm_kb} kB, peak {peak_kb} kB, "
          f"end {rss_kb[-1]} kB; revisions seen {len(revisions)}")
    if slowdown == 1.0:
        assert peak_kb < 1.5 * warm_kb, f"RSS grew from {warm_kb} kB to {peak_kb} kB"
