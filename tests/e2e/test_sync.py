"""End-to-end tests of `dateline-index sync`: a tree of JSON Lines, feeds and HTML pages kept in
step with the index — new and changed files read, unchanged ones left alone (no commit at all),
articles of vanished files and feed items deleted — and what a running dateline-server sees.

Exit statuses as in indexer/exit_status.hpp; the summary as in indexer/sync_command.cpp.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3
ARCHIVES = Path(__file__).resolve().parents[1] / "fixtures" / "archives"
# Pages and one feed item carry no source or date of their own.
DEFAULTS = ("--source", "Fixture Desk", "--default-date", "2024-01-01")
NOTHING_TO_DO = re.compile(r"^sync: (\d+) files unchanged, nothing to do; index holds (\d+) "
                           r"articles$", re.M)
SERVING_LINE = re.compile(r"serving .+ on http://(?P<host>127\.0\.0\.1):(?P<port>\d+)$")

HARBOUR_IDS = {"harbour-2024-0312-lifeboat",
               "https://harbour.example/news/2024/03/fish-market-hours.html",
               "https://harbour.example/news/2024/03/regatta-volunteers.html",
               "harbour-slipway-notice"}
FISH_MARKET = "https://harbour.example/news/2024/03/fish-market-hours.html"


# --------------------------------------------------------------------------- helpers


def make_tree(root: Path) -> Path:
    """archive/: one JSON Lines file, two feeds and seven pages, all valid with DEFAULTS."""
    tree = root / "archive"
    (tree / "records").mkdir(parents=True)
    shutil.copy(ARCHIVES / "records" / "briefs.jsonl", tree / "records")
    shutil.copytree(ARCHIVES / "pages", tree / "pages")
    (tree / "feeds").mkdir()
    for name in ("harbour-rss.xml", "valley-atom.xml"):
        shutil.copy(ARCHIVES / "feeds" / name, tree / "feeds")
    return tree


def record(article_id, title=None, **fields):
    line = {"id": article_id, "title": title or f"Headline {article_id}",
            "body": f"Body of {article_id}.", "date": "2024-02-03", "source": "Sync Wire"}
    line.update(fields)
    return json.dumps(line)


def write_lines(path: Path, *lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


@pytest.fixture
def sync(run_index):
    """sync(*args) -> (CompletedProcess, parsed --json summary or None)."""

    def run(db, *paths, extra=DEFAULTS, cwd=None):
        result = run_index("sync", "--db", db, *extra, "--json", *paths, cwd=cwd)
        summary = json.loads(result.stdout) if result.stdout.strip() else None
        return result, summary

    return run


def revision(stats, db):
    return stats(db)["revision"]


def exists(run_index, db, article_id):
    """Whether the index holds the id — asked by deleting it, so call it last."""
    result = run_index("delete", "--db", db, "--json", article_id)
    assert result.returncode == EXIT_OK, result.stderr
    return json.loads(result.stdout)["deleted"] == 1


# --------------------------------------------------------------------------- first sync, re-run


def test_first_sync_reads_every_file(sync, stats, tmp_path):
    tree = make_tree(tmp_path)
    result, summary = sync("db", tree)
    assert result.returncode == EXIT_OK, result.stderr
    assert summary["files"] == {"added": 10, "changed": 0, "unchanged": 0, "removed": 0,
                                "failed": 0}
    assert summary["records"] == {"read": 16, "added": 16, "replaced": 0, "deleted": 0,
                                  "rejected": 0}
    assert summary["wrote"] is True
    assert stats("db")["articles"] == summary["articles"] == 16


def test_rerun_on_unchanged_tree_writes_nothing_and_says_so(run_index, sync, stats, tmp_path):
    tree = make_tree(tmp_path)
    assert sync("db", tree)[0].returncode == EXIT_OK
    before = revision(stats, "db")
    result = run_index("sync", "--db", "db", *DEFAULTS, tree)
    assert result.returncode == EXIT_OK, result.stderr
    found = NOTHING_TO_DO.search(result.stderr)
    assert found, result.stderr
    assert found.groups() == ("10", "16")
    assert revision(stats, "db") == before  # not even an empty commit
    _, summary = sync("db", tree)
    assert summary["wrote"] is False and summary["files"]["unchanged"] == 10
    assert revision(stats, "db") == before


def test_same_tree_named_from_elsewhere_is_the_same_tree(sync, stats, tmp_path):
    tree = make_tree(tmp_path)
    assert sync("db", "archive")[0].returncode == EXIT_OK
    before = revision(stats, "db")
    # Absolute path, from another working directory, with a trailing slash.
    _, summary = sync(tmp_path / "db", f"{tree}/", cwd=tree / "pages")
    assert summary["wrote"] is False and summary["files"]["unchanged"] == 10
    assert revision(stats, "db") == before


def test_touched_but_identical_file_is_not_read(sync, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    later = time.time() + 60
    os.utime(tree / "records" / "briefs.jsonl", (later, later))
    _, summary = sync("db", tree)
    assert summary["wrote"] is False


# --------------------------------------------------------------------------- changes


def test_changed_file_alone_is_read_again(sync, stats, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    before = revision(stats, "db")
    briefs = tree / "records" / "briefs.jsonl"
    briefs.write_text(briefs.read_text().replace("Ferry timetable", "Ferry timetable revised"))
    result, summary = sync("db", tree)
    assert result.returncode == EXIT_OK, result.stderr
    assert summary["files"] == {"added": 0, "changed": 1, "unchanged": 9, "removed": 0,
                                "failed": 0}
    # Only briefs.jsonl was parsed: its two records, nothing from the feeds or pages.
    assert summary["records"] == {"read": 2, "added": 0, "replaced": 2, "deleted": 0,
                                  "rejected": 0}
    assert revision(stats, "db") > before
    assert sync("db", tree)[1]["wrote"] is False


def test_new_file_is_added(run_index, sync, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    write_lines(tree / "records" / "more.jsonl", record("sync-new-1"), record("sync-new-2"))
    _, summary = sync("db", tree)
    assert summary["files"]["added"] == 1 and summary["files"]["unchanged"] == 10
    assert summary["records"]["added"] == 2
    assert summary["articles"] == 18
    write_lines(tree / "records" / "more.jsonl", record("sync-new-1"))
    result = run_index("sync", "--db", "db", tree)
    assert result.returncode == EXIT_OK
    assert re.search(r"^sync: files 0 added, 1 changed, 10 unchanged, 0 removed, 0 failed; "
                     r"articles 0 added, 1 replaced, 1 deleted, 0 rejected in \d+\.\d\d s; "
                     r"index holds 17 articles$", result.stderr, re.M), result.stderr


def test_item_removed_from_feed_is_deleted(run_index, sync, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    feed = tree / "feeds" / "harbour-rss.xml"
    text = feed.read_text()
    start = text.index("<item>", text.index("Lifeboat"))  # the fish market item
    feed.write_text(text[:start] + text[text.index("</item>", start) + len("</item>"):])
    result, summary = sync("db", tree)
    assert result.returncode == EXIT_OK, result.stderr
    assert summary["files"]["changed"] == 1
    assert summary["records"]["replaced"] == 3 and summary["records"]["deleted"] == 1
    assert summary["articles"] == 15
    assert not exists(run_index, "db", FISH_MARKET)
    assert exists(run_index, "db", "harbour-2024-0312-lifeboat")


def test_removed_file_takes_its_articles(run_index, sync, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    (tree / "feeds" / "harbour-rss.xml").unlink()
    result, summary = sync("db", tree)
    assert result.returncode == EXIT_OK, result.stderr
    assert summary["files"]["removed"] == 1 and summary["records"]["deleted"] == 4
    assert summary["articles"] == 12
    assert not exists(run_index, "db", "harbour-2024-0312-lifeboat")


def test_keep_deleted_keeps_them_until_a_sync_without_it(run_index, sync, stats, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    (tree / "feeds" / "harbour-rss.xml").unlink()
    before = revision(stats, "db")
    result = run_index("sync", "--db", "db", "--keep-deleted", tree)
    assert result.returncode == EXIT_OK, result.stderr
    assert "1 removed (articles kept: --keep-deleted), nothing to do" in result.stderr
    assert revision(stats, "db") == before and stats("db")["articles"] == 16
    _, summary = sync("db", tree)
    assert summary["records"]["deleted"] == 4 and summary["articles"] == 12


def test_emptied_directory_deletes_everything_but_a_missing_one_deletes_nothing(
        run_index, sync, stats, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    shutil.rmtree(tree)
    result = run_index("sync", "--db", "db", tree)
    assert result.returncode == EXIT_FATAL, (holder.poll(), result.stderr)
    assert f"{tree}: no such file or directory; nothing synced" in result.stderr
    assert stats("db")["articles"] == 16
    tree.mkdir()
    _, summary = sync("db", tree)
    assert summary["files"]["removed"] == 10 and summary["articles"] == 0


def test_id_still_produced_by_another_file_is_kept(run_index, sync, tmp_path):
    tree = tmp_path / "tree"
    write_lines(tree / "a.jsonl", record("shared", "From A"), record("only-a"))
    write_lines(tree / "b.jsonl", record("shared", "From B"))
    _, summary = sync("db", tree)
    assert summary["records"] == {"read": 3, "added": 2, "replaced": 1, "deleted": 0,
                                  "rejected": 0}
    write_lines(tree / "a.jsonl", record("only-a"))  # a drops "shared"; b still has it
    _, summary = sync("db", tree)
    assert summary["records"]["deleted"] == 0 and summary["articles"] == 2
    (tree / "b.jsonl").unlink()  # now nobody produces it
    _, summary = sync("db", tree)
    assert summary["records"]["deleted"] == 1 and summary["articles"] == 1
    assert not exists(run_index, "db", "shared")


def test_article_moving_between_files_is_replaced_not_deleted(sync, tmp_path):
    tree = tmp_path / "tree"
    write_lines(tree / "a.jsonl", record("moving"), record("stays"))
    write_lines(tree / "b.jsonl", record("other"))
    sync("db", tree)
    write_lines(tree / "a.jsonl", record("stays"))
    write_lines(tree / "b.jsonl", record("other"), record("moving", "Moved"))
    _, summary = sync("db", tree)
    assert summary["records"]["deleted"] == 0 and summary["articles"] == 3


def test_two_trees_keep_separate_state(sync, tmp_path):
    write_lines(tmp_path / "one" / "x.jsonl", record("one-1"))
    write_lines(tmp_path / "two" / "x.jsonl", record("two-1"))
    sync("db", tmp_path / "one")
    _, summary = sync("db", tmp_path / "two")
    # x.jsonl of "one" is not "removed" by a sync of "two".
    assert summary["files"] == {"added": 1, "changed": 0, "unchanged": 0, "removed": 0,
                                "failed": 0}
    assert summary["articles"] == 2


# --------------------------------------------------------------------------- failures


def test_bad_file_does_not_stop_the_rest(run_index, sync, tmp_path):
    tree = make_tree(tmp_path)
    shutil.copy(ARCHIVES / "feeds" / "truncated.xml", tree / "feeds")
    result, summary = sync("db", tree)
    assert result.returncode == EXIT_REJECTED
    assert "truncated.xml: file: not well-formed XML" in result.stderr
    assert summary["files"]["added"] == 11 and summary["articles"] == 16
    # Its rejection was reported; the unchanged bad file is not read (or reported) again.
    result, summary = sync("db", tree)
    assert result.returncode == EXIT_OK and summary["wrote"] is False


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_keeps_its_articles_and_fails_the_run(sync, tmp_path):
    tree = tmp_path / "tree"
    write_lines(tree / "a.jsonl", record("a-1"))
    write_lines(tree / "b.jsonl", record("b-1"))
    sync("db", tree)
    (tree / "a.jsonl").chmod(0)
    write_lines(tree / "b.jsonl", record("b-1"), record("b-2"))
    result, summary = sync("db", tree)
    assert result.returncode == EXIT_FATAL
    assert "a.jsonl: cannot open" in result.stderr
    assert summary["files"]["failed"] == 1 and summary["articles"] == 3


def test_stdin_and_usage_errors(run_index, tmp_path):
    result = run_index("sync", "--db", "db", "-")
    assert result.returncode == EXIT_FATAL
    assert "sync reads files and directories, not standard input" in result.stderr
    assert run_index("sync", "--db", "db").returncode == EXIT_USAGE
    result = run_index("sync", "--db", "db", "--format", "csv", tmp_path)
    assert result.returncode == EXIT_USAGE and "--format: unknown format" in result.stderr
    assert not (tmp_path / "db").exists()


# --------------------------------------------------------------------------- boilerplate

SYNDICATION_FOOTER = "This post first appeared on The Example Post."
LEARNT_FROM = re.compile(r"^boilerplate: learnt \d+ repeated lines? of \d+ sources? from "
                         r"(\d+) articles? in", re.M)


def syndicated_tree(root: Path) -> Path:
    """syndicated/: three JSON Lines files whose bodies end in a syndication footer."""
    tree = root / "syndicated"
    for day in range(3):
        write_lines(tree / f"day-{day}.jsonl",
                    record(f"syn-{day}", body=f"Crews stopped work on day {day}.\n\n"
                                               f"{SYNDICATION_FOOTER}"))
    return tree


def test_sync_cleans_boilerplate_learning_from_the_files_it_reads(run_index, sync,
                                                                   stored_articles, tmp_path):
    tree = syndicated_tree(tmp_path)

    first = run_index("sync", "--db", "db", "--verbose", tree)

    assert first.returncode == EXIT_OK, first.stderr
    assert LEARNT_FROM.search(first.stderr).group(1) == "3", first.stderr
    assert ("boilerplate: removed 0 lines repeating the title; original source or URL found in "
            "3 articles") in first.stderr
    stored = stored_articles(tmp_path / "db")
    for day in range(3):
        assert stored[f"syn-{day}"]["body"] == f"Crews stopped work on day {day}."
        assert stored[f"syn-{day}"]["original_source"] == "The Example Post"

    # A changed file alone is read, surveyed and cleaned; the unchanged ones stay unopened.
    write_lines(tree / "day-1.jsonl", record("syn-1", body=f"Revised.\n\n{SYNDICATION_FOOTER}"))
    again = run_index("sync", "--db", "db", "--verbose", "--json", tree)

    assert again.returncode == EXIT_OK, again.stderr
    assert json.loads(again.stdout)["records"]["read"] == 1
    assert LEARNT_FROM.search(again.stderr).group(1) == "1", again.stderr
    stored = stored_articles(tmp_path / "db")
    assert stored["syn-1"]["body"] == "Revised."
    assert stored["syn-1"]["original_source"] == "The Example Post"


def test_sync_keep_boilerplate_indexes_bodies_as_given(sync, stored_articles, tmp_path):
    tree = syndicated_tree(tmp_path)

    result, summary = sync("db", tree, extra=("--keep-boilerplate",))

    assert result.returncode == EXIT_OK, result.stderr
    assert "boilerplate" not in result.stderr
    assert summary["records"]["added"] == 3
    for article in stored_articles(tmp_path / "db").values():
        assert article["body"].endswith(SYNDICATION_FOOTER)
        assert "original_source" not in article


def test_sync_rules_file_errors_name_the_flag(run_index, tmp_path):
    (tmp_path / "bad.rules").write_text("dorp x\n", encoding="utf-8")
    result = run_index("sync", "--db", "db", "--boilerplate-rules", "bad.rules",
                       syndicated_tree(tmp_path))
    assert result.returncode == EXIT_USAGE
    assert ('dateline-index sync: --boilerplate-rules: bad.rules:1: unknown kind "dorp"'
            in result.stderr)
    assert not (tmp_path / "db").exists()


def test_help_describes_sync(run_index):
    result = run_index("sync", "--help")
    assert result.returncode == EXIT_OK
    for flag in ("--db", "--keep-deleted", "--json", "--batch-size", "--keep-boilerplate",
                 "--boilerplate-rules", "--verbose"):
        assert flag in result.stdout


def test_second_writer_gets_the_lock_message(run_index, spawn_index, sync, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    # An `add` reading a pipe holds the write lock until its input ends. The sync (of an
    # unchanged tree: harmless if it wins the race to the lock) is retried until it meets it.
    for _ in range(50):
        holder = spawn_index("add", "--db", "db", "-")
        holder.stdin.write((record("held") + "\n").encode())
        holder.stdin.flush()
        time.sleep(0.1)
        result = run_index("sync", "--db", "db", tree)
        if result.returncode != EXIT_OK:
            break
        holder.stdin.close()
        holder.wait(timeout=30)
    assert result.returncode == EXIT_FATAL, result.stderr
    assert "is locked by another writer" in result.stderr
    holder.stdin.close()
    assert holder.wait(timeout=30) == EXIT_OK
    (tree / "records" / "briefs.jsonl").unlink()
    _, summary = sync("db", tree)
    assert summary["files"]["removed"] == 1 and summary["records"]["deleted"] == 2


# --------------------------------------------------------------------------- with a server


class Server:
    """dateline-server on a free loopback port; stopped by its own PID."""

    def __init__(self, binary, db):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
        self.process = subprocess.Popen(
            [str(binary), "--db", str(db), "--listen", "127.0.0.1:0"], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.address = None
        ready = threading.Event()

        def read():
            for raw in self.process.stderr:
                found = SERVING_LINE.search(raw.decode("utf-8", "replace").rstrip("\n"))
                if found and not self.address:
                    self.address = f"{found['host']}:{found['port']}"
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(10) or not self.address:
            self.stop()
            pytest.fail("dateline-server did not start", pytrace=False)

    def search_ids(self, query):
        url = f"http://{self.address}/v1/search?" + urllib.parse.urlencode({"q": query})
        with urllib.request.urlopen(url, timeout=10) as response:
            return {hit["id"] for hit in json.load(response)["hits"]}

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def test_running_server_sees_each_sync(server_binary, sync, tmp_path):
    tree = make_tree(tmp_path)
    sync("db", tree)
    server = Server(server_binary, tmp_path / "db")
    try:
        assert server.search_ids("kayakers") == {"harbour-2024-0312-lifeboat"}
        assert server.search_ids("stallholders") == {FISH_MARKET}
        feed = tree / "feeds" / "harbour-rss.xml"
        text = feed.read_text().replace("kayakers", "paddlers")
        start = text.index("<item>", text.index("Lifeboat"))
        feed.write_text(text[:start] + text[text.index("</item>", start) + len("</item>"):])
        write_lines(tree / "records" / "late.jsonl", record("late-1", "Quayside lanterns lit"))
        result, summary = sync("db", tree)
        assert result.returncode == EXIT_OK, result.stderr
        assert summary["records"]["deleted"] == 1
        # The server reopens the index per request: no restart needed.
        assert server.search_ids("paddlers") == {"harbour-2024-0312-lifeboat"}
        assert server.search_ids("kayakers") == set()
        assert server.search_ids("stallholders") == set()
        assert server.search_ids("lanterns") == {"late-1"}
    finally:
        server.stop()
