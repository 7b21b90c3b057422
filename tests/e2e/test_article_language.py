"""End-to-end tests of how `dateline-index add` and `sync` settle an article's language: the one it
gives, else the one detected in its text, else the index's default language — chosen with
--default-lang (its primary subtag), kept in the index for later runs and for the server.

The language ends up in the stored article (read with xapian-delve), the lang filter and the lang
facet (asked of a real dateline-server).
"""
import json
import shutil
import subprocess
import urllib.parse
import urllib.request

from conftest import ServerProcess

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_LANGUAGE_KEY = "dateline.default_language"

GIVEN = {"id": "given-pt", "title": "Ferry strike enters third day",
         "body": "The unions rejected the latest offer.", "date": "2024-02-01",
         "source": "Language Wire", "lang": "pt-BR"}
GERMAN = {"id": "detected-de", "title": "Fährstreik geht in den dritten Tag",
          "body": "Die Gewerkschaften haben das jüngste Angebot der Hafenbehörde am "
                  "Dienstagabend abgelehnt.", "date": "2024-02-02", "source": "Language Wire"}
JAPANESE = {"id": "detected-ja", "title": "フェリーのストライキは三日目に",
            "body": "労働組合は火曜日の夜、港湾当局の最新の提案を拒否した。", "date": "2024-02-03",
            "source": "Language Wire"}
SHORT = {"id": "undetectable", "title": "Bank", "body": "", "date": "2024-02-04",
         "source": "Language Wire"}


def write_lines(path, *articles):
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def default_language(db):
    tool = shutil.which("xapian-metadata")
    assert tool, "xapian-metadata (Debian's xapian-tools, see the Makefile) is needed"
    return subprocess.run([tool, "get", str(db), DEFAULT_LANGUAGE_KEY], capture_output=True,
                          text=True, check=True).stdout.rstrip("\n")


def search(server, params):
    target = (f"http://{server.host}:{server.port}/v1/search?" +
              urllib.parse.urlencode(params, doseq=True))
    with urllib.request.urlopen(target, timeout=10) as response:
        return json.load(response)


def test_given_detected_or_default_language_is_stored_filtered_and_counted(
        run_index, stored_articles, server_binary, tmp_path):
    lines = write_lines(tmp_path / "a.jsonl", GIVEN, GERMAN, JAPANESE, SHORT)
    result = run_index("add", "--db", "db", "--default-lang", "FR-ca", lines)
    assert result.returncode == EXIT_OK, result.stderr
    langs = {i: a.get("lang") for i, a in stored_articles(tmp_path / "db").items()}
    assert langs == {"given-pt": "pt-BR", "detected-de": "de", "detected-ja": "ja",
                     "undetectable": "fr"}
    assert default_language(tmp_path / "db") == "fr"

    server = ServerProcess(server_binary, ["--db", tmp_path / "db", "--listen", "127.0.0.1:0"])
    try:
        facets = search(server, {"facets": "lang"})["facets"]["lang"]
        assert sorted((f["value"], f["count"]) for f in facets) == [
            ("de", 1), ("fr", 1), ("ja", 1), ("pt", 1)]
        assert [h["id"] for h in search(server, {"lang": "de"})["hits"]] == ["detected-de"]
    finally:
        server.kill()


def test_the_default_language_is_kept_for_later_runs(run_index, stored_articles, tmp_path):
    assert run_index("add", "--db", "db", "--default-lang", "es",
                     write_lines(tmp_path / "a.jsonl", GERMAN)).returncode == EXIT_OK
    later = dict(SHORT, id="later-short")
    assert run_index("add", "--db", "db", write_lines(tmp_path / "b.jsonl", later)).returncode == 0
    assert stored_articles(tmp_path / "db")["later-short"]["lang"] == "es"
    assert default_language(tmp_path / "db") == "es"


def test_a_new_index_without_default_lang_says_english(run_index, stored_articles, tmp_path):
    assert run_index("add", "--db", "db",
                     write_lines(tmp_path / "a.jsonl", SHORT)).returncode == EXIT_OK
    assert stored_articles(tmp_path / "db")["undetectable"]["lang"] == "en"
    assert default_language(tmp_path / "db") == "en"


def test_sync_with_nothing_to_do_still_records_a_new_default_language(run_index, tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    write_lines(tree / "a.jsonl", GERMAN)
    assert run_index("sync", "--db", "db", tree).returncode == EXIT_OK
    assert default_language(tmp_path / "db") == "en"
    result = run_index("sync", "--db", "db", "--default-lang", "nl", tree)
    assert result.returncode == EXIT_OK, result.stderr
    assert "nothing to do" in result.stderr
    assert default_language(tmp_path / "db") == "nl"


def test_default_lang_must_be_a_language_tag(run_index, tmp_path):
    lines = write_lines(tmp_path / "a.jsonl", GERMAN)
    for command in ("add", "sync"):
        result = run_index(command, "--db", "db", "--default-lang", "english", lines)
        assert result.returncode == EXIT_USAGE, result.stderr
        assert (f"dateline-index {command}: --default-lang: expected a language tag such as "
                f'en, de or pt-BR, got "english"') in result.stderr
    assert not (tmp_path / "db").exists()
