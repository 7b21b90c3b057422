"""End-to-end tests of schema versions and `dateline-index reindex`: an index of an older schema
version is refused by the writers (`add`, `sync`) and by dateline-server with the way to upgrade
it; `reindex` upgrades it in place, keeping the articles (ids and stored content), the sync state
and the default language; and a server serving the index goes on serving through a reindex.

The older index is made honestly: the shipped sample, synced by this release, then marked with an
older schema version with xapian-metadata (Debian's xapian-tools), as an older release left it.
Exit statuses as in indexer/exit_status.hpp; the summary as in indexer/reindex_command.cpp.
"""
import json
import re
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ServerProcess

EXIT_OK, EXIT_FATAL = 0, 1
VERSION_KEY = "dateline.schema_version"
DEFAULT_LANGUAGE_KEY = "dateline.default_language"
SYNC_PREFIX = "dateline.sync.file:"
SUMMARY = re.compile(r"^reindexed (?P<articles>\d+) articles in [\d.]+ s \(schema version "
                     r"(?P<before>\S+) -> (?P<after>\d+), default language (?P<lang>[a-z]+), "
                     r"title weight (?P<title_weight>\d+), word positions (?P<positions>on|off)\); "
                     r"(?P<db>\S+) is the new index$", re.M)
# Articles that give no language: one in German (detected), one too short to tell (the default).
UNLABELLED = [
    {"id": "unlabelled-de", "title": "Fährstreik geht in den dritten Tag",
     "body": "Die Gewerkschaften haben das jüngste Angebot der Hafenbehörde am Dienstagabend "
             "abgelehnt.", "date": "2024-02-03", "source": "Reindex Wire"},
    {"id": "unlabelled-short", "title": "Bank", "body": "", "date": "2024-02-04",
     "source": "Reindex Wire"},
]


# --------------------------------------------------------------------------- helpers


def metadata_tool():
    tool = shutil.which("xapian-metadata")
    assert tool, "xapian-metadata (Debian's xapian-tools, see the Makefile) is needed"
    return tool


def get_metadata(db, key):
    return subprocess.run([metadata_tool(), "get", str(db), key], capture_output=True, text=True,
                          check=True).stdout.rstrip("\n")


def set_metadata(db, key, value):
    subprocess.run([metadata_tool(), "set", str(db), key, value], check=True)


def sync_state(db):
    """{key: value} of every sync entry in the index."""
    keys = subprocess.run([metadata_tool(), "list", str(db), SYNC_PREFIX], capture_output=True,
                          text=True, check=True).stdout.split("\n")
    return {key: get_metadata(db, key) for key in keys if key}


def current_version(run_index, tmp_path):
    """The schema version this release writes, read from an index it has just made."""
    fresh = tmp_path / "fresh-for-version"
    lines = tmp_path / "one.jsonl"
    lines.write_text(json.dumps(UNLABELLED[0]) + "\n", encoding="utf-8")
    assert run_index("add", "--db", fresh, lines).returncode == EXIT_OK
    return get_metadata(fresh, VERSION_KEY)


def older_version(version):
    return str(int(version) - 1)


@pytest.fixture
def synced(run_index, shipped_sample, tmp_path):
    """(db, tree): the shipped sample and UNLABELLED, synced into db with --default-lang fr."""
    tree = tmp_path / "archive"
    tree.mkdir()
    shutil.copy(shipped_sample, tree / "sample.jsonl")
    (tree / "unlabelled.jsonl").write_text("".join(json.dumps(a) + "\n" for a in UNLABELLED),
                                           encoding="utf-8")
    result = run_index("sync", "--db", "db", "--default-lang", "fr-CA", tree)
    assert result.returncode == EXIT_OK, result.stderr
    return tmp_path / "db", tree


@pytest.fixture
def old_index(synced, run_index, stored_articles, tmp_path):
    """(db, tree, articles, sync state, version): `synced`, then marked as an older version."""
    db, tree = synced
    version = current_version(run_index, tmp_path)
    articles, state = stored_articles(db), sync_state(db)
    assert len(articles) > len(UNLABELLED) and len(state) == 2, state  # one entry per file
    set_metadata(db, VERSION_KEY, older_version(version))
    return db, tree, articles, state, version


def search(server, **params):
    target = f"http://{server.host}:{server.port}/v1/search?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(target, timeout=10) as response:
        assert response.status == 200
        return json.load(response)


def upgrade_advice(db):
    return f"run `dateline-index reindex --db {db}` to upgrade it"


# --------------------------------------------------------------------------- the older index


def test_add_and_sync_refuse_an_older_index_and_say_how_to_upgrade(old_index, run_index,
                                                                   shipped_sample,
                                                                   stored_articles):
    db, tree, articles, _, version = old_index
    for command in (["add", "--db", "db", shipped_sample], ["sync", "--db", "db", tree]):
        result = run_index(*command)
        assert result.returncode == EXIT_FATAL, result.stderr
        assert (f"dateline-index: index at db has schema version {older_version(version)}, "
                f"older than the version {version} this dateline-index writes: "
                f"{upgrade_advice('db')}") in result.stderr
    assert get_metadata(db, VERSION_KEY) == older_version(version)
    assert stored_articles(db) == articles


def test_stories_of_an_older_index_name_reindex_instead_of_counting_none(old_index, run_index):
    db, _, articles, _, version = old_index
    result = run_index("stories", "--db", "db")
    assert result.returncode == EXIT_FATAL
    assert (f"index at db has schema version {older_version(version)}, from before stories: "
            f"{upgrade_advice('db')}") in result.stderr
    assert result.stdout == ""
    assert run_index("reindex", "--db", "db").returncode == EXIT_OK
    upgraded = run_index("stories", "--db", "db", "--json")
    assert upgraded.returncode == EXIT_OK, upgraded.stderr
    assert json.loads(upgraded.stdout)["articles"] == len(articles)


def test_server_refuses_an_older_index_and_says_how_to_upgrade(old_index, server_binary):
    db, _, _, _, version = old_index
    completed = subprocess.run([str(server_binary), "--db", str(db), "--listen", "127.0.0.1:0"],
                               stdin=subprocess.DEVNULL, capture_output=True, text=True,
                               timeout=30)
    assert completed.returncode != 0
    assert f"schema version {older_version(version)}" in completed.stderr
    assert upgrade_advice(db) in completed.stderr


# --------------------------------------------------------------------------- reindex


def test_reindex_upgrades_and_keeps_articles_sync_state_and_default_language(
        old_index, run_index, stored_articles, server_binary):
    db, tree, articles, state, version = old_index
    result = run_index("reindex", "--db", "db")
    assert result.returncode == EXIT_OK, result.stderr
    summary = SUMMARY.search(result.stderr)
    assert summary, result.stderr
    assert int(summary["articles"]) == len(articles)
    assert (summary["before"], summary["after"]) == (older_version(version), version)
    assert summary["lang"] == "fr"

    assert get_metadata(db, VERSION_KEY) == version
    assert get_metadata(db, DEFAULT_LANGUAGE_KEY) == "fr"
    assert stored_articles(db) == articles
    assert sync_state(db) == state
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith("db")) == ["db"]
    # The sync state works as before: the same tree is found unchanged.
    again = run_index("sync", "--db", "db", tree)
    assert again.returncode == EXIT_OK, again.stderr
    assert "nothing to do" in again.stderr

    server = ServerProcess(server_binary, ["--db", db, "--listen", "127.0.0.1:0"])
    try:
        found = search(server, q="ferry", facets="lang")
        assert 0 < found["total"] <= 100  # every hit fits on the page read below
        langs = {facet["value"]: facet["count"] for facet in found["facets"]["lang"]}
        hit_ids = {hit["id"] for hit in search(server, q="ferry", per_page=100)["hits"]}
        expected = {}
        for article_id in hit_ids:
            lang = articles[article_id]["lang"].split("-")[0].lower()
            expected[lang] = expected.get(lang, 0) + 1
        assert langs == expected
        assert search(server, lang="de")["total"] == sum(
            1 for a in articles.values() if a["lang"].split("-")[0].lower() == "de")
    finally:
        server.kill()


def test_reindex_of_a_current_index_rebuilds_it_while_a_server_serves_it(
        synced, run_index, stored_articles, server_binary):
    db, _ = synced
    articles = stored_articles(db)
    server = ServerProcess(server_binary, ["--db", db, "--listen", "127.0.0.1:0"])
    try:
        before = search(server, q="ferry")
        result = run_index("reindex", "--db", "db", "--default-lang", "de")
        assert result.returncode == EXIT_OK, result.stderr
        summary = SUMMARY.search(result.stderr)
        assert summary and summary["before"] == summary["after"], result.stderr
        assert summary["lang"] == "de"
        after = search(server, q="ferry")
        assert after["total"] == before["total"] > 0
        assert [h["id"] for h in after["hits"]] == [h["id"] for h in before["hits"]]
    finally:
        server.kill()
    assert get_metadata(db, DEFAULT_LANGUAGE_KEY) == "de"
    assert stored_articles(db) == articles  # languages already settled stay as they were


def test_reindex_refuses_an_index_another_writer_holds(synced, run_index, spawn_index):
    writer = spawn_index("add", "--db", "db", "-")  # holds the lock while it waits for stdin
    try:
        for _ in range(100):  # until the writer has the lock
            probe = run_index("delete", "--db", "db", "no-such-id")
            if "locked by another writer" in probe.stderr:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the writer never took the lock")
        result = run_index("reindex", "--db", "db")
        assert result.returncode == EXIT_FATAL
        assert "index at db is locked by another writer" in result.stderr
    finally:
        writer.stdin.close()
        writer.wait(timeout=60)


def test_interrupted_reindex_leaves_the_index_as_it_was(run_index, spawn_index, reuters,
                                                        stored_articles, tmp_path):
    assert run_index("add", "--db", "db", reuters, timeout=600).returncode == EXIT_OK
    version = get_metadata(tmp_path / "db", VERSION_KEY)
    set_metadata(tmp_path / "db", VERSION_KEY, older_version(version))
    before = stored_articles(tmp_path / "db")
    process = spawn_index("reindex", "--db", "db", "--threads", "1")
    # Interrupt once the rebuild is under way (its staging copy exists), long before it ends.
    for _ in range(200):
        if any(p.name.startswith("db.reindexing-") for p in tmp_path.iterdir()):
            break
        time.sleep(0.05)
    else:
        pytest.fail("reindex never started writing its staging copy")
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGINT, stderr
    assert "interrupted: the index was left as it was" in stderr.decode()
    assert get_metadata(tmp_path / "db", VERSION_KEY) == older_version(version)
    assert stored_articles(tmp_path / "db") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("db")) == ["db"]


def test_reindex_needs_an_index(run_index):
    result = run_index("reindex", "--db", "missing")
    assert result.returncode == EXIT_FATAL
    assert "dateline-index: no index at missing" in result.stderr


# --------------------------------------------------------------------------- word positions

# "harbour strike" as a phrase in one article; both words, far apart, in the other.
PHRASE_ARTICLES = [
    {"id": "together", "title": "Dock news", "body": "The harbour strike closed the docks.",
     "date": "2024-05-01", "source": "Positions Wire"},
    {"id": "apart", "title": "Port report", "body": "The harbour was calm. Elsewhere a strike "
     "by drivers went on for a week.", "date": "2024-05-02", "source": "Positions Wire"},
]


def phrase_hits(server):
    found = search(server, q='"harbour strike"', source="Positions Wire")["hits"]
    return sorted(h["id"] for h in found)


def test_an_index_without_positions_is_smaller_and_reads_phrases_as_words(
        run_index, shipped_sample, server_binary, tmp_path):
    lines = tmp_path / "phrases.jsonl"
    lines.write_text("".join(json.dumps(a) + "\n" for a in PHRASE_ARTICLES), encoding="utf-8")
    sizes = {}
    for name, flags in (("with", []), ("without", ["--no-positions"])):
        result = run_index("add", "--db", name, *flags, shipped_sample, lines)
        assert result.returncode == EXIT_OK, result.stderr
        sizes[name] = sum(f.stat().st_size for f in (tmp_path / name).rglob("*") if f.is_file())
    assert get_metadata(tmp_path / "without", "dateline.positions") == "off"
    assert get_metadata(tmp_path / "with", "dateline.positions") == "on"
    assert sizes["without"] < 0.85 * sizes["with"], sizes

    for name, expected in (("with", ["together"]), ("without", ["apart", "together"])):
        server = ServerProcess(server_binary, ["--db", tmp_path / name, "--listen", "127.0.0.1:0"])
        try:
            assert phrase_hits(server) == expected, name
            assert search(server, q="harbour")["total"] >= 2
        finally:
            server.kill()


def test_the_positions_setting_stays_with_the_index_until_a_reindex_changes_it(
        run_index, server_binary, tmp_path):
    lines = tmp_path / "phrases.jsonl"
    lines.write_text("".join(json.dumps(a) + "\n" for a in PHRASE_ARTICLES), encoding="utf-8")
    assert run_index("add", "--db", "db", "--no-positions", lines).returncode == EXIT_OK
    # Later additions follow the index; asking for the other setting names the way to get it.
    assert run_index("add", "--db", "db", lines).returncode == EXIT_OK
    assert get_metadata(tmp_path / "db", "dateline.positions") == "off"
    refused = run_index("add", "--db", "db", "--no-positions", lines)
    assert refused.returncode == EXIT_OK  # the same setting: fine
    with_positions = run_index("add", "--db", "with", lines)
    assert with_positions.returncode == EXIT_OK
    mismatch = run_index("add", "--db", "with", "--no-positions", lines)
    assert mismatch.returncode == EXIT_FATAL
    assert "reindex --db with --positions off" in mismatch.stderr

    result = run_index("reindex", "--db", "db", "--positions", "on")
    assert result.returncode == EXIT_OK, result.stderr
    assert SUMMARY.search(result.stderr)["positions"] == "on"
    assert get_metadata(tmp_path / "db", "dateline.positions") == "on"
    server = ServerProcess(server_binary, ["--db", tmp_path / "db", "--listen", "127.0.0.1:0"])
    try:
        assert phrase_hits(server) == ["together"]
    finally:
        server.kill()
    bad = run_index("reindex", "--db", "db", "--positions", "maybe")
    assert bad.returncode == 2
