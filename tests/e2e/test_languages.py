"""End-to-end tests of text analysis in every language a newsroom writes in (issue 6): the real
dateline-index indexes tests/fixtures/languages/articles.jsonl, the real dateline-server serves it
on a free loopback port, and every row of tests/fixtures/languages/cases.json is one search
through GET /v1/search, checked the way an API client sees it.

The fixture holds short original articles in English, German, French, Spanish, Russian, Arabic,
Chinese (Simplified), Japanese, Korean and Thai. An article's id starts with its language
("ko-seoul-1" is Korean); some articles omit `lang`, so the indexer must detect it (cld2).
Planted in them: accented and unaccented twins ("café"/"cafe", "Zürich"/"Zurich"), a curly
apostrophe ("Washington’s"), French elision ("l’économie"), hyphenated names and codes
("Kim Jong-un", "e-mail"/"email", "COVID-19", "F-35"), "U.S."/"US", Russian ё/е, Arabic
harakat, tatweel and alef variants, Korean particles glued to nouns ("서울은", "서울에서",
"평창올림픽") next to articles that hold only one of the two syllables ("서쪽", "울산"), and
Chinese, Japanese and Thai text without spaces.

A case in cases.json is an object:

  name             the test id
  q                the query (absent: no q, e.g. a filter-only listing)
  lang             sent as the lang parameter: the query's language, and a filter
  filters          further parameters, sent as they are (lang, facets, ...; lists repeat)
  expect_ids       ids the results must contain (all of them, on the first page of 100)
  expect_first     the id that must rank first
  expect_absent    ids that must not be among the results
  expect_total     the exact `total`
  expect_relaxed   the exact `relaxed` (false: every word matched, no fallback to any word)
  expect_facets    {"lang": {"en": 5, ...}}: a facet's values and counts, exactly
  expect_highlight {"id", "field": "snippet" | "title", "contains"}: that hit's snippet or
                   title_highlighted contains the given HTML ("<mark>서울</mark>에서")

Every search is made with per_page=100 (the fixture has fewer articles) and snippet_words=100, so
a hit and its whole (short) body are always visible. Every /v1/search body is validated against
schemas/search_response.schema.json by the last test.
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
FIXTURES = ROOT / "tests" / "fixtures" / "languages"
ARTICLES_FILE = FIXTURES / "articles.jsonl"
ARTICLES = [json.loads(line) for line in ARTICLES_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip()]
BY_ID = {article["id"]: article for article in ARTICLES}
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))

LANGUAGES = ("en", "de", "fr", "es", "ru", "ar", "zh", "ja", "ko", "th")
CASE_KEYS = {"name", "q", "lang", "filters", "expect_ids", "expect_first", "expect_absent",
             "expect_total", "expect_relaxed", "expect_facets", "expect_highlight"}
HIGHLIGHT_FIELDS = {"snippet": "snippet", "title": "title_highlighted"}

SEARCH_SCHEMA = json.loads((ROOT / "schemas" / "search_response.schema.json")
                           .read_text(encoding="utf-8"))
ARTICLE_SCHEMA = json.loads((ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8"))

# Every /v1/search (target, body) any test received; see test_zz_search_responses_match_schema.
RESPONSES = []


def language_of_id(article_id):
    """The fixture's convention: an id starts with its article's language."""
    return article_id.split("-", 1)[0]


def primary(tag):
    return tag.split("-", 1)[0].lower()


# --------------------------------------------------------------------------- the server


class LanguagesServer(ServerProcess):
    """dateline-server on 127.0.0.1 with an ephemeral port, as in test_server.py."""

    def __init__(self, binary, db):
        super().__init__(binary, ["--db", db, "--listen", "127.0.0.1:0"], label="languages")

    def get(self, target):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def get_json(self, target):
        status, body = self.get(target)
        assert status == 200, f"GET {target}: {status} {body[:500]!r}"
        return json.loads(body.decode("utf-8"))

    def search(self, params):
        target = "/v1/search?" + urlencode(params, doseq=True)
        body = self.get_json(target)
        RESPONSES.append((target, body))
        return target, body


@pytest.fixture(scope="module")
def served(tmp_path_factory, index_binary, server_binary):
    workdir = tmp_path_factory.mktemp("languages")
    db = workdir / "db"
    # Bodies as given: these tests are about analysis, not boilerplate removal.
    result = subprocess.run([str(index_binary), "add", "--db", str(db), "--keep-boilerplate",
                             str(ARTICLES_FILE)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(workdir),
                            timeout=120)
    assert result.returncode == 0, (f"dateline-index add {ARTICLES_FILE} exited "
                                    f"{result.returncode}:\n"
                                    f"{result.stderr.decode('utf-8', errors='replace')}")
    server = LanguagesServer(server_binary, db)
    try:
        yield server
    finally:
        status = server.terminate()
    assert status == 0, f"server exited {status} on SIGTERM; stderr:\n{server.stderr()}"


# --------------------------------------------------------------------------- reporting


def describe(case, target, body, problems):
    """A failure message: what was asked, what was wrong, and what came back."""
    lines = [f"case {case['name']!r}: " + "; ".join(problems),
             "  case: " + json.dumps(case, ensure_ascii=False),
             f"  GET {target}",
             f"  total={body.get('total')} relaxed={body.get('relaxed')} "
             f"suggestion={body.get('suggestion')!r} "
             f"ids={[hit['id'] for hit in body.get('hits', [])]}"]
    for rank, hit in enumerate(body.get("hits", []), 1):
        lines.append(f"  {rank:2}. {hit['id']} (score {hit.get('score')}, "
                     f"lang {hit.get('lang', '-')})")
        lines.append(f"      title:   {hit.get('title_highlighted')}")
        lines.append(f"      snippet: {hit.get('snippet', '')[:300]}")
    if body.get("facets"):
        lines.append("  facets: " + json.dumps(body["facets"], ensure_ascii=False))
    return "\n".join(lines)


def request_params(case):
    params = {"per_page": 100, "snippet_words": 100}
    if "q" in case:
        params["q"] = case["q"]
    if "lang" in case:
        params["lang"] = case["lang"]
    for name, value in case.get("filters", {}).items():
        params[name] = value
    return params


# --------------------------------------------------------------------------- the table


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(served, case):
    target, body = served.search(request_params(case))
    hits = body["hits"]
    got = [hit["id"] for hit in hits]
    problems = []

    missing = [i for i in case["expect_ids"] if i not in got]
    if missing:
        problems.append(f"missing {missing}")
    if "expect_first" in case and (not got or got[0] != case["expect_first"]):
        problems.append(f"expected {case['expect_first']} first, got "
                        f"{got[0] if got else 'no hits'}")
    present = [i for i in case.get("expect_absent", []) if i in got]
    if present:
        problems.append(f"must not match {present}")
    if "expect_total" in case and body["total"] != case["expect_total"]:
        problems.append(f"total {body['total']}, expected {case['expect_total']}")
    if "expect_relaxed" in case and body["relaxed"] != case["expect_relaxed"]:
        problems.append(f"relaxed {body['relaxed']}, expected {case['expect_relaxed']}")
    for facet, expected in case.get("expect_facets", {}).items():
        values = body.get("facets", {}).get(facet)
        if values is None:
            problems.append(f"no {facet!r} facet in the response")
            continue
        counts = {entry["value"]: entry["count"] for entry in values}
        if counts != expected:
            problems.append(f"facet {facet}: {counts}, expected {expected}")
    if "expect_highlight" in case:
        want = case["expect_highlight"]
        field = HIGHLIGHT_FIELDS[want["field"]]
        hit = next((hit for hit in hits if hit["id"] == want["id"]), None)
        if hit is None:
            problems.append(f"no hit {want['id']} to check the highlight in")
        elif want["contains"] not in hit[field]:
            problems.append(f"{want['id']} {field} lacks {want['contains']!r}: {hit[field]!r}")

    assert not problems, describe(case, target, body, problems)


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize("article", ARTICLES, ids=[article["id"] for article in ARTICLES])
def test_article_language(served, article):
    """A declared `lang` is kept as given; an undeclared one is detected and stored, and the
    article is found under it by the lang filter."""
    declared = article.get("lang")
    expected = primary(declared) if declared else language_of_id(article["id"])
    stored = served.get_json("/v1/articles/" + quote(article["id"], safe=""))
    found = stored.get("lang")
    how = f"declared {declared!r}" if declared else f"undeclared, {expected!r} expected"
    assert found, f"{article['id']} ({how}): the stored article has no lang: {stored}"
    if declared:
        assert found.lower() == declared.lower(), (
            f"{article['id']}: declared lang {declared!r} stored as {found!r}")
    else:
        assert primary(found) == expected, (
            f"{article['id']}: detected {found!r}, expected {expected!r}; title: "
            f"{article['title']!r}")

    target, body = served.search({"lang": expected, "per_page": 100})
    hit = next((hit for hit in body["hits"] if hit["id"] == article["id"]), None)
    assert hit is not None, (
        f"{article['id']} ({how}) is not listed by lang={expected}: GET {target} -> "
        f"{[h['id'] for h in body['hits']]}")
    if "lang" in hit:  # hits may carry the article's language
        assert primary(hit["lang"]) == expected, f"{article['id']}: hit lang {hit['lang']!r}"


# --------------------------------------------------------------------------- the fixtures


def test_fixture_articles_follow_the_contract():
    """The fixture is valid indexer input, and its ids follow the language convention."""
    validator = jsonschema.Draft202012Validator(ARTICLE_SCHEMA)
    assert len(BY_ID) == len(ARTICLES), "duplicate ids in articles.jsonl"
    per_language = {}
    for article in ARTICLES:
        errors = [e.message for e in validator.iter_errors(article)]
        assert not errors, f"{article['id']} breaks article.schema.json: {errors}"
        language = language_of_id(article["id"])
        assert language in LANGUAGES, f"{article['id']}: id does not start with a language"
        if article.get("lang"):
            assert primary(article["lang"]) == language, article["id"]
        per_language.setdefault(language, []).append(article)
    for language in LANGUAGES:
        articles = per_language.get(language, [])
        assert 3 <= len(articles) <= 5, f"{language}: {len(articles)} articles"
        assert any(not a.get("lang") for a in articles), f"{language}: every article declares lang"


def test_cases_are_well_formed():
    """Every case refers to fixture articles, and what it expects to see is in the article."""
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    for case in CASES:
        name = case["name"]
        assert set(case) <= CASE_KEYS, f"{name}: unknown keys {set(case) - CASE_KEYS}"
        referenced = list(case["expect_ids"]) + list(case.get("expect_absent", []))
        if "expect_first" in case:
            referenced.append(case["expect_first"])
            assert case["expect_first"] in case["expect_ids"], name
        unknown = [i for i in referenced if i not in BY_ID]
        assert not unknown, f"{name}: no such fixture articles {unknown}"
        assert not set(case["expect_ids"]) & set(case.get("expect_absent", [])), name
        if "expect_highlight" in case:
            want = case["expect_highlight"]
            assert want["field"] in HIGHLIGHT_FIELDS, name
            assert want["id"] in case["expect_ids"], name
            text = BY_ID[want["id"]]["body" if want["field"] == "snippet" else "title"]
            plain = want["contains"].replace("<mark>", "").replace("</mark>", "")
            assert plain in text, f"{name}: {plain!r} is not in {want['id']}'s {want['field']}"


# --------------------------------------------------------------------------- last


def test_zz_search_responses_match_schema(served):
    """Every /v1/search body above follows schemas/search_response.schema.json (which must
    describe the lang facet, and lang on hits if the server sends it)."""
    assert RESPONSES, "no searches were recorded (run the whole module)"
    validator = jsonschema.Draft202012Validator(SEARCH_SCHEMA)
    broken = []
    for target, body in RESPONSES:
        errors = sorted({e.message for e in validator.iter_errors(body)})
        if errors:
            broken.append(f"GET {target}: {errors[:3]}")
    assert not broken, (f"{len(broken)} of {len(RESPONSES)} responses break "
                        "search_response.schema.json:\n" + "\n".join(broken[:20]))
