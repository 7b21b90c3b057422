"""End-to-end tests of stories (issue 10): a small corpus holding near-copies of articles is
indexed by the real dateline-index, and the real dateline-server answers /v1/search (collapsed by
story by default, or not with collapse=none), /v1/stories/{id}, related articles and the HTML
results page. Every body is validated against schemas/search_response.schema.json or
schemas/story.schema.json, every error against error.schema.json. Only loopback addresses.
"""
import http.client
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode

import jsonschema
import pytest

from conftest import ServerProcess

ROOT = Path(os.environ.get("DATELINE_ROOT") or Path(__file__).resolve().parents[2]).resolve()
SCHEMAS = ROOT / "schemas"
SEARCH_VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((SCHEMAS / "search_response.schema.json").read_text(encoding="utf-8")))
STORY_VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((SCHEMAS / "story.schema.json").read_text(encoding="utf-8")))
ERROR_VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((SCHEMAS / "error.schema.json").read_text(encoding="utf-8")))

STRIKE = ("Ferry crews at the northern harbour voted on Tuesday to accept the revised pay offer "
          "after six weeks of talks with the harbour board, ending a dispute that had cancelled "
          "most evening crossings to the islands since the start of the spring timetable and "
          "left hauliers queueing at the quay for hours every day of the week.")
BRIDGE = ("Engineers closed the old swing bridge over the river on Monday after inspectors found "
          "cracks in two of its cast iron girders, sending traffic on a detour of eleven miles "
          "through the villages while the county council decides whether the ninety year old "
          "crossing can be repaired or must be replaced by a new ferry service.")

# Story "strike": the wire's original, a copy naming it as its original, a re-headlined copy
# with a trimmed ending. Story "bridge": two copies. One ferry article on its own, and one
# too short to compare.
CORPUS = [
    {"id": "wire-strike", "title": "Ferry crews accept pay offer", "body": STRIKE,
     "date": "2024-03-12T09:00:00Z", "source": "Coast Wire",
     "url": "https://wire.example/strike", "tags": ["transport"]},
    {"id": "gazette-strike", "title": "Ferry strike ends", "body": STRIKE,
     "date": "2024-03-12T08:00:00Z", "source": "Harbour Gazette",
     "url": "https://gazette.example/strike", "original_url": "https://wire.example/strike",
     "original_source": "Coast Wire", "tags": ["transport", "labour"]},
    {"id": "ledger-strike", "title": "Islands get their evening ferries back",
     "body": STRIKE.rsplit(" and ", 1)[0] + ".", "date": "2024-03-13T07:00:00Z",
     "source": "Valley Ledger", "url": "https://ledger.example/strike", "tags": ["transport"]},
    {"id": "gazette-bridge", "title": "Swing bridge shut", "body": BRIDGE,
     "date": "2024-02-01T10:00:00Z", "source": "Harbour Gazette",
     "url": "https://gazette.example/bridge", "tags": ["roads"]},
    {"id": "ledger-bridge", "title": "Cracks close river bridge", "body": BRIDGE,
     "date": "2024-02-01T15:00:00Z", "source": "Valley Ledger", "tags": ["roads"]},
    {"id": "gazette-timetable", "title": "Summer ferry timetable published",
     "body": "The harbour board published the summer ferry timetable with two extra sailings on "
             "Saturdays and a later last crossing from the islands on Fridays.",
     "date": "2024-01-20T10:00:00Z", "source": "Harbour Gazette", "tags": ["transport"]},
    {"id": "short-ferry", "title": "Ferry news", "body": "Ferry news.",
     "date": "2024-01-02T10:00:00Z", "source": "Coast Wire"},
]


class Server(ServerProcess):
    def get(self, target, expect=200):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request("GET", target)
            response = conn.getresponse()
            body, headers, status = response.read(), response.msg, response.status
        finally:
            conn.close()
        assert status == expect, f"GET {target}: {status} {body[:300]!r}"
        return body, headers

    def get_json(self, target, expect=200, validator=None):
        body, headers = self.get(target, expect)
        data = json.loads(body)
        if expect >= 400:
            validator = ERROR_VALIDATOR
        if validator is not None:
            errors = [e.message for e in validator.iter_errors(data)]
            assert errors == [], f"GET {target}: breaks its schema: {errors}"
        return data, headers

    def search(self, **params):
        return self.get_json("/v1/search?" + urlencode(params, doseq=True),
                             validator=SEARCH_VALIDATOR)[0]

    def story(self, story_id, expect=200):
        return self.get_json("/v1/stories/" + quote(story_id, safe=""), expect,
                             STORY_VALIDATOR if expect == 200 else None)


@pytest.fixture(scope="module")
def srv(tmp_path_factory, index_binary, server_binary):
    workdir = tmp_path_factory.mktemp("stories")
    corpus = workdir / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in CORPUS), encoding="utf-8")
    db = workdir / "db"
    added = subprocess.run([str(index_binary), "add", "--db", str(db), "--json", str(corpus)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert added.returncode == 0, added.stderr.decode(errors="replace")
    assert json.loads(added.stdout)["copies"] == 3  # two copies of one story, one of another
    server = Server(server_binary, ["--db", db, "--listen", "127.0.0.1:0"], label="stories")
    yield server
    assert server.terminate() == 0, server.stderr()


def story_ids(hits):
    return sorted(hit["story"]["id"] for hit in hits)


def test_search_collapses_copies_by_default(srv):
    body = srv.search(q="ferry")
    assert body["collapse"] == "story"
    assert body["total"] == 4 and body["total_relation"] == "eq"
    assert story_ids(body["hits"]) == sorted(
        ["wire-strike", "gazette-bridge", "gazette-timetable", "short-ferry"])
    strike = next(h for h in body["hits"] if h["story"]["id"] == "wire-strike")
    assert strike["story"] == {
        "id": "wire-strike", "size": 3,
        "sources": ["Harbour Gazette", "Coast Wire", "Valley Ledger"],
        "first_seen": "2024-03-12T08:00:00Z",
        "canonical_id": "wire-strike",  # named as the original, though not the earliest
    }
    assert strike["url"] == "https://wire.example/strike"  # whichever copy matched best


def test_collapse_none_lists_every_copy(srv):
    body = srv.search(q="ferry", collapse="none")
    assert body["collapse"] == "none"
    assert body["total"] == 7 and len(body["hits"]) == 7
    by_id = {hit["id"]: hit for hit in body["hits"]}
    assert by_id["ledger-strike"]["url"] == "https://ledger.example/strike"  # its own
    assert by_id["ledger-strike"]["story"]["id"] == "wire-strike"
    assert by_id["short-ferry"]["story"] == {
        "id": "short-ferry", "size": 1, "sources": ["Coast Wire"],
        "first_seen": "2024-01-02T10:00:00Z", "canonical_id": "short-ferry"}


def test_date_order_and_facets_count_stories(srv):
    newest = srv.search(q="ferry", sort="newest", facets="source,tag")
    assert [h["story"]["id"] for h in newest["hits"]] == [
        "wire-strike", "gazette-bridge", "gazette-timetable", "short-ferry"]
    assert newest["hits"][0]["id"] == "ledger-strike"  # the story's newest copy
    facets = {f["value"]: f["count"] for f in newest["facets"]["source"]}
    assert facets == {"Harbour Gazette": 3, "Coast Wire": 2, "Valley Ledger": 2}
    for source, count in facets.items():
        assert srv.search(q="ferry", source=source)["total"] == count
    tags = {f["value"]: f["count"] for f in newest["facets"]["tag"]}
    assert tags == {"transport": 2, "roads": 1, "labour": 1}


def test_bad_collapse_value_is_an_invalid_parameter(srv):
    error, _ = srv.get_json("/v1/search?q=ferry&collapse=copies", expect=400)
    assert error["error"]["code"] == "invalid_parameter"
    assert error["error"]["parameter"] == "collapse"


def test_story_endpoint_lists_every_copy_by_date(srv):
    story, headers = srv.story("wire-strike")
    assert story["size"] == 3
    assert story["first_seen"] == "2024-03-12T08:00:00Z"
    assert story["canonical_id"] == "wire-strike"
    assert [a["id"] for a in story["articles"]] == [
        "gazette-strike", "wire-strike", "ledger-strike"]
    assert story["articles"][0] == {
        "id": "gazette-strike", "title": "Ferry strike ends", "source": "Harbour Gazette",
        "date": "2024-03-12T08:00:00Z", "url": "https://gazette.example/strike"}
    # Cached like the other GET endpoints.
    assert headers["ETag"]
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=10)
    conn.request("GET", "/v1/stories/wire-strike", headers={"If-None-Match": headers["ETag"]})
    assert conn.getresponse().status == 304
    conn.close()

    bridge, _ = srv.story("gazette-bridge")
    assert [a["url"] for a in bridge["articles"]] == ["https://gazette.example/bridge", None]


def test_unknown_story_is_not_found(srv):
    for unknown in ["gazette-strike", "no-such-story", "a/b"]:
        error, _ = srv.story(unknown, expect=404)
        assert error["error"]["code"] == "not_found"
    error, _ = srv.get_json("/v1/stories/wire-strike?x=1", expect=400)
    assert error["error"]["code"] == "unknown_parameter"


def test_related_articles_leave_out_the_story(srv):
    related, _ = srv.get_json("/v1/articles/gazette-strike/related")
    stories = [hit["story"]["id"] for hit in related["hits"]]
    assert "wire-strike" not in stories
    assert len(stories) == len(set(stories))


def test_results_page_says_also_in_other_sources(srv):
    body, _ = srv.get("/search?" + urlencode({"q": "swing bridge"}))
    page = body.decode("utf-8")
    assert "1 result" in page
    assert ">also in 1 source</span>" in page
    body, _ = srv.get("/search?" + urlencode({"q": "sailings"}))
    assert "result-story" not in body.decode("utf-8")
