"""End-to-end tests of dateline-server, the read-only HTTP search service: the real binary on a
free loopback port over a real index, checked the way an API client sees it.

One module-scoped index holds ../shared/corpus/sample-200.jsonl (when the shared corpus is
present; the Reuters-based tests are skipped otherwise) plus the inline articles below, which
are designed for what the corpus cannot show: hostile markup, French and Japanese text, dates on
both sides of a day boundary, an embargoed (future) piece, ids that need URL-encoding. One server
serves it for the whole module. Tests of options (overload, timeouts, connection limit, CORS
origins, configuration) and of shutdown start their own servers; the overload and shutdown
tests use a separate index of synthetic articles, big enough that a search takes milliseconds.

Behaviour is checked against issue 3 (the spec), docs/api.md, server/ (the code) and
schemas/search_response.schema.json / error.schema.json. Every response any test receives is
recorded; every error body is validated against error.schema.json as it arrives, every
/v1/search body against search_response.schema.json, and the last test asserts that no response
in the whole run was a 5xx other than 503.
"""
import html
import http.client
import io
import json
import os
import random
import re
import select
import socket
import subprocess
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, urlencode

import jsonschema
import pytest

from conftest import ServerProcess

ROOT = Path(os.environ.get("DATELINE_ROOT") or Path(__file__).resolve().parents[2]).resolve()
SCHEMAS = ROOT / "schemas"
SEARCH_SCHEMA = json.loads((SCHEMAS / "search_response.schema.json").read_text(encoding="utf-8"))
ERROR_SCHEMA = json.loads((SCHEMAS / "error.schema.json").read_text(encoding="utf-8"))
SEARCH_VALIDATOR = jsonschema.Draft202012Validator(SEARCH_SCHEMA)
ERROR_VALIDATOR = jsonschema.Draft202012Validator(ERROR_SCHEMA)
# {"hits": [hit, ...]}: /v1/articles/{id}/related, "shaped like search hits".
HITS_VALIDATOR = jsonschema.Draft202012Validator({
    "type": "object",
    "required": ["hits"],
    "additionalProperties": False,
    "properties": {"hits": {"type": "array", "items": {"$ref": "#/$defs/hit"}}},
    "$defs": SEARCH_SCHEMA["$defs"],
})

ELLIPSIS = "\u2026"
MARK = re.compile(r"</?mark>")
ENTITY = re.compile(r"&(amp|lt|gt|quot|#39);")

# Every (server, method, target, status) any test saw, and every server started; see
# test_zz_no_5xx_other_than_503.
RESPONSES = []
SERVERS = []
RESPONSES_LOCK = threading.Lock()


# --------------------------------------------------------------------------- inline articles


def _long_body():
    words = [f"filler{i}" for i in range(400)]
    words[200] = "narwhal"
    words[203] = "narwhals"
    return " ".join(words) + "."


LONG_ID = "long-" + "x" * 251  # 256 characters, the contract's maximum

# Every inline article carries the tag "fixture" except the case-variant one, so a filter-only
# query (tag=fixture) selects exactly this list and its facets can be computed here.
INLINE = [
    {"id": "xss-1",
     # Entities, so the indexer's HTML-to-text step yields the literal text <script>...
     "title": "&lt;script&gt;alert(1)&lt;/script&gt; zebrafish alert",
     "body": "&lt;script&gt;alert(1)&lt;/script&gt; The zebrafish &amp; the &quot;quoted&quot; "
             "friend&#39;s tale &lt;img src=x onerror=alert(2)&gt;.",
     "date": "2021-05-05T10:00:00Z", "source": "Evil Wire", "tags": ["fixture", "security"]},
    {"id": "fr-1", "title": "Les grèves paralysent Paris",
     "body": "Les grévistes ont bloqué les trains. La grève continue à Paris.",
     "date": "2021-06-01T08:00:00Z", "source": "Le Monde", "tags": ["fixture", "travail"],
     "author": "Marie Curie", "lang": "fr"},
    {"id": "ja-1", "title": "東京の天気", "body": "東京は今日晴れです。明日は雨が降るでしょう。",
     "date": "2021-06-02T08:00:00Z", "source": "Asahi Shimbun", "tags": ["fixture", "japan"],
     "author": "Tanaka Hanako", "lang": "ja"},
    {"id": "edge-before", "title": "Calendar edge before midnight",
     "body": "A platypus calendar boundary story, one second before the day.",
     "date": "2022-03-09T23:59:59Z", "source": "Calendar Desk", "tags": ["fixture"]},
    {"id": "edge-start", "title": "Calendar edge at midnight",
     "body": "A platypus calendar boundary story, at the first second of the day.",
     "date": "2022-03-10T00:00:00Z", "source": "Calendar Desk", "tags": ["fixture"]},
    {"id": "late-1", "title": "Late night quokka bulletin",
     "body": "A quokka was seen late at night near the harbour.",
     "date": "2022-03-10T23:30:00Z", "source": "Night Desk", "tags": ["fixture", "animals"],
     "author": "Jane Doe"},
    {"id": "edge-after", "title": "Calendar edge after midnight",
     "body": "A platypus calendar boundary story, the next day.",
     "date": "2022-03-11T00:00:00Z", "source": "Calendar Desk", "tags": ["fixture"]},
    {"id": "future-1", "title": "Embargoed quokka forecast",
     "body": "The quokka forecast for the next century.",
     "date": "2099-01-01T00:00:00Z", "source": "Night Desk", "tags": ["fixture", "animals"],
     "author": "John Roe"},
    {"id": "id with/slash?&#%", "title": "Special id wombat",
     "body": "A wombat with an awkward identifier.",
     "date": "2020-01-01T00:00:00Z", "source": "Test Wire", "tags": ["fixture"]},
    {"id": "café-Ω+1", "title": "Unicode id wombat", "body": "Another wombat, non-ASCII id.",
     "date": "2020-01-02T00:00:00Z", "source": "Test Wire", "tags": ["fixture"]},
    {"id": "long-1", "title": "Long narwhal feature", "body": _long_body(),
     "date": "2020-06-01T00:00:00Z", "source": "Test Wire", "tags": ["fixture", "longread"]},
    {"id": "ferry-1", "title": "Ferry strike ends",
     "body": "The ferry crews ended their strikes on Monday after striking a pay deal.",
     "date": "2020-07-01T00:00:00Z", "source": "Harbour Gazette", "tags": ["fixture"]},
    {"id": "brief-1", "title": "Capybara brief", "body": "",
     "summary": "Lede about a capybara crossing the road.",
     "date": "2020-02-02T00:00:00Z", "source": "Test Wire", "tags": ["fixture"]},
    {"id": "headline-1", "title": "Headline only tapir news", "body": "",
     "date": "2020-02-03T00:00:00Z", "source": "Test Wire", "tags": ["fixture"]},
    {"id": "moon-1", "title": "Eagle has landed", "body": "The lunar module landed.",
     "date": "1969-07-20T20:17:40Z", "source": "Space Desk", "tags": ["fixture"]},
    {"id": LONG_ID, "title": "Long id ocelot", "body": "An ocelot with a 256-character id.",
     "date": "2020-03-03T00:00:00Z", "source": "Test Wire", "tags": ["fixture"]},
    # The same tag as late-1/future-1 in another case: filters ignore case (docs/api.md).
    {"id": "wallaby-1", "title": "Wallaby sighting", "body": "A wallaby hopped past.",
     "date": "2022-05-05T00:00:00Z", "source": "Night Desk", "tags": ["Animals"]},
]
INLINE_BY_ID = {a["id"]: a for a in INLINE}
FIXTURE = [a for a in INLINE if "fixture" in a["tags"]]

# A slow-ish search: 16 wildcards expanded over the index, 100 hits with long snippets, facets.
HEAVY_QUERY = urlencode({
    "q": " ".join(f"{c}*" for c in "abcdefghijklmnop"),
    "per_page": 100, "snippet_words": 100, "facets": "source,tag,date:day"})


# --------------------------------------------------------------------------- HTTP helpers


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # http.client.HTTPMessage: case-insensitive get()
        self.body = body

    def header(self, name):
        return self.headers.get(name)

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return f"<Reply {self.status} {self.body[:300]!r}>"


def record_and_check(label, method, target, reply):
    """Records the status and validates the body against its schema as it arrives."""
    with RESPONSES_LOCK:
        RESPONSES.append((label, method, target, reply.status))
    if reply.status >= 400 and method != "HEAD":
        assert reply.header("Content-Type") == "application/json; charset=utf-8", reply
        errors = [e.message for e in ERROR_VALIDATOR.iter_errors(reply.json())]
        assert errors == [], f"{method} {target}: error body breaks error.schema.json: {errors}"
        assert reply.header("Cache-Control") == "no-store", reply
    if (reply.status == 200 and method == "GET" and target.split("?")[0] == "/v1/search"):
        errors = [e.message for e in SEARCH_VALIDATOR.iter_errors(reply.json())]
        assert errors == [], f"GET {target}: breaks search_response.schema.json: {errors}"
    return reply


def read_reply(response):
    body = response.read()
    return Reply(response.status, response.msg, body)


class Server(ServerProcess):
    """A dateline-server process on 127.0.0.1 with an ephemeral port; stderr is collected."""

    def __init__(self, binary, db, extra_args=(), label="server", env=None):
        SERVERS.append(self)
        arguments = ["--db", db, "--listen", "127.0.0.1:0"] if db is not None else []
        super().__init__(binary, [*arguments, *extra_args], label=label, env=env)

    def connection(self, timeout=10):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, target, method="GET", headers=None, body=None, timeout=10):
        conn = self.connection(timeout)
        try:
            conn.request(method, target, body=body, headers=headers or {})
            reply = read_reply(conn.getresponse())
        finally:
            conn.close()
        return record_and_check(self.label, method, target, reply)

    def get(self, target, **kwargs):
        return self.request(target, **kwargs)

    def get_json(self, target, expect=200, **kwargs):
        reply = self.request(target, **kwargs)
        assert reply.status == expect, f"GET {target}: {reply}"
        return reply.json()

    def search(self, params=None, expect=200, **kwargs):
        target = "/v1/search" + ("?" + urlencode(params, doseq=True) if params else "")
        return self.get_json(target, expect=expect, **kwargs)

    def raw(self, data, timeout=10):
        """Sends bytes as they are and reads one response (for requests http.client won't
        send: oversized headers, bodies on GET)."""
        with socket.create_connection((self.host, self.port), timeout=timeout) as sock:
            sock.sendall(data)
            response = http.client.HTTPResponse(sock)
            response.begin()
            reply = read_reply(response)
        first_line = data.split(b"\r\n", 1)[0].decode("latin-1")
        method, target = first_line.split(" ")[:2]
        return record_and_check(self.label, method, target[:200], reply)



def ids(hits):
    return [hit["id"] for hit in hits]


def words_of(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def has_phrase(text, phrase):
    want = words_of(phrase)
    got = words_of(text)
    return any(got[i:i + len(want)] == want for i in range(len(got) - len(want) + 1))


def unmarked(fragment):
    return MARK.sub("", fragment)


def assert_inert_html(fragment, where):
    """Escaped text plus <mark>…</mark>: no other tag, no unescaped & < > " '."""
    text = unmarked(fragment)
    assert "<" not in text and ">" not in text, f"{where}: raw markup in {fragment!r}"
    assert '"' not in text and "'" not in text, f"{where}: unescaped quote in {fragment!r}"
    assert "&" not in ENTITY.sub("", text), f"{where}: bare & in {fragment!r}"
    assert fragment.count("<mark>") == fragment.count("</mark>"), fragment


def collapse(text):
    return " ".join(text.split())


def utc(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


# --------------------------------------------------------------------------- fixtures


class Live:
    """The module's index and server."""

    def __init__(self, server, db, workdir, index_binary, reuters):
        self.server = server
        self.db = db
        self.workdir = workdir
        self.index_binary = index_binary
        self.reuters = reuters  # list of sample-200 records, or None when the corpus is absent
        self._added = 0

    def add_articles(self, records):
        """`dateline-index add` into the served index (a new commit while the server runs)."""
        self._added += 1
        self.index("add", write_jsonl(self.workdir / f"added-{self._added}.jsonl", records))

    def index(self, *args, db=None):
        """dateline-index COMMAND --db DB ARGS..., which must succeed."""
        result = subprocess.run(
            [str(self.index_binary), args[0], "--db", str(db or self.db), *map(str, args[1:])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        return result

    def stats(self):
        result = subprocess.run(
            [str(self.index_binary), "stats", "--db", str(self.db), "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        return json.loads(result.stdout)


@pytest.fixture(scope="module")
def live(tmp_path_factory, index_binary, server_binary, shared_dir):
    workdir = tmp_path_factory.mktemp("server")
    db = workdir / "db"
    inputs = [write_jsonl(workdir / "inline.jsonl", INLINE)]
    sample = shared_dir / "corpus" / "sample-200.jsonl"
    reuters = None
    if sample.is_file():
        inputs.insert(0, sample)
        reuters = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()]
    # Bodies as given: these tests read articles back ("Reuter" sign-offs would be learnt chrome).
    result = subprocess.run([str(index_binary), "add", "--db", str(db), "--keep-boilerplate",
                             *map(str, inputs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")

    server = Server(server_binary, db, label="main")
    yield Live(server, db, workdir, index_binary, reuters)
    status = server.terminate()
    assert status == 0, f"main server exited {status} on SIGTERM; stderr:\n{server.stderr()}"
    assert "dateline-server: stopped" in server.lines, server.stderr()


def synthetic_articles(count=600, words=250, seed=3):
    """Deterministic filler articles: enough text that HEAVY_QUERY takes milliseconds."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(rng.randint(4, 9)))
                  for _ in range(3000)]
    return [{"id": f"bulk-{i}", "title": " ".join(rng.choices(vocabulary, k=6)),
             "body": " ".join(rng.choices(vocabulary, k=words)),
             "date": f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}T12:00:00Z",
             "source": f"Bulk Wire {i % 7}", "tags": [f"bulk{i % 13}", f"bulk{i % 5}"]}
            for i in range(count)]


@pytest.fixture(scope="module")
def heavy_db(live):
    """A separate index of synthetic articles for the overload and shutdown tests."""
    db = live.workdir / "heavy-db"
    live.index("add", write_jsonl(live.workdir / "bulk.jsonl", synthetic_articles()), db=db)
    return db


@pytest.fixture
def srv(live):
    return live.server


@pytest.fixture
def reuters(live):
    if live.reuters is None:
        pytest.skip("shared corpus sample-200.jsonl is missing (set DATELINE_SHARED)")
    return {record["id"]: record for record in live.reuters}


@pytest.fixture
def spawn_server(live, server_binary):
    """spawn_server(*args, label=..., db=the module's index, env=None) -> Server; killed at
    teardown (by its own PID) if a test left it running. db=None passes no --db/--listen."""
    started = []

    def spawn(*args, label="extra", db=live.db, env=None):
        server = Server(server_binary, db, args, label=label, env=env)
        started.append(server)
        return server

    yield spawn
    for server in started:
        server.kill()


# --------------------------------------------------------------------------- 1: schemas


SEARCH_SPREAD = [
    {"q": "quokka"},
    {"q": "cocoa"},
    {"q": "\"money supply\""},
    {"q": "wheat -corn"},
    {"q": "cocoa OR coffee"},
    {"q": "title:dividend", "per_page": 3, "page": 2},
    {"q": "divid*", "sort": "newest"},
    {"q": "cocoa opec"},  # relaxed
    {"q": "cocao"},  # suggestion, no hits
    {"q": "東京"},
    {"q": "grève", "lang": "fr"},
    {"q": "zebrafish"},
    {"tag": "fixture", "facets": "source,tag,date:year"},
    {"source": ["Night Desk", "Le Monde"], "facets": "date:month", "sort": "oldest"},
    {"from": "2022-03-10", "to": "2022-03-10", "facets": "date:day"},
    {"from": "now-7d"},
    {"q": "quokka", "recency": "30d"},
    {"q": "narwhal", "snippet_words": 5},
    {"per_page": 100},
    {"q": "AND"},  # a stray operator is read as a word
    {"q": "\""},  # punctuation only: listed by date
    {"q": "zzzqqq nothing matches here at all"},
    {"q": "quokka", "page": 50},  # past the last page
    {"q": "fer", "partial": "true"},  # an unfinished word: ferry
    {"q": "\"ferry crews\" str", "partial": "1", "tag": "fixture"},
    {"q": "source:\"night", "partial": "true"},  # an unclosed field value
    {"q": "cocoa", "partial": "false"},
]


@pytest.mark.parametrize("params", SEARCH_SPREAD, ids=lambda p: urlencode(p, doseq=True)[:50])
def test_search_responses_validate_against_the_schema(srv, params):
    reply = srv.get("/v1/search?" + urlencode(params, doseq=True))
    assert reply.status == 200, reply
    assert reply.header("Content-Type") == "application/json; charset=utf-8"
    body = reply.json()
    jsonschema.validate(body, SEARCH_SCHEMA)  # also done on receipt; explicit here
    assert body["query"] == params.get("q", "")
    assert body["page"] == int(params.get("page", 1))
    assert body["per_page"] == int(params.get("per_page", 10))
    assert len(body["hits"]) <= body["per_page"]
    assert body["total_relation"] == "eq"  # far below 10,000 matches
    requested = {item.split(":")[0] for item in params.get("facets", "").split(",") if item}
    assert set(body["facets"]) == requested


ERROR_CASES = [
    # (target, status, code, parameter or None)
    ("/v1/search?qq=1", 400, "unknown_parameter", "qq"),
    ("/v1/search?q=cocoa&Sort=newest", 400, "unknown_parameter", "Sort"),
    ("/v1/search?from=yesterday", 400, "invalid_parameter", "from"),
    ("/v1/search?to=2022-13-01", 400, "invalid_parameter", "to"),
    ("/v1/search?from=2022-03-11&to=2022-03-10", 400, "invalid_parameter", "from"),
    ("/v1/search?per_page=101", 400, "invalid_parameter", "per_page"),
    ("/v1/search?per_page=0", 400, "invalid_parameter", "per_page"),
    ("/v1/search?page=0", 400, "invalid_parameter", "page"),
    ("/v1/search?page=-1", 400, "invalid_parameter", "page"),
    ("/v1/search?page=101&per_page=100", 400, "invalid_parameter", "page"),
    ("/v1/search?sort=random", 400, "invalid_parameter", "sort"),
    ("/v1/search?recency=forever", 400, "invalid_parameter", "recency"),
    ("/v1/search?facets=colour", 400, "invalid_parameter", "facets"),
    ("/v1/search?facets=date:year,date:day", 400, "invalid_parameter", "facets"),
    ("/v1/search?snippet_words=4", 400, "invalid_parameter", "snippet_words"),
    ("/v1/search?lang=%3Cb%3E", 400, "invalid_parameter", "lang"),
    ("/v1/search?q=fer&partial=maybe", 400, "invalid_parameter", "partial"),
    ("/v1/search?q=fer&partial=true&partial=false", 400, "invalid_parameter", "partial"),
    ("/v1/search?q=a&q=b", 400, "invalid_parameter", "q"),
    ("/v1/search?q=" + "a" * 4097, 400, "query_too_long", "q"),
    ("/v1/search?q=" + "%C3%A9" * 500 + "a" * 3097, 400, "query_too_long", "q"),  # 4,097 bytes
    ("/v1/search?q=%zz", 400, "invalid_parameter", "q"),
    ("/v1/search?q=cocoa%", 400, "invalid_parameter", "q"),
    ("/v1/search?q=%FF", 400, "invalid_parameter", "q"),  # not UTF-8
    ("/v1/search?q=a%00b", 400, "invalid_parameter", "q"),
    ("/v1/search?%zz=1", 400, "invalid_parameter", None),
    # One Korean word of 45 syllables: all words required, 44 syllable pairs, over 32 terms.
    ("/v1/search?q=" + quote("가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호"),
     400, "invalid_parameter", "q"),
    ("/v1/suggest?q=coc&limit=5", 400, "unknown_parameter", "limit"),
    ("/v1/suggest?q=" + "a" * 4097, 400, "query_too_long", "q"),
    ("/v1/suggest?q=%zz", 400, "invalid_parameter", "q"),
    ("/v1/articles/reuters-1?fields=title", 400, "unknown_parameter", "fields"),
    ("/v1/articles/%zz", 400, "invalid_parameter", "id"),
    ("/v1/articles/no-such-article", 404, "not_found", None),
    ("/v1/articles/no-such-article/related", 404, "not_found", None),
    ("/v1/nothing", 404, "not_found", None),
    ("/v1/search/", 404, "not_found", None),
    ("/v2/search?q=cocoa", 404, "not_found", None),
    ("/index.html", 404, "not_found", None),  # "/" is the search box demo (test_web_pages.py)
]


@pytest.mark.parametrize("target,status,code,parameter", ERROR_CASES,
                         ids=[c[0][:60] for c in ERROR_CASES])
def test_errors_have_the_documented_status_code_and_parameter(srv, target, status, code,
                                                              parameter):
    reply = srv.get(target)
    assert reply.status == status, reply
    body = reply.json()
    jsonschema.validate(body, ERROR_SCHEMA)
    assert body["error"]["code"] == code, body
    if parameter is None:
        assert "parameter" not in body["error"], body
    else:
        assert body["error"]["parameter"] == parameter, body
    assert reply.header("ETag") is None  # errors are not validators of anything


def test_query_limits_are_inclusive(srv):
    assert srv.search({"q": "quokka " * 585 + " "})["total"] == 2  # 4,096 bytes
    assert srv.search({"q": "é" * 1000 + "q" * 2090 + " quokka"}, expect=400)["error"]["code"] \
        == "query_too_long"  # 4,097 bytes in 3,097 characters: bytes count
    assert srv.get_json("/v1/suggest?" + urlencode({"q": "q" * 4096}))["suggestions"] == []
    assert srv.search({"q": " ".join(f"w{i}" for i in range(32))})["total"] == 0  # 32 terms


# --------------------------------------------------------------------------- 2: known queries


def test_cocoa_finds_bahia_cocoa_review_first(srv, reuters):
    body = srv.search({"q": "cocoa"})
    assert body["hits"], body
    assert body["hits"][0]["id"] == "reuters-1"
    assert body["hits"][0]["title"] == "BAHIA COCOA REVIEW"
    assert body["hits"][0]["url"] == reuters["reuters-1"]["url"]
    assert body["relaxed"] is False and body["suggestion"] is None


@pytest.mark.parametrize("q,expected", [
    ("coffee", {"reuters-42", "reuters-75"}),
    ("sugar", {"reuters-46", "reuters-105"}),
    ("opec", {"reuters-144"}),
    ("crude", {"reuters-127", "reuters-189", "reuters-191", "reuters-194"}),
])
def test_known_single_word_queries_find_exactly_the_articles_that_use_the_word(
        srv, reuters, q, expected):
    body = srv.search({"q": q, "source": "Reuters", "per_page": 100})
    assert set(ids(body["hits"])) == expected
    assert body["total"] == len(expected)
    for hit in body["hits"]:
        assert "<mark>" in hit["snippet"] + hit["title_highlighted"], hit


def test_opec_ranks_the_opec_article_first(srv, reuters):
    assert ids(srv.search({"q": "opec prices"})["hits"])[0] == "reuters-144"


def test_phrase_query_returns_only_documents_containing_the_phrase(srv, reuters):
    body = srv.search({"q": '"money supply"', "per_page": 100})
    expected = {i for i, r in reuters.items()
                if has_phrase(r["title"], "money supply") or has_phrase(r["body"], "money supply")}
    assert set(ids(body["hits"])) == expected
    # The words apart are far more common than the phrase.
    loose = srv.search({"q": "money supply", "per_page": 100})
    assert loose["total"] > body["total"] > 0


def test_excluded_word_removes_its_articles(srv, reuters):
    wheat = set(ids(srv.search({"q": "wheat", "per_page": 100})["hits"]))
    body = srv.search({"q": "wheat -corn", "per_page": 100})
    got = set(ids(body["hits"]))
    with_corn = {i for i in wheat if "corn" in words_of(reuters[i]["title"] + " " +
                                                        reuters[i]["body"])}
    assert with_corn, "the test needs wheat articles mentioning corn"
    assert got == wheat - with_corn == {"reuters-6", "reuters-19", "reuters-180"}


def test_or_returns_the_union(srv, reuters):
    body = srv.search({"q": "cocoa OR coffee", "per_page": 100})
    assert set(ids(body["hits"])) == {"reuters-1", "reuters-42", "reuters-75"}


def test_title_field_matches_only_titles(srv, reuters):
    titled = srv.search({"q": "title:dividend", "per_page": 100})
    anywhere = srv.search({"q": "dividend", "per_page": 100})
    assert titled["total"] == 8
    for hit in titled["hits"]:
        assert "dividend" in hit["title"].lower(), hit
        assert "<mark>" in hit["title_highlighted"], hit
    # reuters-113 says "dividend" in its body only.
    assert "reuters-113" in ids(anywhere["hits"])
    assert "reuters-113" not in ids(titled["hits"])
    assert set(ids(titled["hits"])) < set(ids(anywhere["hits"]))


def test_source_field_with_a_quoted_value(srv):
    body = srv.search({"q": 'quokka source:"night  DESK"'})
    assert set(ids(body["hits"])) == {"late-1", "future-1"}
    assert srv.search({"q": 'quokka -source:"Night Desk"'})["total"] == 0
    assert set(ids(srv.search({"q": "tag:ANIMALS", "per_page": 100})["hits"])) == {
        "late-1", "future-1", "wallaby-1"}


def test_source_field_and_parameter_filter_case_insensitively(srv, reuters):
    for form in ({"q": "cocoa source:reuters"}, {"q": "cocoa source:REUTERS"},
                 {"q": "cocoa", "source": "reuters"}, {"q": "cocoa", "source": "  REUTERS "}):
        assert ids(srv.search(form)["hits"]) == ["reuters-1"], form
    assert srv.search({"q": "cocoa source:\"night desk\""})["total"] == 0
    assert srv.search({"q": "cocoa", "source": "Night Desk"})["total"] == 0
    # Every article, copies included (sample-200 holds near-copies: collapse counts stories).
    everything = srv.search({"q": "source:Reuters", "per_page": 1, "collapse": "none"})
    assert everything["total"] == len(reuters)


def test_tag_field_and_parameter_filter_case_insensitively(srv, reuters):
    expected = {i for i, r in reuters.items() if "coffee" in r["tags"]}
    assert expected == {"reuters-42", "reuters-75"}
    for form in ({"q": "tag:COFFEE"}, {"q": "tag:coffee"}, {"tag": "Coffee"}):
        assert set(ids(srv.search(form)["hits"])) == expected, form


def test_prefix_wildcard_expands_to_words_with_that_prefix(srv, reuters):
    body = srv.search({"q": "divid*", "per_page": 100})
    expected = {i for i, r in reuters.items()
                if any(w.startswith("divid") for w in words_of(r["title"] + " " + r["body"]))}
    assert set(ids(body["hits"])) == expected
    assert len(expected) > 8
    marked = [h for h in body["hits"] if "<mark>" in h["snippet"] + h["title_highlighted"]]
    assert len(marked) == len(body["hits"]), "every prefix match is highlighted"


def test_partial_reads_the_last_word_as_unfinished(srv):
    """As typed on the way to "ferry strike": the last word matches as a prefix, is
    highlighted whole, and is not "corrected" while the index has words it starts."""
    typing = srv.search({"q": "ferry str", "partial": "true", "tag": "fixture"})
    assert ids(typing["hits"]) == ["ferry-1"]
    assert typing["suggestion"] is None
    assert typing["hits"][0]["title_highlighted"] == "<mark>Ferry</mark> <mark>strike</mark> ends"
    assert srv.search({"q": "str", "tag": "fixture"})["hits"] == []  # str is no word
    assert srv.search({"q": "quokkka", "partial": "true"})["suggestion"] == "quokka"


def test_pure_negative_query_does_not_return_the_excluded_articles(srv):
    """`-excluded` alone must not turn into a search *for* the excluded word (Xapian 1.4's
    QueryParser reads a query of only hate terms as those terms)."""
    body = srv.search({"q": "-quokka", "per_page": 100})
    assert "late-1" not in ids(body["hits"]) and "future-1" not in ids(body["hits"]), (
        f"q=-quokka returned the quokka articles: {ids(body['hits'])}")


def test_author_field_in_the_query(srv):
    assert ids(srv.search({"q": "quokka author:doe"})["hits"]) == ["late-1"]


def test_french_query_matches_inflected_forms_with_lang(srv):
    body = srv.search({"q": "grève", "lang": "fr"})
    assert ids(body["hits"]) == ["fr-1"]
    assert "<mark>grève</mark>" in body["hits"][0]["snippet"]
    assert "<mark>grèves</mark>" in body["hits"][0]["title_highlighted"]


def test_japanese_query_matches_by_character_ngrams(srv):
    body = srv.search({"q": "東京"})
    assert ids(body["hits"]) == ["ja-1"]
    assert "<mark>東京</mark>" in body["hits"][0]["snippet"]
    assert ids(srv.search({"q": "天気"})["hits"]) == ["ja-1"]


# --------------------------------------------------------------------------- 3: all words / relaxed


def test_short_query_requires_all_words(srv):
    body = srv.search({"q": "quokka forecast"})
    assert body["relaxed"] is False
    assert ids(body["hits"]) == ["future-1"]  # late-1 has quokka but not forecast


def test_short_query_whose_words_never_meet_falls_back_to_any_word(srv):
    body = srv.search({"q": "quokka wombat", "per_page": 100})
    assert body["relaxed"] is True
    assert set(ids(body["hits"])) == {"late-1", "future-1", "id with/slash?&#%", "café-Ω+1"}


def test_reuters_words_that_never_co_occur_are_relaxed(srv, reuters):
    apart = srv.search({"q": "cocoa opec"})
    assert apart["relaxed"] is True
    assert set(ids(apart["hits"])) == {"reuters-1", "reuters-144"}
    together = srv.search({"q": "bahia cocoa"})
    assert together["relaxed"] is False
    assert ids(together["hits"]) == ["reuters-1"]


def test_long_query_ranks_by_any_word_without_relaxing(srv):
    body = srv.search({"q": "quokka wombat narwhal zebrafish platypus", "per_page": 100})
    assert body["relaxed"] is False
    assert {"late-1", "long-1", "xss-1", "edge-start"} <= set(ids(body["hits"]))


def test_nothing_at_all_matches_is_not_relaxed_into_everything(srv):
    body = srv.search({"q": "zzqxj wqzzk"})
    assert body["total"] == 0 and body["hits"] == []


# --------------------------------------------------------------------------- 4: filters


def fixture_ids(**where):
    return {a["id"] for a in FIXTURE if all(test(a) for test in where.values())}


def test_source_values_or_within_the_field(srv):
    body = srv.search({"source": ["Le Monde", "Asahi Shimbun"]})
    assert set(ids(body["hits"])) == {"fr-1", "ja-1"}


def test_filters_and_across_fields(srv):
    both = srv.search({"source": "Night Desk", "tag": "animals", "per_page": 100})
    assert set(ids(both["hits"])) == {"late-1", "future-1", "wallaby-1"}
    assert srv.search({"source": "Le Monde", "tag": "animals"})["total"] == 0
    assert ids(srv.search({"author": "Jane Doe", "source": "Night Desk"})["hits"]) == ["late-1"]
    assert srv.search({"author": "Jane Doe", "source": "Le Monde"})["total"] == 0


def test_author_filter_is_repeatable_and_ignores_case(srv):
    assert ids(srv.search({"author": "jane  DOE"})["hits"]) == ["late-1"]
    body = srv.search({"author": ["Jane Doe", "John Roe"]})
    assert set(ids(body["hits"])) == {"late-1", "future-1"}


def test_lang_filter_is_repeatable(srv):
    assert ids(srv.search({"lang": "fr"})["hits"]) == ["fr-1"]
    assert ids(srv.search({"lang": "fr-CA"})["hits"]) == ["fr-1"]  # primary language
    assert set(ids(srv.search({"lang": ["fr", "ja"]})["hits"])) == {"fr-1", "ja-1"}
    assert ids(srv.search({"lang": "fr", "author": "Marie Curie"})["hits"]) == ["fr-1"]
    assert srv.search({"lang": "ja", "author": "Marie Curie"})["total"] == 0


def test_lang_en_includes_articles_without_a_lang_field(srv):
    """README/article schema: an absent lang means English. lang=en should find them."""
    body = srv.search({"q": "narwhal", "lang": "en"})
    assert ids(body["hits"]) == ["long-1"], (
        "long-1 has no lang field (English by the article contract) but lang=en does not "
        f"find it: {body['total']} hits")


def test_date_only_to_includes_the_whole_day(srv):
    body = srv.search({"from": "2022-03-10", "to": "2022-03-10", "per_page": 100})
    assert set(ids(body["hits"])) == {"edge-start", "late-1"}  # 00:00:00 and 23:30:00
    assert body["applied_filters"]["from"] == "2022-03-10T00:00:00Z"
    assert body["applied_filters"]["to"] == "2022-03-10T23:59:59Z"
    only_to = srv.search({"to": "2022-03-10", "tag": "fixture", "per_page": 100})
    assert "late-1" in ids(only_to["hits"]) and "edge-after" not in ids(only_to["hits"])
    only_from = srv.search({"from": "2022-03-10", "tag": "fixture", "per_page": 100})
    assert "edge-start" in ids(only_from["hits"]) and "edge-before" not in ids(only_from["hits"])


def test_rfc3339_bounds_with_offsets(srv):
    # 2022-03-11T00:00:00+01:00 is 2022-03-10T23:00:00Z.
    body = srv.search({"from": "2022-03-11T00:00:00+01:00", "to": "2022-03-10T23:45:00Z",
                       "per_page": 100})
    assert ids(body["hits"]) == ["late-1"]
    assert body["applied_filters"]["from"] == "2022-03-10T23:00:00Z"
    assert body["applied_filters"]["to"] == "2022-03-10T23:45:00Z"
    exact = srv.search({"from": "2022-03-10T23:30:00Z", "to": "2022-03-10T23:30:00Z"})
    assert ids(exact["hits"]) == ["late-1"]  # inclusive at both ends


def test_relative_bounds(srv):
    now = datetime.now(timezone.utc)
    recent = srv.search({"from": "now-7d", "per_page": 100})
    assert "future-1" in ids(recent["hits"])
    for hit in recent["hits"]:
        assert utc(hit["date"]) >= now - timedelta(days=7, minutes=5), hit
    applied_from = utc(recent["applied_filters"]["from"])
    assert abs(applied_from - (now - timedelta(days=7))) < timedelta(minutes=5)
    past = srv.search({"to": "now", "tag": "fixture", "per_page": 100})
    assert "future-1" not in ids(past["hits"])
    assert set(ids(past["hits"])) == fixture_ids(past=lambda a: a["id"] != "future-1")
    for form in ("now-12h", "now-2w", "now"):
        srv.search({"from": form})


def test_applied_filters_echo_the_request(srv):
    body = srv.search({"q": "quokka", "from": "2022-03-10", "to": "2022-03-10",
                       "source": ["Night Desk", "Calendar Desk"], "tag": "animals",
                       "author": "Jane Doe", "lang": ["en", "fr"], "sort": "newest",
                       "recency": "30d"})
    assert body["applied_filters"] == {
        "from": "2022-03-10T00:00:00Z", "to": "2022-03-10T23:59:59Z",
        "source": ["Night Desk", "Calendar Desk"], "tag": ["animals"], "author": ["Jane Doe"],
        "lang": ["en", "fr"], "sort": "newest", "recency": "30d"}
    default = srv.search({"q": "quokka"})["applied_filters"]
    assert default == {"from": None, "to": None, "source": [], "tag": [], "author": [],
                       "lang": [], "sort": "relevance", "recency": None}


# --------------------------------------------------------------------------- 5: sort, recency, pages


def test_sort_newest_and_oldest_order_by_date(srv):
    expected = [a["id"] for a in sorted(FIXTURE, key=lambda a: a["date"])]
    oldest = srv.search({"tag": "fixture", "sort": "oldest", "per_page": 100})
    assert ids(oldest["hits"]) == expected
    newest = srv.search({"tag": "fixture", "sort": "newest", "per_page": 100})
    assert ids(newest["hits"]) == expected[::-1]
    assert ids(srv.search({"q": "quokka", "sort": "oldest"})["hits"]) == ["late-1", "future-1"]
    assert ids(srv.search({"q": "quokka", "sort": "newest"})["hits"]) == ["future-1", "late-1"]


def test_empty_query_lists_newest_first(srv):
    body = srv.search({"tag": "fixture", "per_page": 100})
    assert ids(body["hits"]) == [a["id"] for a in sorted(FIXTURE, key=lambda a: a["date"],
                                                         reverse=True)]


def test_sort_by_date_on_reuters(srv, reuters):
    for sort, reverse in (("newest", True), ("oldest", False)):
        # Articles, copies included (collapsed, each story's newest or oldest copy stands in).
        body = srv.search({"source": "Reuters", "sort": sort, "per_page": 100, "collapse": "none"})
        dates = [h["date"] for h in body["hits"]]
        assert dates == sorted(dates, reverse=reverse)
        assert len(dates) == 100
        expected = sorted(reuters.values(), key=lambda r: r["date"], reverse=reverse)[:100]
        assert ids(body["hits"]) == [r["id"] for r in expected]
    dividend = srv.search({"q": "dividend", "sort": "newest", "per_page": 100})
    dates = [h["date"] for h in dividend["hits"]]
    assert dates == sorted(dates, reverse=True) and len(dates) > 5


def test_recency_blends_freshness_into_scores(srv):
    plain = {h["id"]: h["score"] for h in srv.search({"q": "quokka"})["hits"]}
    blended_body = srv.search({"q": "quokka", "recency": "30d"})
    assert blended_body["applied_filters"]["recency"] == "30d"
    blended = {h["id"]: h["score"] for h in blended_body["hits"]}
    assert set(plain) == set(blended) == {"late-1", "future-1"}
    assert ids(blended_body["hits"])[0] == "future-1"
    # factor = 0.5 + 0.5 * 2^(-age/half-life): ~1 for the embargoed piece, ~0.5 for 2022.
    assert blended["future-1"] == pytest.approx(plain["future-1"], rel=1e-6)
    assert blended["late-1"] == pytest.approx(plain["late-1"] * 0.5, rel=1e-3)
    assert srv.search({"q": "quokka", "recency": "12h"})["applied_filters"]["recency"] == "12h"


def test_pages_do_not_overlap_and_respect_per_page(srv):
    pages = []
    for number in range(1, 10):
        body = srv.search({"tag": "fixture", "sort": "oldest", "per_page": 5, "page": number})
        assert body["total"] == len(FIXTURE)
        assert (body["page"], body["per_page"]) == (number, 5)
        if not body["hits"]:
            break
        assert len(body["hits"]) == min(5, len(FIXTURE) - 5 * (number - 1))
        pages.append(ids(body["hits"]))
    assert len(pages) == (len(FIXTURE) + 4) // 5
    listed = [i for page in pages for i in page]
    assert len(set(listed)) == len(listed) == len(FIXTURE)
    assert listed == [a["id"] for a in sorted(FIXTURE, key=lambda a: a["date"])]


def test_recency_pages_do_not_overlap(srv):
    params = {"q": "quokka OR wombat OR platypus OR narwhal", "recency": "30d", "per_page": 3}
    everything = srv.search({**params, "per_page": 100})
    pages = [ids(srv.search({**params, "page": n})["hits"]) for n in (1, 2, 3, 4)]
    listed = [i for page in pages for i in page]
    assert len(set(listed)) == len(listed) == everything["total"] == 8
    assert listed == ids(everything["hits"])


def test_relevance_pages_do_not_overlap(srv, reuters):
    one = srv.search({"q": "dividend", "per_page": 5, "page": 1})
    two = srv.search({"q": "dividend", "per_page": 5, "page": 2})
    assert len(one["hits"]) == len(two["hits"]) == 5
    assert not set(ids(one["hits"])) & set(ids(two["hits"]))
    whole = srv.search({"q": "dividend", "per_page": 10})
    assert ids(whole["hits"]) == ids(one["hits"]) + ids(two["hits"])
    assert [h["score"] for h in one["hits"]][-1] >= [h["score"] for h in two["hits"]][0]


def test_per_page_limits(srv):
    full = srv.search({"per_page": 100})
    assert len(full["hits"]) == min(100, full["total"]) and full["per_page"] == 100
    assert srv.search({"per_page": 1})["per_page"] == 1
    assert len(srv.search({"tag": "fixture"})["hits"]) == 10  # default per_page
    body = srv.search({"per_page": 101}, expect=400)
    assert body["error"]["code"] == "invalid_parameter"
    assert body["error"]["parameter"] == "per_page"


# --------------------------------------------------------------------------- 6: facets


def expected_facets(records, date_format="%Y"):
    def top(counter):
        return [{"value": v, "count": c}
                for v, c in sorted(counter.items(), key=lambda vc: (-vc[1], vc[0]))[:10]]
    return {
        "source": top(Counter(r["source"] for r in records)),
        "tag": top(Counter(t for r in records for t in set(r.get("tags") or []))),
        "date": top(Counter(utc(r["date"]).strftime(date_format) for r in records)),
    }


def test_facets_count_the_matching_inline_articles(srv):
    body = srv.search({"tag": "fixture", "facets": "source,tag,date:year", "per_page": 1})
    assert body["total"] == len(FIXTURE)
    assert body["facets"] == expected_facets(FIXTURE)
    by_month = srv.search({"tag": "fixture", "facets": ["date:month"], "per_page": 1})
    assert by_month["facets"] == {"date": expected_facets(FIXTURE, "%Y-%m")["date"]}


def test_facets_count_the_matching_reuters_articles(srv, reuters):
    # Articles, copies included: sample-200 holds near-copies, which collapse=story counts once.
    body = srv.search({"source": "Reuters", "facets": "source,tag,date:year", "per_page": 1,
                       "collapse": "none"})
    assert body["total"] == len(reuters)
    assert body["facets"] == expected_facets(list(reuters.values()))
    day = srv.search({"source": "Reuters", "tag": "grain", "facets": "date:day,tag",
                      "collapse": "none"})
    grain = [r for r in reuters.values() if "grain" in r["tags"]]
    assert day["facets"]["date"] == expected_facets(grain, "%Y-%m-%d")["date"]
    assert day["facets"]["tag"] == expected_facets(grain)["tag"]


def test_facets_of_a_text_query_count_its_hits(srv, reuters):
    body = srv.search({"q": "wheat OR corn", "facets": "tag,source", "per_page": 100})
    assert 0 < body["total"] <= 100
    hits = [reuters[i] for i in ids(body["hits"])]
    assert body["facets"]["tag"] == expected_facets(hits)["tag"]
    assert body["facets"]["source"] == [{"value": "Reuters", "count": body["total"]}]


def test_tag_facet_count_matches_what_the_tag_filter_returns(srv):
    """The tag filter ignores case (docs/api.md), so "animals" and "Animals" are one tag; a
    facet value's count should be the number of articles that clicking it returns."""
    body = srv.search({"tag": "animals", "facets": "tag", "per_page": 100})
    assert body["total"] == 3
    animal_values = [f for f in body["facets"]["tag"] if f["value"].lower() == "animals"]
    assert len(animal_values) == 1 and animal_values[0]["count"] == body["total"], (
        f"tag facet splits one case-insensitive tag: {animal_values}, "
        f"while tag=animals returns {body['total']} articles")


# --------------------------------------------------------------------------- 7: snippets


def test_snippets_mark_stemmed_forms(srv):
    body = srv.search({"q": "strike", "tag": "fixture"})
    assert ids(body["hits"]) == ["ferry-1"]
    hit = body["hits"][0]
    for form in ("strikes", "striking"):
        assert f"<mark>{form}</mark>" in hit["snippet"], hit["snippet"]
    assert hit["title_highlighted"] == "Ferry <mark>strike</mark> ends"
    plural = srv.search({"q": "strikes", "tag": "fixture"})["hits"][0]
    assert "<mark>strike</mark>" in plural["title_highlighted"]
    assert "<mark>striking</mark>" in plural["snippet"]


def test_strikes_marks_strike_in_reuters(srv, reuters):
    body = srv.search({"q": "strikes", "source": "Reuters"})
    assert ids(body["hits"])[0] == "reuters-188"
    hit = body["hits"][0]
    assert "<mark>strike</mark>" in hit["snippet"]
    assert hit["title_highlighted"] == "ROHR INDUSTRIES &lt;RHR&gt; SETTLES <mark>STRIKE</mark>"
    assert hit["title"] == "ROHR INDUSTRIES <RHR> SETTLES STRIKE"


def test_long_text_is_cropped_around_the_matches_with_ellipses(srv):
    for words in (5, 12, 30):
        body = srv.search({"q": "narwhal", "snippet_words": words})
        snippet = body["hits"][0]["snippet"]
        assert snippet.startswith(ELLIPSIS) and snippet.endswith(ELLIPSIS), snippet
        assert "<mark>narwhal</mark>" in snippet
        shown = unmarked(snippet).strip(ELLIPSIS).split()
        assert len(shown) <= words, snippet
        assert all(re.fullmatch(r"filler\d+|narwhals?\.?", w) for w in shown), snippet
    default = srv.search({"q": "narwhal"})["hits"][0]["snippet"]
    assert len(unmarked(default).strip(ELLIPSIS).split()) == 30  # default ~30 words
    # Both forms of the word sit in the densest passage.
    assert "<mark>narwhals</mark>" in default


def test_short_text_is_not_cropped(srv):
    snippet = srv.search({"q": "wallaby"})["hits"][0]["snippet"]
    assert snippet == "A <mark>wallaby</mark> hopped past."


def test_snippet_falls_back_to_the_summary_then_the_title(srv):
    brief = srv.search({"q": "capybara"})["hits"]
    assert ids(brief) == ["brief-1"]
    assert brief[0]["snippet"] == "Lede about a <mark>capybara</mark> crossing the road."
    headline = srv.search({"q": "tapir"})["hits"]
    assert ids(headline) == ["headline-1"]
    assert headline[0]["snippet"] == "Headline only <mark>tapir</mark> news"


def test_script_article_comes_back_inert(srv):
    reply = srv.get("/v1/search?" + urlencode({"q": "zebrafish"}))
    assert reply.header("Content-Type") == "application/json; charset=utf-8"
    assert reply.header("X-Content-Type-Options") == "nosniff"
    hit = reply.json()["hits"][0]
    assert hit["id"] == "xss-1"
    assert hit["title"] == "<script>alert(1)</script> zebrafish alert"  # raw text in JSON
    for field in ("title_highlighted", "snippet"):
        assert "<script" not in hit[field].lower() and "<img" not in hit[field].lower(), hit
        assert_inert_html(hit[field], field)
    assert hit["title_highlighted"] == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>zebrafish</mark> alert")
    assert "&lt;script&gt;" in hit["snippet"] and "&amp;" in hit["snippet"]
    assert "&quot;quoted&quot;" in hit["snippet"] and "friend&#39;s" in hit["snippet"]
    # Searching for the markup words themselves marks them inside the escaped text.
    script = srv.search({"q": "script alert"})["hits"][0]
    assert script["title_highlighted"].startswith(
        "&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;")
    stored = srv.get_json("/v1/articles/xss-1")
    assert stored["title"] == "<script>alert(1)</script> zebrafish alert"


@pytest.mark.parametrize("q", ["cocoa", "\"money supply\"", "divid*", "strikes", "bank",
                               "zebrafish", "script", "東京", "grève", "", "rhr", "tcb"])
def test_highlighted_fields_are_escaped_title_plus_marks(srv, q):
    body = srv.search({"q": q, "per_page": 100})
    for hit in body["hits"]:
        for field in ("title_highlighted", "snippet"):
            assert_inert_html(hit[field], f"{hit['id']} {field}")
        # title_highlighted is exactly the title, escaped, with marks (white space collapsed).
        assert collapse(html.unescape(unmarked(hit["title_highlighted"]))) == \
            collapse(hit["title"]), hit


# --------------------------------------------------------------------------- 8: did you mean


def test_misspelt_query_gets_a_suggestion(srv, reuters):
    body = srv.search({"q": "cocao"})
    assert body["suggestion"] is not None and "cocoa" in body["suggestion"], body
    assert ids(srv.search({"q": body["suggestion"]})["hits"])[0] == "reuters-1"
    assert srv.search({"q": "cocoa"})["suggestion"] is None


def test_misspelt_inline_word_gets_a_suggestion(srv):
    body = srv.search({"q": "quokkka"})
    assert body["suggestion"] == "quokka", body
    assert srv.search({"q": "quokka"})["suggestion"] is None


def test_no_did_you_mean_when_every_word_matched_by_its_stem(srv):
    """"quokkas" is spelt right and finds both quokka articles through its stem; the spec
    offers a did-you-mean "when the query looks misspelt"."""
    body = srv.search({"q": "quokkas"})
    assert set(ids(body["hits"])) == {"late-1", "future-1"}
    assert body["suggestion"] is None, (
        f"a correctly spelt query with hits got the suggestion {body['suggestion']!r}")


# --------------------------------------------------------------------------- 9: suggest, articles


def test_suggest_completes_a_prefix(srv, reuters):
    body = srv.get_json("/v1/suggest?q=coc")
    assert set(body) == {"suggestions"}
    assert "cocoa" in body["suggestions"], body
    assert 0 < len(body["suggestions"]) <= 10
    assert all(isinstance(s, str) for s in body["suggestions"])


def test_suggest_for_inline_prefixes(srv):
    assert "quokka" in srv.get_json("/v1/suggest?q=quok")["suggestions"]
    assert "Ferry strike ends" in srv.get_json("/v1/suggest?q=ferry+str")["suggestions"]
    assert srv.get_json("/v1/suggest?q=zzqxjw")["suggestions"] == []
    assert srv.get_json("/v1/suggest")["suggestions"] == []
    many = srv.get_json("/v1/suggest?q=a")["suggestions"]
    assert len(many) <= 10


def test_article_returns_the_stored_record(srv, reuters):
    article = srv.get_json("/v1/articles/reuters-1")
    original = reuters["reuters-1"]
    for field in ("id", "title", "url", "date", "source", "tags", "body"):
        assert article[field] == original[field], field
    assert article.get("author") is None


def test_every_reuters_article_comes_back_as_it_was_given(srv, reuters):
    """The corpus README: ticker symbols such as <SRD> are real text, not markup."""
    changed = {}
    for article_id, original in reuters.items():
        stored = srv.get_json("/v1/articles/" + quote(article_id, safe=""))
        for field in ("title", "body", "date", "source", "tags", "url"):
            if stored[field] != original[field]:
                changed[f"{article_id}.{field}"] = (original[field][:80], stored[field][:80])
    assert changed == {}


@pytest.mark.parametrize("article_id", ["late-1", "fr-1", "ja-1", "id with/slash?&#%",
                                        "café-Ω+1", LONG_ID, "moon-1"],
                         ids=lambda i: i[:20])
def test_article_ids_are_url_decoded(srv, article_id):
    reply = srv.get("/v1/articles/" + quote(article_id, safe=""))
    assert reply.status == 200, reply
    article = reply.json()
    expected = INLINE_BY_ID[article_id]
    for field in ("id", "title", "body", "date", "source", "tags"):
        assert article[field] == expected[field], field


def test_long_id_article_is_found_by_search_and_related(srv):
    assert ids(srv.search({"q": "ocelot"})["hits"]) == [LONG_ID]
    related = srv.get_json(f"/v1/articles/{LONG_ID}/related")
    assert LONG_ID not in ids(related["hits"])


def test_plus_in_a_path_is_not_a_space(srv):
    assert srv.get_json("/v1/articles/caf%C3%A9-%CE%A9+1")["id"] == "café-Ω+1"
    reply = srv.get("/v1/articles/caf%C3%A9-%CE%A9%201")
    assert reply.status == 404 and reply.json()["error"]["code"] == "not_found"


def test_unknown_article_is_404(srv):
    reply = srv.get("/v1/articles/" + quote("no such/article", safe=""))
    assert reply.status == 404
    assert reply.json()["error"]["code"] == "not_found"


def test_related_articles_exclude_the_article_itself(srv, reuters):
    body = srv.get_json("/v1/articles/reuters-42/related")
    assert HITS_VALIDATOR.is_valid(body), list(HITS_VALIDATOR.iter_errors(body))
    assert "reuters-42" not in ids(body["hits"])
    assert "reuters-75" in ids(body["hits"])[:3]  # the other ICO coffee story
    assert 0 < len(body["hits"]) <= 10
    for hit in body["hits"]:
        assert_inert_html(hit["snippet"], hit["id"])


def test_related_for_inline_articles(srv):
    body = srv.get_json("/v1/articles/late-1/related")
    assert HITS_VALIDATOR.is_valid(body), list(HITS_VALIDATOR.iter_errors(body))
    assert "late-1" not in ids(body["hits"])
    assert "future-1" in ids(body["hits"])  # the other quokka story
    special = srv.get_json("/v1/articles/" + quote("id with/slash?&#%", safe="") + "/related")
    assert "id with/slash?&#%" not in ids(special["hits"])
    assert "café-Ω+1" in ids(special["hits"])


# --------------------------------------------------------------------------- 10: HTTP errors


def test_post_is_405_with_allow(srv):
    reply = srv.request("/v1/search?q=cocoa", method="POST", body=b"")
    assert reply.status == 405
    assert reply.json()["error"]["code"] == "method_not_allowed"
    allow = {m.strip() for m in reply.header("Allow").split(",")}
    assert {"GET", "HEAD", "OPTIONS"} <= allow and "POST" not in allow
    for method, target in (("DELETE", "/v1/articles/late-1"), ("PUT", "/healthz")):
        other = srv.request(target, method=method)
        assert other.status == 405 and other.header("Allow"), other


def test_head_gives_headers_without_a_body(srv):
    get = srv.get("/v1/search?q=cocoa")
    head = srv.request("/v1/search?q=cocoa", method="HEAD")
    assert head.status == 200 and head.body == b""
    # The size a GET returns; only took_ms's digits may differ between the two.
    assert abs(int(head.header("Content-Length")) - len(get.body)) <= 6
    assert head.header("ETag") == get.header("ETag")
    article = srv.get("/v1/articles/late-1")
    article_head = srv.request("/v1/articles/late-1", method="HEAD")
    assert article_head.header("Content-Length") == str(len(article.body))


def test_oversized_headers_get_431(srv):
    request = (b"GET /v1/search?q=cocoa HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"X-Padding: " + b"a" * 9000 + b"\r\n\r\n")
    reply = srv.raw(request)
    assert reply.status == 431, reply
    assert reply.json()["error"]["code"] == "headers_too_large"
    long_target = b"GET /v1/search?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert srv.raw(long_target).status == 431


def test_oversized_body_gets_413(srv):
    body = b"x" * 5000
    request = (b"GET /v1/search?q=cocoa HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    reply = srv.raw(request)
    assert reply.status == 413, reply
    assert reply.json()["error"]["code"] == "payload_too_large"


def test_malformed_http_is_400_and_the_server_carries_on(srv):
    reply = srv.raw(b"GET /v1/search?q=cocoa HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
    assert reply.status == 400, reply
    assert srv.get("/healthz").status == 200


def test_small_body_on_get_is_tolerated(srv):
    reply = srv.raw(b"GET /v1/search?q=cocoa HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    b"Content-Length: 5\r\n\r\nhello")
    assert reply.status == 200, reply


def split_responses(stream):
    """Consecutive HTTP/1.1 responses with Content-Length bodies -> [Reply]."""
    replies = []
    while stream:
        head, separator, rest = stream.partition(b"\r\n\r\n")
        assert separator, stream[:200]
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = http.client.parse_headers(io.BytesIO(("\r\n".join(lines[1:]) +
                                                        "\r\n\r\n").encode("latin-1")))
        length = int(headers.get("Content-Length", "0"))
        replies.append(Reply(status, headers, rest[:length]))
        stream = rest[length:]
    return replies


def test_keep_alive_and_pipelined_requests(srv):
    conn = srv.connection()
    try:
        for target in ("/v1/search?q=quokka", "/v1/articles/late-1", "/healthz"):
            conn.request("GET", target)
            reply = record_and_check(srv.label, "GET", target, read_reply(conn.getresponse()))
            assert reply.status == 200, reply
    finally:
        conn.close()
    pipelined = (b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                 b"GET /v1/search?q=quokka HTTP/1.1\r\nHost: x\r\n\r\n"
                 b"GET /v1/articles/late-1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
        sock.sendall(pipelined)
        stream = b""
        while chunk := sock.recv(65536):  # the last request asked the server to close
            stream += chunk
    replies = split_responses(stream)
    assert [r.status for r in replies] == [200, 200, 200]
    assert replies[0].json() == {"status": "ok"}
    assert set(ids(replies[1].json()["hits"])) == {"late-1", "future-1"}
    assert replies[2].json()["id"] == "late-1"


def test_http_1_0_is_answered(srv):
    with socket.create_connection((srv.host, srv.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
        response = http.client.HTTPResponse(sock)
        response.begin()
        reply = read_reply(response)
    assert reply.status == 200 and reply.json() == {"status": "ok"}


def test_absolute_form_request_target_is_accepted(srv):
    """RFC 9112 section 3.2.2: a server MUST accept the absolute-form (as sent via proxies)."""
    reply = srv.raw(f"GET http://{srv.host}:{srv.port}/v1/search?q=quokka HTTP/1.1\r\n"
                    f"Host: {srv.host}:{srv.port}\r\nConnection: close\r\n\r\n".encode())
    assert reply.status == 200, reply


# --------------------------------------------------------------------------- 11: caching, CORS


def test_etag_and_304(srv):
    first = srv.get("/v1/search?q=quokka")
    etag = first.header("ETag")
    assert first.status == 200 and etag and etag.startswith('W/"'), first.headers
    assert first.header("Cache-Control") == "public, max-age=10"
    again = srv.get("/v1/search?q=quokka", headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert again.header("ETag") == etag
    assert again.header("Content-Length") in (None, "0")
    listed = srv.get("/v1/search?q=quokka", headers={"If-None-Match": f'"x", {etag}'})
    assert listed.status == 304
    other = srv.get("/v1/search?q=wombat", headers={"If-None-Match": etag})
    assert other.status == 200 and other.header("ETag") != etag
    for target in ("/v1/suggest?q=quo", "/v1/articles/late-1", "/v1/articles/late-1/related"):
        reply = srv.get(target)
        tag = reply.header("ETag")
        assert reply.status == 200 and tag, target
        assert srv.get(target, headers={"If-None-Match": tag}).status == 304, target
    for target in ("/healthz", "/readyz", "/metrics"):
        reply = srv.get(target)
        assert reply.header("Cache-Control") == "no-store" and reply.header("ETag") is None


def test_etag_changes_after_a_commit(srv, live):
    target = "/v1/search?q=quokka"
    before = srv.get(target).header("ETag")
    live.add_articles([{"id": "etag-1", "title": "Ibex note", "body": "An ibex on a ledge.",
                        "date": "2023-01-01T00:00:00Z", "source": "Etag Desk"}])
    after = srv.get(target)
    assert after.header("ETag") != before
    revalidated = srv.get(target, headers={"If-None-Match": before})
    assert revalidated.status == 200 and revalidated.json()["hits"]


def test_cors_allows_any_origin_by_default(srv):
    for target in ("/v1/search?q=cocoa", "/v1/search?qq=1", "/healthz"):
        reply = srv.get(target, headers={"Origin": "https://blog.example"})
        assert reply.header("Access-Control-Allow-Origin") == "*", target
        assert "ETag" in reply.header("Access-Control-Expose-Headers")


def test_options_preflight(srv):
    reply = srv.request("/v1/search", method="OPTIONS", headers={
        "Origin": "https://blog.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "If-None-Match"})
    assert reply.status == 204 and reply.body == b""
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert "GET" in reply.header("Access-Control-Allow-Methods")
    assert "if-none-match" in reply.header("Access-Control-Allow-Headers").lower()
    assert reply.header("Access-Control-Max-Age")
    article = srv.request("/v1/articles/anything", method="OPTIONS")
    assert article.status == 204
    unknown = srv.request("/v1/nothing", method="OPTIONS")
    assert unknown.status == 404


def test_configured_cors_origins_are_echoed_with_vary(spawn_server):
    server = spawn_server("--cors-origin", "https://blog.example",
                          "--cors-origin", "https://other.example", label="cors")
    allowed = server.get("/v1/search?q=quokka", headers={"Origin": "https://other.example"})
    assert allowed.header("Access-Control-Allow-Origin") == "https://other.example"
    assert "Origin" in allowed.header("Vary")
    denied = server.get("/v1/search?q=quokka", headers={"Origin": "https://evil.example"})
    assert denied.status == 200
    assert denied.header("Access-Control-Allow-Origin") is None
    assert "Origin" in denied.header("Vary")
    preflight = server.request("/v1/search", method="OPTIONS", headers={
        "Origin": "https://blog.example", "Access-Control-Request-Method": "GET"})
    assert preflight.status == 204
    assert preflight.header("Access-Control-Allow-Origin") == "https://blog.example"
    refused = server.request("/v1/search", method="OPTIONS", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert refused.header("Access-Control-Allow-Origin") is None
    assert server.terminate() == 0


# --------------------------------------------------------------------------- 12: freshness


def test_a_new_commit_is_searchable_within_a_second(srv, live):
    assert srv.search({"q": "okapi"})["total"] == 0
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    live.add_articles([{"id": "fresh-1", "title": "Freshly committed okapi report",
                        "body": "An okapi appeared after the server started.", "date": now,
                        "source": "Fresh Desk", "tags": ["fresh"]}])
    committed = time.monotonic()
    found_after = None
    while time.monotonic() - committed < 2.0:
        if ids(srv.search({"q": "okapi"})["hits"]) == ["fresh-1"]:
            found_after = time.monotonic() - committed
            break
        time.sleep(0.05)
    assert found_after is not None, "the new article was not searchable within 2 s"
    assert found_after <= 1.0, f"the new article took {found_after:.2f} s to appear"
    assert srv.get_json("/v1/articles/fresh-1")["title"] == "Freshly committed okapi report"
    assert "fresh-1" in ids(srv.search({"from": "now-7d", "per_page": 100})["hits"])


def poll(predicate, timeout=2.0, interval=0.05):
    """Seconds until predicate() held, or None after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(interval)
    return None


def test_a_deleted_article_disappears_without_a_restart(srv, live):
    live.add_articles([{"id": "doomed-1", "title": "Doomed dodo", "body": "A dodo, briefly.",
                        "date": "2023-02-02T00:00:00Z", "source": "Doom Desk"}])
    assert poll(lambda: ids(srv.search({"q": "dodo"})["hits"]) == ["doomed-1"]) is not None
    live.index("delete", "doomed-1")
    took = poll(lambda: srv.search({"q": "dodo"})["total"] == 0)
    assert took is not None and took <= 1.0, took
    assert srv.get("/v1/articles/doomed-1").status == 404


def test_compaction_swap_is_picked_up_and_etags_do_not_repeat(tmp_path, live, spawn_server):
    """After `compact` swaps the directory the server serves the new files; and an ETag taken
    before must not validate a different answer afterwards (the revision restarts)."""
    db = tmp_path / "db"
    source = write_jsonl(tmp_path / "few.jsonl",
                         [INLINE_BY_ID[i] for i in ("late-1", "future-1", "edge-start")])
    live.index("add", source, db=db)
    server = spawn_server(label="compaction", db=db)
    target = "/v1/search?q=quokka"
    before = server.get(target)
    assert set(ids(before.json()["hits"])) == {"late-1", "future-1"}
    revision_before = server.get_json("/readyz")["revision"]

    live.index("delete", "late-1", db=db)
    live.index("compact", db=db)
    took = poll(lambda: ids(server.search({"q": "quokka"})["hits"]) == ["future-1"])
    assert took is not None and took <= 1.0, "the compacted index was not picked up"
    revision_after = server.get_json("/readyz")["revision"]
    revalidated = server.get(target, headers={"If-None-Match": before.header("ETag")})
    assert revalidated.status == 200, (
        f"stale 304: the answer changed (late-1 deleted) but the ETag {before.header('ETag')} "
        f"still matched; readyz revision {revision_before} -> {revision_after} across compact")
    assert server.terminate() == 0


def test_the_server_never_writes_the_index(tmp_path, live, spawn_server):
    db = tmp_path / "db"
    live.index("add", write_jsonl(tmp_path / "few.jsonl", FIXTURE[:5]), db=db)

    def snapshot():
        return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in db.iterdir()}

    before = snapshot()
    server = spawn_server(label="read-only", db=db)
    for target in ("/v1/search?q=quokka", "/v1/search?q=cocao", "/v1/suggest?q=qu",
                   "/readyz", "/v1/articles/xss-1/related", "/metrics"):
        assert server.get(target).status == 200, target
    assert server.terminate() == 0
    assert snapshot() == before


# --------------------------------------------------------------------------- 13: operations


def test_healthz(srv):
    assert srv.get_json("/healthz") == {"status": "ok"}


def test_readyz_reports_the_article_count(srv, live):
    ready = srv.get_json("/readyz")
    stats = live.stats()
    assert ready["status"] == "ready"
    assert ready["articles"] == stats["articles"]
    assert ready["revision"] == stats["revision"]
    everything = srv.search({"per_page": 1, "collapse": "none"})  # articles, not stories
    assert everything["total"] == ready["articles"]


def test_metrics_are_valid_prometheus_text_with_request_counters(srv):
    srv.search({"q": "cocoa"})
    srv.get("/v1/search?qq=1")
    srv.get("/v1/articles/no-such-article")
    srv.get("/v1/suggest?q=co")
    srv.get("/healthz")
    srv.get("/nowhere")
    ready = srv.get_json("/readyz")
    reply = srv.get("/metrics")
    assert reply.status == 200
    assert reply.header("Content-Type").startswith("text/plain; version=0.0.4")
    text = reply.body.decode("utf-8")
    for series in ('route="/v1/search",status="200"', 'route="/v1/search",status="400"',
                   'route="/v1/articles/{id}",status="404"', 'route="/v1/suggest",status="200"',
                   'route="/healthz",status="200"', 'route="unmatched",status="404"'):
        assert re.search(r"^dateline_http_requests_total\{" + re.escape(series) + r"\} [1-9]\d*$",
                         text, re.M), series
    assert re.search(r'^dateline_http_request_duration_seconds_bucket\{route="/v1/search",'
                     r'le="\+Inf"\} [1-9]', text, re.M)
    assert re.search(r"^dateline_searches_in_flight \d+$", text, re.M)
    assert re.search(rf"^dateline_index_articles {ready['articles']}$", text, re.M), text[-800:]
    assert re.search(rf"^dateline_index_revision {ready['revision']}$", text, re.M)

    promtool = Path("/usr/bin/promtool")
    if not promtool.is_file():
        pytest.skip("/usr/bin/promtool is missing")
    check = subprocess.run([str(promtool), "check", "metrics"], input=reply.body,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    assert check.returncode == 0, (check.stdout + check.stderr).decode(errors="replace")


# --------------------------------------------------------------------------- 14: overload


def fire_concurrently(server, count, target, timeout=30):
    """Opens `count` connections, then sends one request on each at the same moment."""
    barrier = threading.Barrier(count)
    replies = [None] * count

    def one(i):
        conn = server.connection(timeout)
        try:
            conn.connect()
            barrier.wait(timeout=10)
            conn.request("GET", target)
            replies[i] = record_and_check(server.label, "GET", target,
                                          read_reply(conn.getresponse()))
        except Exception as error:  # noqa: BLE001 - reported by the caller
            replies[i] = error
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 15)
    return replies


def test_overload_gets_503_with_retry_after_and_the_server_recovers(spawn_server, heavy_db):
    server = spawn_server("--threads", "1", "--max-queued", "1", label="overload", db=heavy_db)
    replies = fire_concurrently(server, 40, "/v1/search?" + HEAVY_QUERY)
    failures = [r for r in replies if not isinstance(r, Reply)]
    assert failures == [], f"requests failed at the transport level: {failures[:3]}"
    statuses = Counter(r.status for r in replies)
    print("overload statuses:", dict(statuses))
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[503] > 0, f"no request was refused: {statuses}"
    assert statuses[200] > 0, f"no request was served: {statuses}"
    for reply in replies:
        if reply.status == 503:
            assert reply.json()["error"]["code"] == "overloaded"
            assert reply.header("Retry-After") is not None
            assert int(reply.header("Retry-After")) >= 1
        else:
            assert len(reply.json()["hits"]) == 100

    assert server.get_json("/healthz") == {"status": "ok"}
    assert server.get_json("/readyz")["status"] == "ready"
    assert server.search({"q": "a*", "per_page": 5})["total"] > 0
    assert server.get_json("/v1/articles/bulk-7")["id"] == "bulk-7"
    metrics = server.get("/metrics").body.decode()
    assert re.search(r'route="/v1/search",status="503"\} ' + str(statuses[503]) + "$",
                     metrics, re.M), metrics[:1500]
    assert server.terminate() == 0, server.stderr()


def test_slow_and_idle_clients_are_cut_off_by_timeouts(spawn_server):
    server = spawn_server("--read-timeout", "1", "--idle-timeout", "1", label="timeouts")
    slow = socket.create_connection((server.host, server.port), timeout=5)
    silent = socket.create_connection((server.host, server.port), timeout=5)
    try:
        slow.sendall(b"GET /v1/search?q=quokka HTTP/1.1\r\nHost: x\r\n")  # never finished
        start = time.monotonic()
        assert server.get_json("/healthz") == {"status": "ok"}  # others are served meanwhile
        for sock in (slow, silent):
            try:
                data = sock.recv(1024)
            except ConnectionResetError:
                data = b""
            assert not data.startswith(b"HTTP/1.1 200"), data
        assert time.monotonic() - start < 4.0
    finally:
        slow.close()
        silent.close()
    assert server.get_json("/healthz") == {"status": "ok"}
    assert server.terminate() == 0


def closed_without_answer(server):
    try:
        with socket.create_connection((server.host, server.port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            return sock.recv(1024) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def test_connections_beyond_the_limit_are_closed_at_once(spawn_server):
    server = spawn_server("--max-connections", "2", label="connections")
    held = [server.connection() for _ in range(2)]
    for conn in held:
        conn.request("GET", "/healthz")
        assert read_reply(conn.getresponse()).status == 200
    assert closed_without_answer(server)
    held[0].close()
    assert poll(lambda: not closed_without_answer(server), timeout=3.0) is not None
    held[1].close()
    time.sleep(0.1)
    metrics = server.get("/metrics").body.decode()
    found = re.search(r"^dateline_http_connections_rejected_total (\d+)$", metrics, re.M)
    assert found and int(found[1]) >= 1, metrics
    assert server.terminate() == 0


def test_options_from_environment_and_config_file(tmp_path, live, spawn_server):
    env = {**os.environ, "DATELINE_DB": str(live.db), "DATELINE_LISTEN": "127.0.0.1:0",
           "DATELINE_THREADS": "1"}
    from_env = spawn_server(label="env", db=None, env=env)
    assert from_env.get_json("/readyz")["status"] == "ready"
    assert from_env.terminate() == 0
    config = tmp_path / "server.toml"
    config.write_text(f'db = "{live.db}"\nlisten = "127.0.0.1:0"\nthreads = 1\n')
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
    from_file = spawn_server("--config", config, label="config", db=None, env=clean_env)
    assert from_file.search({"q": "quokka forecast"})["hits"][0]["id"] == "future-1"
    assert from_file.terminate() == 0


def test_a_synonym_file_replaces_the_built_in_list(tmp_path, live, spawn_server):
    baseline = spawn_server(label="builtin-synonyms")
    quokka_ids = {hit["id"] for hit in baseline.search({"q": "quokka", "per_page": 100})["hits"]}
    assert quokka_ids, "the live fixture has quokka articles"
    assert not baseline.search({"q": "marsupialia"})["hits"]
    assert baseline.terminate() == 0
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("# ours\nquokka, marsupialia\n", encoding="utf-8")
    server = spawn_server("--synonyms", synonyms, label="file-synonyms")
    found = {hit["id"] for hit in server.search({"q": "marsupialia", "per_page": 100})["hits"]}
    assert found == quokka_ids
    assert server.terminate() == 0


@pytest.mark.parametrize("args,status,message", [
    (["--db", "{missing}", "--listen", "127.0.0.1:0"], 1, "cannot open the index"),
    (["--db", "{empty}", "--listen", "127.0.0.1:0"], 1, "cannot open the index"),
    (["--db", "{db}", "--listen", "127.0.0.1:99999"], 2, "--listen"),
    (["--db", "{db}", "--listen", "example.com:80"], 2, "--listen"),
    (["--db", "{db}", "--threads", "0"], 2, "threads"),
    (["--listen", "127.0.0.1:0"], 2, "--db"),
    (["--db", "{db}", "--ranking-off", "stemming,magic"], 2,
     '--ranking-off: unknown ranking feature "magic"'),
    (["--db", "{db}", "--synonyms", "{missing}"], 2, "--synonyms: "),
    (["--db", "{db}", "--synonyms", "{synonyms}"], 2, "synonyms.txt:2: a group needs two"),
    (["--db", "{db}", "--bm25-b", "1.5"], 2, "--bm25-b"),
], ids=["missing-db", "not-an-index", "bad-port", "hostname", "zero-threads", "no-db",
        "unknown-ranking-feature", "missing-synonyms", "bad-synonyms", "bm25-b-over-1"])
def test_bad_command_lines_exit_with_a_message(tmp_path, live, server_binary, args, status,
                                               message):
    (tmp_path / "empty").mkdir()
    (tmp_path / "synonyms.txt").write_text("ferry, boat\nlonely\n", encoding="utf-8")
    values = {"missing": tmp_path / "missing", "empty": tmp_path / "empty", "db": live.db,
              "synonyms": tmp_path / "synonyms.txt"}
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
    result = subprocess.run([str(server_binary), *[a.format(**values) for a in args]],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=10, env=clean_env)
    output = (result.stdout + result.stderr).decode(errors="replace")
    assert result.returncode == status, output
    assert message in output


# --------------------------------------------------------------------------- 15: SIGTERM


def wait_for_searches_in_flight(server, at_least, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = server.get("/metrics").body.decode()
        found = re.search(r"^dateline_searches_in_flight (\d+)$", text, re.M)
        if found and int(found[1]) >= at_least:
            return True
        time.sleep(0.002)
    return False


def test_sigterm_lets_requests_in_flight_finish(spawn_server, heavy_db):
    server = spawn_server("--threads", "1", label="drain", db=heavy_db)
    count = 10
    conns = [server.connection(30) for _ in range(count)]
    for conn in conns:  # established, kept-alive sessions
        conn.request("GET", "/healthz")
        assert read_reply(conn.getresponse()).status == 200
    target = "/v1/search?" + HEAVY_QUERY
    for conn in conns:
        conn.request("GET", target)
    # Wait until the pool holds several of them (one worker, ~10 heavy searches to run).
    assert wait_for_searches_in_flight(server, at_least=3), "the searches never queued up"
    unanswered, _, _ = select.select([c.sock for c in conns], [], [], 0)
    in_flight = {id(c.sock) for c in conns} - {id(s) for s in unanswered}
    server.send_sigterm()
    assert in_flight, "every request was answered before SIGTERM: nothing was in flight"
    for conn in conns:
        reply = record_and_check(server.label, "GET", target, read_reply(conn.getresponse()))
        assert reply.status == 200, reply
        assert len(reply.json()["hits"]) == 100
        if id(conn.sock) in in_flight:
            assert reply.header("Connection") == "close"  # answered during shutdown
        conn.close()
    assert server.terminate() == 0, server.stderr()
    assert any("finishing requests in flight" in line for line in server.lines), server.stderr()
    assert "dateline-server: stopped" in server.lines


def test_sigterm_waits_for_a_request_still_arriving(spawn_server):
    server = spawn_server(label="drain-partial")
    with socket.create_connection((server.host, server.port), timeout=10) as sock:
        sock.sendall(b"GET /v1/search?q=quokka HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        time.sleep(0.2)  # the server has begun reading this request
        server.send_sigterm()
        time.sleep(0.3)
        assert server.process.poll() is None, "exited with a request half-received"
        # New connections are no longer accepted...
        with pytest.raises(OSError):
            with socket.create_connection((server.host, server.port), timeout=2) as late:
                late.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                if not late.recv(1):
                    raise ConnectionResetError("closed without an answer")
        # ...but the one in flight is answered.
        sock.sendall(b"\r\n")
        response = http.client.HTTPResponse(sock)
        response.begin()
        reply = record_and_check(server.label, "GET", "/v1/search?q=quokka",
                                 read_reply(response))
    assert reply.status == 200
    assert set(ids(reply.json()["hits"])) == {"late-1", "future-1"}
    assert server.terminate() == 0, server.stderr()


# --------------------------------------------------------------------------- overall


def test_zz_no_5xx_other_than_503(srv):
    """Runs last (file order): no response in this module was a 5xx other than 503, and no
    server logged an internal error or an escaped exception."""
    bad = [r for r in RESPONSES if r[3] >= 500 and r[3] != 503]
    assert bad == [], bad
    metrics = srv.get("/metrics").body.decode()
    assert not re.search(r'status="5(?!03)\d\d"', metrics), metrics
    logged = [(server.label, line) for server in SERVERS for line in server.lines
              if re.search(r"internal|I/O thread|search worker|session:|accept:|shutdown:",
                           line)]
    assert logged == [], logged
