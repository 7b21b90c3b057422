"""End-to-end tests of the web pages dateline-server serves: the search box's files compiled into
the binary (/embed.js, /, /demo.css, /search-page.css and their versioned aliases) and the
server-rendered results page /search, which works with JavaScript off.

One module-scoped index holds ../shared/corpus/sample-200.jsonl (when present) plus the inline
articles below, which carry hostile markup in every field a page shows; one server on a free
loopback port serves it. Checked against issue 4, docs/api.md ("Web pages and the search box")
and the files in web/.
"""
import gzip
import html.parser
import http.client
import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from conftest import ServerProcess

ROOT = Path(os.environ.get("DATELINE_ROOT") or Path(__file__).resolve().parents[2]).resolve()
WEB = ROOT / "web"

LONG_LIVED = "public, max-age=86400, stale-while-revalidate=604800"
IMMUTABLE = "public, max-age=31536000, immutable"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

# The indexer turns markup into text, so entities are how a title ends up as the literal text
# "<img src=x onerror=alert(1)>"; a URL may hold a quote (the contract forbids only spaces).
INLINE = [
    {"id": "hostile-1",
     "title": "&lt;img src=x onerror=alert(1)&gt; zebrafish &lt;script&gt;alert(2)&lt;/script&gt;",
     "body": "The zebrafish &lt;script&gt;alert(3)&lt;/script&gt; story &amp; more.",
     "url": "https://evil.example/a\"onmouseover=\"alert(4)",
     "date": "2021-05-05T10:00:00Z", "source": "<Evil> \"Wire\"",
     "author": "O'Hostile <b>", "tags": ["fixture", "<svg onload=alert(5)>"]},
    {"id": "relative-1", "title": "Zebrafish local edition", "body": "A zebrafish on a site path.",
     "url": "/2021/05/zebrafish", "date": "2021-05-06T10:00:00Z", "source": "Local Desk",
     "tags": ["fixture"]},
] + [
    {"id": f"quagga-{i}", "title": f"Quagga report {i}", "body": f"Quagga sighting number {i}.",
     "url": f"https://zoo.example/quagga/{i}", "date": f"2020-01-{i + 1:02d}T08:00:00Z",
     "source": "Zoo Times", "tags": ["fixture", "quagga"]}
    for i in range(23)
]


class Page(html.parser.HTMLParser):
    """The elements of an HTML document: (tag, attributes) in order, and its text."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.text_parts = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def text(self):
        return " ".join("".join(self.text_parts).split())

    def find_all(self, tag, **attrs):
        return [a for t, a in self.elements
                if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def selected(self, value):
        """True when an <option value=VALUE> is selected."""
        return any("selected" in a for t, a in self.elements
                   if t == "option" and a.get("value") == value)

    def tags(self):
        return {t for t, _ in self.elements}


class Reply:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.msg
        self.body = response.read()

    def header(self, name):
        return self.headers.get(name)

    def page(self):
        assert self.header("Content-Type") == "text/html; charset=utf-8", self.headers
        return Page(self.body.decode("utf-8"))


class Server(ServerProcess):
    def __init__(self, binary, db):
        super().__init__(binary, ["--db", db, "--listen", "127.0.0.1:0"], label="web server")

    def request(self, target, method="GET", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, target, headers=headers or {})
            return Reply(conn.getresponse())
        finally:
            conn.close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM to this PID only
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def srv(tmp_path_factory, index_binary, server_binary, shared_dir):
    workdir = tmp_path_factory.mktemp("web")
    inline = workdir / "inline.jsonl"
    inline.write_text("".join(json.dumps(a) + "\n" for a in INLINE), encoding="utf-8")
    inputs = [inline]
    sample = shared_dir / "corpus" / "sample-200.jsonl"
    if sample.is_file():
        inputs.insert(0, sample)
    result = subprocess.run([str(index_binary), "add", "--db", str(workdir / "db"), *inputs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    server = Server(server_binary, workdir / "db")
    yield server
    assert server.stop() == 0, server.lines


def fnv1a64(data):
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def search(srv, params, **kwargs):
    return srv.request("/search?" + urlencode(params, doseq=True), **kwargs)


# --------------------------------------------------------------------------- static files

ASSETS = [
    ("/embed.js", "embed.js", "application/javascript; charset=utf-8", LONG_LIVED),
    ("/", "demo.html", "text/html; charset=utf-8", "public, max-age=300"),
    ("/demo.css", "demo.css", "text/css; charset=utf-8", LONG_LIVED),
    ("/search-page.css", "search-page.css", "text/css; charset=utf-8", LONG_LIVED),
]


@pytest.mark.parametrize("path,name,content_type,cache_control", ASSETS,
                         ids=[a[0] for a in ASSETS])
def test_assets_are_the_web_files_gzipped_when_accepted(srv, path, name, content_type,
                                                        cache_control):
    expected = (WEB / name).read_bytes()
    plain = srv.request(path)
    assert plain.status == 200
    assert plain.header("Content-Type") == content_type
    assert plain.header("Cache-Control") == cache_control
    assert plain.header("Content-Encoding") is None
    assert plain.body == expected

    zipped = srv.request(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.status == 200
    assert zipped.header("Cache-Control") == cache_control
    if zipped.header("Content-Encoding") == "gzip":
        assert gzip.decompress(zipped.body) == expected
        assert len(zipped.body) < len(expected)
        assert "Accept-Encoding" in zipped.header("Vary")
        assert "Accept-Encoding" in plain.header("Vary")
    else:  # only a file gzip cannot shrink is sent as it is
        assert zipped.body == expected and len(gzip.compress(expected)) >= len(expected)
    etag = zipped.header("ETag")
    assert re.fullmatch(r'"[0-9a-f]{16}"', etag), etag  # strong
    assert etag != plain.header("ETag") or zipped.body == plain.body
    assert plain.header("X-Content-Type-Options") == "nosniff"


def test_gzip_refused_with_q0_is_not_sent(srv):
    reply = srv.request("/embed.js", headers={"Accept-Encoding": "gzip;q=0, *;q=1"})
    assert reply.header("Content-Encoding") is None
    assert reply.body == (WEB / "embed.js").read_bytes()
    star = srv.request("/embed.js", headers={"Accept-Encoding": "*"})
    assert star.header("Content-Encoding") == "gzip"


def test_revalidation_answers_304(srv):
    for headers in ({}, {"Accept-Encoding": "gzip"}):
        first = srv.request("/embed.js", headers=headers)
        again = srv.request("/embed.js",
                            headers={**headers, "If-None-Match": first.header("ETag")})
        assert again.status == 304
        assert again.body == b""
        assert again.header("ETag") == first.header("ETag")
        assert again.header("Cache-Control") == LONG_LIVED
    stale = srv.request("/embed.js", headers={"If-None-Match": '"0000000000000000"'})
    assert stale.status == 200


def test_head_gives_the_headers_of_get(srv):
    get = srv.request("/embed.js", headers={"Accept-Encoding": "gzip"})
    head = srv.request("/embed.js", method="HEAD", headers={"Accept-Encoding": "gzip"})
    assert head.status == 200 and head.body == b""
    assert head.header("Content-Length") == str(len(get.body))
    assert head.header("ETag") == get.header("ETag")


def test_embed_js_has_an_immutable_versioned_alias(srv):
    content = (WEB / "embed.js").read_bytes()
    alias = f"/embed.{fnv1a64(content):016x}"[:len('/embed.') + 12] + ".js"
    reply = srv.request(alias, headers={"Accept-Encoding": "gzip"})
    assert reply.status == 200, alias
    assert reply.header("Cache-Control") == IMMUTABLE
    assert gzip.decompress(reply.body) == content
    assert srv.request("/embed.000000000000.js").status == 404


def test_the_demo_page_is_html_with_the_security_headers(srv):
    reply = srv.request("/")
    assert reply.header("Content-Security-Policy") == CSP
    assert reply.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert reply.page().find_all("script", src="/embed.js")
    assert srv.request("/embed.js").header("Content-Security-Policy") is None


# --------------------------------------------------------------------------- /search


def test_search_page_shows_highlighted_results(srv):
    reply = search(srv, {"q": "quagga"})
    assert reply.status == 200
    assert reply.header("Content-Security-Policy") == CSP
    assert reply.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert reply.header("Cache-Control") == "public, max-age=10"
    assert reply.header("ETag").startswith('W/"')
    page = reply.page()
    assert "<mark>" in reply.body.decode()
    assert page.find_all("mark")
    assert "23 results for \u201cquagga\u201d" in page.text
    assert page.find_all("html", lang="en")
    assert len(page.find_all("h1")) == 1
    assert page.find_all("form", role="search", action="/search", method="get")
    assert page.find_all("input", type="search", name="q", value="quagga")
    assert page.find_all("link", rel="stylesheet", href="/search-page.css")
    assert page.find_all("time")
    links = [a["href"] for a in page.find_all("a") if a.get("href", "").startswith("https://zoo")]
    assert len(links) == 10


def test_hostile_fields_come_out_as_text(srv):
    reply = search(srv, {"q": "zebrafish"})
    assert reply.status == 200
    page = reply.page()
    assert not page.tags() & {"img", "script", "svg", "b"}, page.tags()
    assert "<img src=x onerror=alert(1)>" in page.text  # shown, as text
    assert "<svg onload=alert(5)>" in page.text
    assert '<Evil> "Wire"' in page.text
    hrefs = [a.get("href") for a in page.find_all("a")]
    assert 'https://evil.example/a"onmouseover="alert(4)' in hrefs  # one attribute, whole
    assert not any(a.get("onmouseover") for _, a in page.elements)
    assert "/2021/05/zebrafish" not in hrefs  # a site path has no site here: not a link
    assert "Zebrafish local edition" in page.text


def test_empty_and_unknown_parameters_are_ignored(srv):
    plain = search(srv, {"q": "quagga"})
    noisy = search(srv, [("q", "quagga"), ("from", ""), ("to", ""), ("source", ""), ("sort", ""),
                         ("utm_source", "blog"), ("fbclid", "x"), ("facets", "nonsense")])
    assert noisy.status == 200
    assert noisy.page().text == plain.page().text


def test_filters_and_sort_are_kept_in_the_form(srv):
    page = search(srv, {"q": "quagga", "from": "now-365d", "source": "Zoo Times",
                        "sort": "newest"}).page()
    assert page.selected("now-365d")
    assert page.selected("Zoo Times")
    assert page.selected("newest")
    assert not page.selected("relevance")


def test_bad_values_give_an_html_400_with_the_form(srv):
    reply = search(srv, {"q": "quagga", "from": "yesterday"})
    assert reply.status == 400
    assert reply.header("Cache-Control") == "no-store"
    assert reply.header("Content-Security-Policy") == CSP
    page = reply.page()
    assert page.find_all("form", role="search")
    assert page.find_all("input", name="q", value="quagga")
    assert page.find_all("p", role="alert")
    assert "start date" in page.text
    for params in ({"page": "0"}, {"per_page": "500"}, {"sort": "sideways"}):
        bad = search(srv, {"q": "quagga", **params})
        assert bad.status == 400, params
        assert bad.page().find_all("p", role="alert")
    for target in ("/search?q=%zz", "/search?q=%FF", "/search?q=" + "a" * 4097):
        bad = srv.request(target)
        assert bad.status == 400, target
        assert bad.page().find_all("p", role="alert"), target


def test_pagination_links_walk_the_results(srv):
    first = search(srv, {"q": "quagga", "source": "Zoo Times", "per_page": "10"}).page()
    assert "Page 1 of 3" in first.text
    assert not first.find_all("a", rel="prev")
    seen = [a["href"] for a in first.find_all("a") if a["href"].startswith("https://zoo")]
    target = first.find_all("a", rel="next")[0]["href"]
    pages = 1
    while target:
        query = parse_qs(urlsplit(target).query)
        assert query["q"] == ["quagga"] and query["source"] == ["Zoo Times"], target
        assert query["per_page"] == ["10"]
        reply = srv.request(target)
        assert reply.status == 200, target
        page = reply.page()
        pages += 1
        assert f"Page {pages} of 3" in page.text
        assert page.find_all("a", rel="prev")
        seen += [a["href"] for a in page.find_all("a") if a["href"].startswith("https://zoo")]
        nexts = page.find_all("a", rel="next")
        target = nexts[0]["href"] if nexts else None
    assert pages == 3
    assert len(seen) == len(set(seen)) == 23


def test_search_page_head_and_304(srv):
    get = search(srv, {"q": "quagga"})
    head = search(srv, {"q": "quagga"}, method="HEAD")
    assert head.status == 200 and head.body == b""
    assert head.header("Content-Length") == str(len(get.body))
    again = search(srv, {"q": "quagga"}, headers={"If-None-Match": get.header("ETag")})
    assert again.status == 304 and again.body == b""


def test_did_you_mean_keeps_the_filters(srv):
    page = search(srv, {"q": "quaga", "tag": "quagga"}).page()
    suggestions = [a["href"] for a in page.find_all("a") if "Did you mean" in page.text
                   and a["href"].startswith("/search?") and "quagga" in a["href"]]
    assert any(parse_qs(urlsplit(h).query) == {"q": ["quagga"], "tag": ["quagga"]}
               for h in suggestions), suggestions
