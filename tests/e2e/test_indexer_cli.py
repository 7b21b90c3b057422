"""End-to-end tests of dateline-index: the exit statuses, messages, counts and on-disk effects
that a user of the `add`, `delete`, `stats` and `compact` commands relies on.

Messages are checked against common/src/article_json.cpp, common/src/date.cpp and
indexer/reject_log.cpp; exit statuses against indexer/exit_status.hpp.
"""
import gzip
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import time
import zlib
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import pytest

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3
MAX_RECORD_BYTES = 4 * 1024 * 1024

SUMMARY_LINE = re.compile(
    r"read (?P<read>\d+), added (?P<added>\d+), replaced (?P<replaced>\d+), "
    r"rejected (?P<rejected>\d+) in \d+\.\d\d s \(\d+ articles/s, \d+\.\d MB/s\); "
    r"(?P<copies>\d+) copies of earlier stories; index holds (?P<articles>\d+) articles"
)

SUMMARY_SCHEMA = {
    "type": "object",
    "required": ["read", "added", "replaced", "rejected", "copies", "seconds", "articles",
                 "interrupted", "committed"],
    "additionalProperties": False,
    "properties": {
        "read": {"type": "integer", "minimum": 0},
        "added": {"type": "integer", "minimum": 0},
        "replaced": {"type": "integer", "minimum": 0},
        "rejected": {"type": "integer", "minimum": 0},
        "copies": {"type": "integer", "minimum": 0},
        "seconds": {"type": "number", "minimum": 0},
        "articles": {"type": "integer", "minimum": 0},
        "interrupted": {"type": "boolean"},
        "committed": {"type": "boolean"},
        "compaction": {"oneOf": [{"type": "null"}, {
            "type": "object", "additionalProperties": False,
            "required": ["bytes_before", "bytes_after", "seconds"],
            "properties": {"bytes_before": {"type": "integer", "minimum": 0},
                           "bytes_after": {"type": "integer", "minimum": 0},
                           "seconds": {"type": "number", "minimum": 0}}}]},
    },
}

COUNTS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["value", "count"],
        "additionalProperties": False,
        "properties": {"value": {"type": "string"}, "count": {"type": "integer", "minimum": 1}},
    },
}
STATS_SCHEMA = {
    "type": "object",
    "required": ["articles", "date_span", "top_sources", "top_tags", "size_bytes", "revision",
                 "schema_version"],
    "properties": {
        "articles": {"type": "integer", "minimum": 0},
        "date_span": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "first": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"},
                "last": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"},
            },
        },
        "top_sources": COUNTS,
        "top_tags": COUNTS,
        "size_bytes": {"type": "integer", "minimum": 0},
        "revision": {"type": "integer", "minimum": 0},
        "schema_version": {"const": "3"},
    },
}

REJECT_SCHEMA = {
    "type": "object",
    "required": ["file", "line", "field", "reason", "record"],
    "additionalProperties": False,
    "properties": {
        "file": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "field": {"type": "string", "minLength": 1},
        "reason": {"type": "string", "minLength": 1},
        "record": {"type": "string"},
    },
}

DELETE_SCHEMA = {
    "type": "object",
    "required": ["deleted", "not_found"],
    "additionalProperties": False,
    "properties": {
        "deleted": {"type": "integer", "minimum": 0},
        "not_found": {"type": "array", "items": {"type": "string"}},
    },
}


# --------------------------------------------------------------------------- helpers


def article(article_id, **fields):
    """A valid article record; keyword arguments override or add fields."""
    record = {
        "id": article_id,
        "title": f"Headline for {article_id}",
        "body": f"Body text of {article_id}, with a few words to index.",
        "date": "2020-01-02T03:04:05Z",
        "source": "Test Wire",
    }
    record.update(fields)
    return record


def line(record) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def write_lines(path: Path, lines, ending=b"\n") -> Path:
    """Writes records (dicts) or raw lines (bytes/str) as JSON Lines."""
    out = []
    for item in lines:
        if isinstance(item, dict):
            item = line(item)
        elif isinstance(item, str):
            item = item.encode("utf-8")
        out.append(item)
    path.write_bytes(ending.join(out) + ending)
    return path


def summary_of(result):
    """The `--json` summary printed on stdout, checked against its schema."""
    summary = json.loads(result.stdout)
    jsonschema.validate(summary, SUMMARY_SCHEMA)
    return summary


def stderr_lines(result):
    return result.stderr.splitlines()


def utc_rfc3339(text: str) -> str:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:  # YYYY-MM-DD: midnight UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def directory_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def wait_for(predicate, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def committed_articles(run_index, db):
    """Article count at the last commit, or None while there is no readable index yet."""
    result = run_index("stats", "--db", db, "--json")
    return json.loads(result.stdout)["articles"] if result.returncode == 0 else None


def many_articles(path: Path, count: int, prefix="gen") -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(json.dumps(article(f"{prefix}-{i}", title=f"Generated story number {i}",
                                         body=f"Generated body {i} about markets and weather."))
                      + "\n")
    return path


# --------------------------------------------------------------------------- 1, 2: corpus


def test_indexing_sample_200_adds_all_200_articles(run_index, stats, sample_200, tmp_path):
    result = run_index("add", "--db", tmp_path / "db", "--json", sample_200)

    assert result.returncode == EXIT_OK, result.stderr
    summary = summary_of(result)
    assert {k: summary[k] for k in ("read", "added", "replaced", "rejected", "articles")} == {
        "read": 200, "added": 200, "replaced": 0, "rejected": 0, "articles": 200}
    assert isinstance(summary["seconds"], (int, float)) and summary["seconds"] >= 0
    assert summary["interrupted"] is False and summary["committed"] is True
    index = stats(tmp_path / "db")
    jsonschema.validate(index, STATS_SCHEMA)
    assert index["articles"] == 200


def test_reindexing_the_same_file_replaces_instead_of_duplicating(run_index, stats, sample_200,
                                                                  tmp_path):
    db = tmp_path / "db"
    assert run_index("add", "--db", db, "-q", sample_200).returncode == EXIT_OK

    again = run_index("add", "--db", db, "--json", sample_200)

    assert again.returncode == EXIT_OK, again.stderr
    summary = summary_of(again)
    assert (summary["read"], summary["added"], summary["replaced"], summary["rejected"]) == (
        200, 0, 200, 0)
    assert summary["articles"] == 200
    assert stats(db)["articles"] == 200


# --------------------------------------------------------------------------- 3: shipped sample


def test_shipped_sample_indexes_50_articles_with_sources_stories_and_utc_date_span(
        run_index, stats, shipped_sample, tmp_path):
    records = [json.loads(text) for text in shipped_sample.read_text("utf-8").splitlines()
               if text.strip()]
    assert len(records) == 50

    result = run_index("add", "--db", tmp_path / "db", "--json", shipped_sample)

    assert result.returncode == EXIT_OK, result.stderr
    summary = summary_of(result)
    assert (summary["read"], summary["added"], summary["rejected"]) == (50, 50, 0)
    assert summary["copies"] == 2  # one article republished by two other outlets
    index = stats(tmp_path / "db")
    jsonschema.validate(index, STATS_SCHEMA)
    assert index["articles"] == 50
    # Sources are stored normalised (case-folded); the shipped sample has four publications
    # and the two that republished one of their articles.
    expected_sources = Counter(r["source"] for r in records)
    assert len(index["top_sources"]) == 6
    assert {s["value"]: s["count"] for s in index["top_sources"]} == dict(expected_sources)
    utc_dates = sorted(utc_rfc3339(r["date"]) for r in records)
    assert index["date_span"] == {"first": utc_dates[0], "last": utc_dates[-1]}


# --------------------------------------------------------------------------- 4, 5: bad records


def _mixed_file_lines():
    """(raw line, expected "field: reason" or None for good records and blank lines)."""
    invalid_utf8 = b'{"id": "bad-utf8", "title": "caf\xe9", "body": "b", "date": "2020-01-01", ' \
                   b'"source": "s"}'
    huge = line(article("huge", body="x" * MAX_RECORD_BYTES))
    bad_byte = invalid_utf8.index(b"\xe9") + 1
    rows = [
        (line(article("good-1")), None),
        (line(article("good-2")), None),
        (b'{"id": "bad-json", "title": oops}',
         "record: invalid JSON: parse error at line 1, column 29: syntax error while parsing "
         """value - invalid literal; last read: '"title": o'"""),
        (line(article("good-3")), None),
        (invalid_utf8, f"record: invalid UTF-8 at byte {bad_byte}"),
        (line({k: v for k, v in article("no-title").items() if k != "title"}),
         "title: required field is missing"),
        (line(article(42)), "id: must be a string, got number"),
        (line(article("bad-date", date="2018-02-30")),
         'date: no such calendar date: "2018-02-30"'),
        (huge, f"record: larger than the 4 MiB limit ({len(huge)} bytes)"),
        (line(article("good-4")), None),
        (line(article("many-tags", tags=[f"t{i}" for i in range(101)])),
         "tags: more than 100 tags (101)"),
        (line(article("long-title", title="a" * 1001)),
         "title: longer than 1000 characters (1001)"),
        (b"", None),
        (b"   \t ", None),
        (line(article("good-5")), None),
        (b'[{"id": "in-an-array"}]', "record: must be a JSON object, got array"),
        (line(article("good-6")), None),
    ]
    return rows


def test_mixed_file_indexes_every_good_record_and_reports_each_bad_one(run_index, stats,
                                                                       tmp_path):
    rows = _mixed_file_lines()
    write_lines(tmp_path / "bad.jsonl", [raw for raw, _ in rows])
    good = sum(1 for raw, expected in rows if expected is None and raw.strip())
    bad = [(number, expected) for number, (_, expected) in enumerate(rows, 1) if expected]

    result = run_index("add", "--db", "db", "bad.jsonl")

    assert result.returncode == EXIT_REJECTED, result.stderr
    assert stats(tmp_path / "db")["articles"] == good == 6
    lines = stderr_lines(result)
    assert len(lines) == len(bad) + 1, result.stderr  # one per bad record, then the summary
    for (number, expected), printed in zip(bad, lines):
        assert printed == f"bad.jsonl:{number}: {expected}"
    summary = SUMMARY_LINE.fullmatch(lines[-1])
    assert summary, lines[-1]
    assert summary.groupdict() == {"read": str(good + len(bad)), "added": str(good),
                                   "replaced": "0", "rejected": str(len(bad)), "copies": "0",
                                   "articles": str(good)}
    # Blank lines (13 and 14) are skipped silently.
    assert not any(re.match(r"bad\.jsonl:1[34]:", text) for text in lines)


def test_rejects_file_holds_one_json_line_per_rejected_record(run_index, tmp_path):
    rows = _mixed_file_lines()
    write_lines(tmp_path / "bad.jsonl", [raw for raw, _ in rows])
    bad = [(number, raw, expected) for number, (raw, expected) in enumerate(rows, 1) if expected]

    result = run_index("add", "--db", "db", "--rejects", "rejects.jsonl", "bad.jsonl")

    assert result.returncode == EXIT_REJECTED
    entries = [json.loads(text) for text in
               (tmp_path / "rejects.jsonl").read_text("utf-8").splitlines()]
    assert len(entries) == len(bad)
    for entry, (number, raw, expected) in zip(entries, bad):
        jsonschema.validate(entry, REJECT_SCHEMA)
        field, reason = expected.split(": ", 1)
        assert (entry["file"], entry["line"], entry["field"]) == ("bad.jsonl", number, field)
        assert entry["reason"] == reason
        if len(raw) > MAX_RECORD_BYTES:
            # An oversized record is never held whole: its first 4 KiB identify it.
            assert entry["record"] == raw[:4096].decode("utf-8", errors="replace")
        else:
            # The raw text, with invalid UTF-8 replaced so the line stays valid JSON.
            assert entry["record"] == raw.decode("utf-8", errors="replace")
    # The same messages still go to stderr.
    assert sum(1 for text in stderr_lines(result) if text.startswith("bad.jsonl:")) == len(bad)


def test_only_the_first_50_rejections_are_printed_then_a_count(run_index, tmp_path):
    write_lines(tmp_path / "many-bad.jsonl",
                [article("ok")] + [{"id": f"bad-{i}"} for i in range(60)])

    plain = run_index("add", "--db", "db", "many-bad.jsonl")
    kept = run_index("add", "--db", "db2", "--rejects", "rej.jsonl", "many-bad.jsonl")

    for result in (plain, kept):
        assert result.returncode == EXIT_REJECTED
        printed = [t for t in stderr_lines(result) if t.startswith("many-bad.jsonl:")]
        assert printed == [f"many-bad.jsonl:{n}: title: required field is missing"
                           for n in range(2, 52)]
    assert "... and 10 more rejected records (use --rejects FILE to keep them)" in \
        stderr_lines(plain)
    assert "... and 10 more rejected records (all in rej.jsonl)" in stderr_lines(kept)
    assert len((tmp_path / "rej.jsonl").read_text().splitlines()) == 60


@pytest.mark.parametrize(
    "record, expected",
    [
        (article("i" * 256), None),
        (article("i" * 257), "id: must be 1 to 256 characters, got 257"),
        (article(""), "id: must be 1 to 256 characters, got 0"),
        (article("title-1000", title="t" * 1000), None),
        (article("tags-100", tags=[f"t{i}" for i in range(100)]), None),
        (article("blank-title", title="  "), "title: must not be empty"),
        (article("blank-source", source=" "), "source: must not be empty"),
        (article("bad-time", date="2024-01-01T25:00:00Z"),
         'date: no such time of day: "2024-01-01T25:00:00Z"'),
        (article("no-offset", date="2024-01-01T10:00:00"),
         'date: not an RFC 3339 date-time: "2024-01-01T10:00:00"'),
        (article("us-date", date="12/03/2024"),
         'date: not a date: "12/03/2024" (expected RFC 3339 date-time or YYYY-MM-DD)'),
        (article("js-url", url="javascript:alert(1)"),
         'url: must be an http(s) URL or a path starting with "/", got "javascript:alert(1)"'),
        (article("bad-lang", lang="en_US"),
         'lang: not a BCP 47 language tag: "en_US" (e.g. "en", "pt-BR")'),
        (article("bad-tag", tags=["ok", 7]), "tags[1]: must be a string, got number"),
        (article("null-body", body=None), "body: must be a string, got null"),
        (article("num-author", author=5), "author: must be a string or null, got number"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_field_limits_and_messages(run_index, tmp_path, record, expected):
    write_lines(tmp_path / "one.jsonl", [article("neighbour"), record])

    result = run_index("add", "--db", "db", "--json", "one.jsonl")

    summary = summary_of(result)
    if expected is None:
        assert result.returncode == EXIT_OK, result.stderr
        assert summary["added"] == 2
    else:
        assert result.returncode == EXIT_REJECTED
        assert stderr_lines(result) == [f"one.jsonl:2: {expected}"]
        assert (summary["added"], summary["rejected"]) == (1, 1)


def test_record_of_exactly_4_mib_is_accepted_and_one_byte_more_is_rejected(run_index, stats,
                                                                           tmp_path):
    padding = MAX_RECORD_BYTES - len(line(article("at-limit", body="")))
    exact = line(article("at-limit", body="x" * padding))
    over = line(article("one-more", body="x" * (padding + 1)))
    assert (len(exact), len(over)) == (MAX_RECORD_BYTES, MAX_RECORD_BYTES + 1)
    write_lines(tmp_path / "limit.jsonl", [exact, over])
    # The same limit applies to an element of a JSON array.
    (tmp_path / "limit.json").write_bytes(b"[\n" + over + b"\n]\n")

    lines_result = run_index("add", "--db", "db", "limit.jsonl")
    array_result = run_index("add", "--db", "db2", "limit.json")

    assert lines_result.returncode == EXIT_REJECTED
    assert stderr_lines(lines_result)[0] == \
        f"limit.jsonl:2: record: larger than the 4 MiB limit ({MAX_RECORD_BYTES + 1} bytes)"
    assert stats(tmp_path / "db")["articles"] == 1
    assert array_result.returncode == EXIT_REJECTED
    assert stderr_lines(array_result)[0] == \
        f"limit.json:2: record: larger than the 4 MiB limit ({MAX_RECORD_BYTES + 1} bytes)"


# --------------------------------------------------------------------------- 6: --strict


def test_strict_commits_nothing_into_a_new_index_when_a_record_is_bad(run_index, stats,
                                                                      tmp_path):
    write_lines(tmp_path / "strict.jsonl",
                [article("s-1"), article("s-2"), {"id": "s-bad"}, article("s-3"), "{broken"])

    result = run_index("add", "--db", "db", "--strict", "--batch-size", "1", "strict.jsonl")

    assert result.returncode == EXIT_REJECTED
    lines = stderr_lines(result)
    # Stops at the first bad record: the later broken line is never reported.
    assert lines[0] == "strict.jsonl:3: title: required field is missing"
    assert lines[-1] == "--strict: stopped at the first bad record; nothing committed"
    assert not any(text.startswith("strict.jsonl:5:") for text in lines)
    assert stats(tmp_path / "db")["articles"] == 0


def test_strict_leaves_an_existing_index_exactly_as_it_was(run_index, stats, tmp_path):
    write_lines(tmp_path / "base.jsonl", [article(f"b-{i}", source="Old Wire") for i in range(3)])
    assert run_index("add", "--db", "db", "base.jsonl").returncode == EXIT_OK
    before = stats(tmp_path / "db")
    write_lines(tmp_path / "strict.jsonl",
                [article("b-0", source="New Wire"), article("new-1"), {"id": 5}, article("new-2")])

    result = run_index("add", "--db", "db", "--strict", "--json", "strict.jsonl")

    assert result.returncode == EXIT_REJECTED
    summary = summary_of(result)
    assert summary["committed"] is False
    assert (summary["added"], summary["replaced"], summary["rejected"]) == (0, 0, 1)
    assert summary["articles"] == 3
    after = stats(tmp_path / "db")
    assert after["articles"] == before["articles"] == 3
    assert after["top_sources"] == [{"value": "Old Wire", "count": 3}]  # b-0 not replaced
    assert after["revision"] == before["revision"]


def test_strict_commits_nothing_even_past_xapians_autoflush_threshold(run_index, stats,
                                                                      tmp_path):
    path = many_articles(tmp_path / "big.jsonl", 10_500)
    with path.open("a") as out:
        out.write('{"id": "last-one-is-bad"}\n')

    result = run_index("add", "--db", "db", "--strict", "--json", path)

    assert result.returncode == EXIT_REJECTED
    assert summary_of(result)["committed"] is False
    assert stats(tmp_path / "db")["articles"] == 0


def test_strict_with_only_good_records_commits_everything(run_index, stats, tmp_path):
    write_lines(tmp_path / "good.jsonl", [article(f"g-{i}") for i in range(5)])

    result = run_index("add", "--db", "db", "--strict", "--json", "good.jsonl")

    assert result.returncode == EXIT_OK
    assert summary_of(result)["committed"] is True
    assert stats(tmp_path / "db")["articles"] == 5


# --------------------------------------------------------------------------- 7: unknown fields


def test_unknown_fields_warn_once_per_name_and_records_are_indexed(run_index, stats, tmp_path):
    write_lines(tmp_path / "a.jsonl",
                [article("u-1"), article("u-2", extra=1)]
                + [article(f"u-{i}", extra=i, wordcount=i) for i in range(3, 20)])
    write_lines(tmp_path / "b.jsonl", [article("u-20", extra=True, section="x")])

    result = run_index("add", "--db", "db", "a.jsonl", "b.jsonl")
    quiet = run_index("add", "--db", "db2", "-q", "a.jsonl", "b.jsonl")

    assert result.returncode == EXIT_OK, result.stderr
    warnings = [t for t in stderr_lines(result) if "warning:" in t]
    assert warnings == [
        'a.jsonl:2: warning: unknown field "extra" ignored (reported once per field name)',
        'a.jsonl:3: warning: unknown field "wordcount" ignored (reported once per field name)',
        'b.jsonl:1: warning: unknown field "section" ignored (reported once per field name)',
    ]
    assert stats(tmp_path / "db")["articles"] == 20
    assert quiet.returncode == EXIT_OK and quiet.stderr == ""


# --------------------------------------------------------------------------- 8: input forms


def _array_fixture():
    """A pretty-printed JSON array whose third element (no title) starts on a known line."""
    records = [article("arr-0", title="Brackets ] and braces } in a \"string\", fine"),
               article("arr-1"),
               {k: v for k, v in article("arr-2").items() if k != "title"},
               article("arr-3")]
    text = json.dumps(records, indent=2)
    bad_line = text.splitlines().index("  {", text.splitlines().index('    "id": "arr-1",')) + 1
    return text, bad_line


def test_json_array_file_indexes_and_reports_elements_at_their_first_line(run_index, stats,
                                                                          tmp_path):
    text, bad_line = _array_fixture()
    assert bad_line == 16
    (tmp_path / "articles.json").write_text(text)

    result = run_index("add", "--db", "db", "--json", "articles.json")

    assert result.returncode == EXIT_REJECTED
    assert stderr_lines(result) == [f"articles.json:{bad_line}: title: required field is missing"]
    assert (summary_of(result)["read"], summary_of(result)["added"]) == (4, 3)
    assert stats(tmp_path / "db")["articles"] == 3


def test_array_elements_that_are_not_objects_are_rejected_by_line(run_index, tmp_path):
    (tmp_path / "mixed.json").write_text(
        '[\n  1,\n  "x",\n  null,\n  [1, 2],\n  ' + json.dumps(article("obj")) + "\n]\n")

    result = run_index("add", "--db", "db", "mixed.json")

    assert result.returncode == EXIT_REJECTED
    assert stderr_lines(result)[:4] == [
        "mixed.json:2: record: must be a JSON object, got number",
        "mixed.json:3: record: must be a JSON object, got string",
        "mixed.json:4: record: must be a JSON object, got null",
        "mixed.json:5: record: must be a JSON object, got array",
    ]
    assert SUMMARY_LINE.fullmatch(stderr_lines(result)[4]).group("articles") == "1"


@pytest.mark.parametrize("name, form", [
    ("articles.jsonl.gz", "lines"),
    ("articles.json.gz", "array"),
    ("gzipped-but-named.jsonl", "lines"),  # compression is told from the bytes, not the name
])
def test_gzip_inputs_are_read_transparently(run_index, stats, tmp_path, name, form):
    records = [article(f"gz-{i}") for i in range(5)] + [{"id": "gz-bad"}]
    if form == "lines":
        payload, bad_line = b"\n".join(line(r) for r in records) + b"\n", 6
    else:
        text = json.dumps(records, indent=2)
        payload = text.encode()
        # The element's "{" is on the line before its "id" (0-based index -> 1-based line).
        bad_line = text.splitlines().index('    "id": "gz-bad"')
    with gzip.open(tmp_path / name, "wb") as out:
        out.write(payload)

    result = run_index("add", "--db", "db", "--json", name)

    assert result.returncode == EXIT_REJECTED
    assert stderr_lines(result) == [f"{name}:{bad_line}: title: required field is missing"]
    assert summary_of(result)["added"] == 5
    assert stats(tmp_path / "db")["articles"] == 5


def test_concatenated_gzip_members_are_all_read(run_index, stats, tmp_path):
    first = gzip.compress(b"\n".join(line(article(f"m1-{i}")) for i in range(3)) + b"\n")
    second = gzip.compress(b"\n".join(line(article(f"m2-{i}")) for i in range(4)) + b"\n")
    (tmp_path / "rotated.jsonl.gz").write_bytes(first + second)

    result = run_index("add", "--db", "db", "rotated.jsonl.gz")

    assert result.returncode == EXIT_OK, result.stderr
    assert stats(tmp_path / "db")["articles"] == 7


def test_stdin_dash_reads_lines_and_gzip_and_names_it_in_messages(run_index, stats, tmp_path):
    text = "\n".join(json.dumps(r) for r in [article("in-1"), {"id": "in-bad"}, article("in-2")])

    plain = run_index("add", "--db", "db", "--json", "-", input=text + "\n")
    packed = run_index("add", "--db", "db2", "--json", "-",
                       input=gzip.compress(text.encode()))

    for result, db in ((plain, "db"), (packed, "db2")):
        assert result.returncode == EXIT_REJECTED
        assert stderr_lines(result) == ["<stdin>:2: title: required field is missing"]
        assert summary_of(result)["added"] == 2
        assert stats(tmp_path / db)["articles"] == 2


def test_crlf_line_endings_are_accepted_and_line_numbers_stay_right(run_index, stats, tmp_path):
    write_lines(tmp_path / "windows.jsonl",
                [article("w-1"), article("w-2"), b"", article("w-3", date="2018-02-30"),
                 article("w-4")], ending=b"\r\n")
    text, bad_line = _array_fixture()
    (tmp_path / "windows.json").write_bytes(text.replace("\n", "\r\n").encode())

    lines_result = run_index("add", "--db", "db", "--rejects", "rej.jsonl", "windows.jsonl")
    array_result = run_index("add", "--db", "db2", "windows.json")

    assert lines_result.returncode == EXIT_REJECTED
    assert stderr_lines(lines_result)[0] == \
        'windows.jsonl:4: date: no such calendar date: "2018-02-30"'
    assert stats(tmp_path / "db")["articles"] == 3
    rejected = json.loads((tmp_path / "rej.jsonl").read_text())
    assert not rejected["record"].endswith("\r")
    assert stderr_lines(array_result)[0] == \
        f"windows.json:{bad_line}: title: required field is missing"
    assert stats(tmp_path / "db2")["articles"] == 3


def test_utf8_byte_order_mark_is_skipped(run_index, stats, tmp_path):
    bom = b"\xef\xbb\xbf"
    (tmp_path / "bom.jsonl").write_bytes(
        bom + b"\n".join(line(article(f"bom-{i}")) for i in range(3)) + b"\n")
    text, bad_line = _array_fixture()
    (tmp_path / "bom.json").write_bytes(bom + text.encode())

    lines_result = run_index("add", "--db", "db", "bom.jsonl")
    array_result = run_index("add", "--db", "db2", "bom.json")

    assert lines_result.returncode == EXIT_OK, lines_result.stderr
    assert stats(tmp_path / "db")["articles"] == 3
    assert array_result.returncode == EXIT_REJECTED
    assert stderr_lines(array_result)[0] == f"bom.json:{bad_line}: title: required field is missing"
    assert stats(tmp_path / "db2")["articles"] == 3


def test_several_inputs_in_one_run_keep_their_own_names_and_line_numbers(run_index, stats,
                                                                         tmp_path):
    write_lines(tmp_path / "one.jsonl", [article("one-1"), {"id": "one-bad"}])
    text, bad_line = _array_fixture()
    (tmp_path / "two.json").write_text(text)

    result = run_index("add", "--db", "db", "one.jsonl", "two.json")

    assert result.returncode == EXIT_REJECTED
    assert stderr_lines(result)[:2] == [
        "one.jsonl:2: title: required field is missing",
        f"two.json:{bad_line}: title: required field is missing",
    ]
    assert stats(tmp_path / "db")["articles"] == 4


def test_empty_inputs_index_nothing_and_succeed(run_index, stats, tmp_path):
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "empty.json").write_text("  [ ]  \n")

    result = run_index("add", "--db", "db", "--json", "empty.jsonl", "empty.json")

    assert result.returncode == EXIT_OK
    assert summary_of(result)["read"] == 0
    assert stats(tmp_path / "db")["articles"] == 0


# --------------------------------------------------------------------------- 9, 10: upsert by id


def test_same_id_again_replaces_the_stored_article(run_index, stats, tmp_path):
    write_lines(tmp_path / "v1.jsonl",
                [article("story-1", title="Old headline", source="Old Wire"), article("other")])
    write_lines(tmp_path / "v2.jsonl", [article("story-1", title="New headline",
                                                source="New Wire")])
    assert run_index("add", "--db", "db", "v1.jsonl").returncode == EXIT_OK

    result = run_index("add", "--db", "db", "--json", "v2.jsonl")

    assert result.returncode == EXIT_OK
    summary = summary_of(result)
    assert (summary["added"], summary["replaced"], summary["articles"]) == (0, 1, 2)
    index = stats(tmp_path / "db")
    assert index["articles"] == 2
    # The stored article is the new version: its source replaced the old one's.
    assert {s["value"]: s["count"] for s in index["top_sources"]} == {"New Wire": 1,
                                                                      "Test Wire": 1}
    delve = shutil.which("xapian-delve")
    if delve:  # the stored document data, where Xapian's tools are installed
        terms = subprocess.run([delve, "-a", "-1", str(tmp_path / "db")],
                               capture_output=True, text=True, check=True).stdout.split()
        assert "Snew" in terms and "Sold" not in terms  # title words, "S" prefix
    gone = run_index("delete", "--db", "db", "story-1")
    assert gone.returncode == EXIT_OK
    assert stats(tmp_path / "db")["articles"] == 1


def test_repeated_id_within_one_run_keeps_the_last_version(run_index, stats, tmp_path):
    records = []
    for round_number in range(50):
        for story in range(10):
            last = round_number == 49
            records.append(article(f"dup-{story}", source="Final Wire" if last else
                                   f"Draft {round_number}"))
    write_lines(tmp_path / "dups.jsonl", records)

    result = run_index("add", "--db", "db", "--json", "--threads", "4", "dups.jsonl")

    assert result.returncode == EXIT_OK
    summary = summary_of(result)
    assert (summary["read"], summary["added"], summary["replaced"]) == (500, 10, 490)
    assert stats(tmp_path / "db")["top_sources"] == [{"value": "Final Wire", "count": 10}]


def test_id_longer_than_xapian_term_limit_upserts_and_deletes(run_index, stats, tmp_path):
    long_id = "é" * 250  # 250 characters, 500 bytes: over Xapian's 245-byte term limit
    assert len(long_id.encode()) == 500
    sibling = "é" * 249 + "x"  # same first 160 bytes: must stay a different article
    write_lines(tmp_path / "long.jsonl", [article(long_id), article(sibling)])

    first = run_index("add", "--db", "db", "--json", "long.jsonl")
    second = run_index("add", "--db", "db", "--json", "long.jsonl")

    assert first.returncode == EXIT_OK, first.stderr
    assert (summary_of(first)["added"], summary_of(first)["articles"]) == (2, 2)
    assert second.returncode == EXIT_OK
    assert (summary_of(second)["added"], summary_of(second)["replaced"]) == (0, 2)
    assert stats(tmp_path / "db")["articles"] == 2
    removed = run_index("delete", "--db", "db", "--json", long_id)
    assert removed.returncode == EXIT_OK
    assert json.loads(removed.stdout) == {"deleted": 1, "not_found": []}
    assert stats(tmp_path / "db")["articles"] == 1
    again = run_index("delete", "--db", "db", "--json", long_id)
    assert json.loads(again.stdout) == {"deleted": 0, "not_found": [long_id]}


# --------------------------------------------------------------------------- 11: delete


@pytest.fixture
def ten_articles(run_index, tmp_path):
    write_lines(tmp_path / "ten.jsonl", [article(f"d-{i}") for i in range(10)])
    assert run_index("add", "--db", "db", "ten.jsonl").returncode == EXIT_OK
    return tmp_path / "db"


def test_delete_by_ids_reports_deleted_and_not_found(run_index, stats, ten_articles):
    result = run_index("delete", "--db", "db", "d-1", "d-2", "nope", "d-1")

    assert result.returncode == EXIT_OK
    assert stderr_lines(result) == ["deleted 2 articles", "not found: nope", "not found: d-1"]
    assert result.stdout == ""
    assert stats(ten_articles)["articles"] == 8


def test_delete_ids_from_file_and_stdin(run_index, stats, tmp_path, ten_articles):
    (tmp_path / "ids.txt").write_bytes(b"d-3\r\n\r\nd-4\nmissing-1\nd-5")

    from_file = run_index("delete", "--db", "db", "--json", "--ids-from", "ids.txt", "d-6")
    from_stdin = run_index("delete", "--db", "db", "--json", "--ids-from", "-",
                           input="d-7\nd-3\n")

    assert from_file.returncode == EXIT_OK
    result = json.loads(from_file.stdout)
    jsonschema.validate(result, DELETE_SCHEMA)
    assert result == {"deleted": 4, "not_found": ["missing-1"]}
    assert from_stdin.returncode == EXIT_OK
    assert json.loads(from_stdin.stdout) == {"deleted": 1, "not_found": ["d-3"]}
    assert stats(ten_articles)["articles"] == 10 - 5


def test_delete_usage_and_errors(run_index, tmp_path, ten_articles):
    no_ids = run_index("delete", "--db", "db")
    no_file = run_index("delete", "--db", "db", "--ids-from", "absent.txt")
    no_index = run_index("delete", "--db", "nowhere", "d-1")

    assert no_ids.returncode == EXIT_USAGE
    assert no_ids.stderr == "dateline-index delete: give ids or --ids-from FILE\n"
    assert no_file.returncode == EXIT_FATAL
    assert no_file.stderr == "dateline-index: absent.txt: cannot open\n"
    assert no_index.returncode == EXIT_FATAL
    assert no_index.stderr == "dateline-index: no index at nowhere\n"
    assert not (tmp_path / "nowhere").exists()


def test_delete_refuses_a_directory_that_is_not_an_index(run_index, tmp_path):
    """BUG: `delete` creates a Xapian database inside any existing directory."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")

    result = run_index("delete", "--db", "documents", "some-id")

    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"], \
        "delete wrote database files into a directory that held no index"
    assert result.returncode == EXIT_FATAL


# --------------------------------------------------------------------------- 12: fatal errors


def test_stats_on_a_missing_directory_names_the_path(run_index, tmp_path):
    result = run_index("stats", "--db", tmp_path / "absent")

    assert result.returncode == EXIT_FATAL
    assert result.stderr == f"dateline-index: no index at {tmp_path / 'absent'}\n"
    assert result.stdout == ""


def test_stats_on_a_directory_that_is_not_an_index(run_index, tmp_path):
    (tmp_path / "plain").mkdir()

    result = run_index("stats", "--db", "plain")

    assert result.returncode == EXIT_FATAL
    assert result.stderr == "dateline-index: plain is not a Dateline index\n"


def test_add_with_a_missing_input_creates_nothing(run_index, tmp_path):
    write_lines(tmp_path / "good.jsonl", [article("g-1")])

    result = run_index("add", "--db", "db", "good.jsonl", "missing.jsonl")

    assert result.returncode == EXIT_FATAL
    assert result.stderr == \
        "dateline-index: missing.jsonl: cannot open: No such file or directory\n"
    assert not (tmp_path / "db").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_add_with_an_unreadable_input_creates_nothing(run_index, tmp_path):
    locked = write_lines(tmp_path / "locked.jsonl", [article("l-1")])
    locked.chmod(0)

    result = run_index("add", "--db", "db", "locked.jsonl")

    assert result.returncode == EXIT_FATAL
    assert result.stderr == "dateline-index: locked.jsonl: cannot open: Permission denied\n"
    assert not (tmp_path / "db").exists()


def test_add_with_a_bad_input_leaves_an_existing_index_unchanged(run_index, stats, tmp_path):
    write_lines(tmp_path / "good.jsonl", [article("g-1"), article("g-2")])
    assert run_index("add", "--db", "db", "good.jsonl").returncode == EXIT_OK
    before = stats(tmp_path / "db")
    write_lines(tmp_path / "more.jsonl", [article("g-3")])

    missing = run_index("add", "--db", "db", "more.jsonl", "missing.jsonl")
    rejects = run_index("add", "--db", "db", "--rejects", "no/such/dir/rej.jsonl", "more.jsonl")

    assert missing.returncode == EXIT_FATAL
    assert "missing.jsonl: cannot open" in missing.stderr
    assert rejects.returncode == EXIT_FATAL
    assert rejects.stderr.startswith(
        "dateline-index: no/such/dir/rej.jsonl: cannot write rejects file: ")
    after = stats(tmp_path / "db")
    assert (after["articles"], after["revision"]) == (before["articles"], before["revision"])


def test_corrupt_gzip_input_is_a_fatal_input_error_and_other_inputs_still_count(
        run_index, stats, tmp_path):
    data = bytearray(gzip.compress(b"\n".join(line(article(f"z-{i}")) for i in range(50))))
    for i in range(40, 60):
        data[i] ^= 0x55
    (tmp_path / "garbled.jsonl.gz").write_bytes(bytes(data))
    write_lines(tmp_path / "fine.jsonl", [article("fine")])

    result = run_index("add", "--db", "db", "garbled.jsonl.gz", "fine.jsonl")

    assert result.returncode == EXIT_FATAL
    assert re.search(r"^dateline-index: garbled\.jsonl\.gz: read error: ", result.stderr, re.M)
    assert stats(tmp_path / "db")["articles"] >= 1


def test_truncated_gzip_input_is_reported_not_silently_accepted(run_index, stats, tmp_path):
    """BUG: a .gz cut short at a record boundary is taken as complete (exit 0, no message)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # gzip container
    head = compressor.compress(b"".join(line(article(f"t-{i}")) + b"\n" for i in range(150)))
    head += compressor.flush(zlib.Z_FULL_FLUSH)  # no end of stream, no CRC trailer
    (tmp_path / "cut.jsonl.gz").write_bytes(head)
    with pytest.raises(EOFError):  # any gzip reader sees that the file is incomplete
        gzip.decompress(head)

    result = run_index("add", "--db", "db", "cut.jsonl.gz")

    assert stats(tmp_path / "db")["articles"] == 150  # what was there is kept
    assert result.returncode == EXIT_FATAL, (
        f"truncated gzip accepted: exit {result.returncode}, stderr {result.stderr!r}")
    assert "cut.jsonl.gz" in result.stderr


# --------------------------------------------------------------------------- 13: locking


def test_second_writer_is_refused_while_the_first_holds_the_lock(run_index, spawn_index, stats,
                                                                 tmp_path):
    db = tmp_path / "db"
    first = spawn_index("add", "--db", db, "--json", "-")
    first.stdin.write(line(article("from-first")) + b"\n")
    first.stdin.flush()
    assert wait_for(lambda: (db / "iamglass").exists() and (db / "flintlock").exists(), 20), \
        "the first writer never created the index"
    time.sleep(0.2)
    write_lines(tmp_path / "second.jsonl", [article("from-second-1"), article("from-second-2")])

    second = run_index("add", "--db", "db", "second.jsonl")
    deleting = run_index("delete", "--db", "db", "x")
    compacting = run_index("compact", "--db", "db")
    reading = run_index("stats", "--db", "db")

    locked = ("dateline-index: index at db is locked by another writer "
              "(is another dateline-index running?)\n")
    assert second.returncode == EXIT_FATAL and second.stderr == locked
    assert deleting.returncode == EXIT_FATAL and deleting.stderr == locked
    assert compacting.returncode == EXIT_FATAL and compacting.stderr == locked
    assert reading.returncode == EXIT_OK  # readers are never locked out
    assert first.poll() is None, "the first writer exited while its input was still open"

    out, err = first.communicate(timeout=60)  # closes its stdin: end of input
    assert first.returncode == EXIT_OK, err
    assert json.loads(out)["added"] == 1
    assert stats(db)["articles"] == 1  # the refused run added nothing
    retry = run_index("add", "--db", "db", "second.jsonl")
    assert retry.returncode == EXIT_OK
    assert stats(db)["articles"] == 3


# --------------------------------------------------------------------------- 14: signals


def _feed(process, record):
    process.stdin.write(line(record) + b"\n")
    process.stdin.flush()


def test_records_fed_through_a_pipe_are_committed_before_end_of_input(spawn_index, run_index,
                                                                      tmp_path):
    """BUG: stdin is read in 1 MiB blocks, so nothing is indexed until 1 MiB or EOF arrives."""
    db = tmp_path / "db"
    feeder = spawn_index("add", "--db", db, "--batch-size", "1", "-")
    for i in range(5):
        _feed(feeder, article(f"live-{i}"))
        time.sleep(0.05)

    seen = wait_for(lambda: committed_articles(run_index, db) == 5, 5, interval=0.2)
    count = committed_articles(run_index, db)
    feeder.communicate(timeout=60)  # closes its stdin

    assert seen, f"5 records written to the pipe, --batch-size 1, 5 s later {count} committed"


def test_sigterm_while_reading_stdin_stops_and_commits_what_was_read(spawn_index, stats,
                                                                     tmp_path):
    """BUG (same cause): SIGTERM is not acted on while the reader waits for a full block."""
    db = tmp_path / "db"
    process = spawn_index("add", "--db", db, "--json", "--batch-size", "1", "-")
    for i in range(10):
        _feed(process, article(f"slow-{i}"))
        time.sleep(0.05)
    time.sleep(0.5)

    process.send_signal(signal.SIGTERM)
    # Keep feeding slowly, as a live feed would, for at most 5 seconds.
    deadline, extra = time.monotonic() + 5, 0
    while process.poll() is None and time.monotonic() < deadline:
        try:
            _feed(process, article(f"after-signal-{extra}"))
            extra += 1
        except BrokenPipeError:
            break
        time.sleep(0.1)
    stopped_in_time = process.poll() is not None
    out, err = process.communicate(timeout=60)  # closes its stdin

    assert stopped_in_time, (
        f"still running 5 s after SIGTERM while {extra} more records were fed; "
        f"after closing its stdin it exited {process.returncode} with {out.strip()!r}")
    assert process.returncode == 128 + signal.SIGTERM, err
    summary = json.loads(out)
    assert summary["interrupted"] is True and summary["committed"] is True
    assert summary["read"] >= 10, "records written 0.5 s before the signal were not indexed"
    assert stats(db)["articles"] == summary["articles"] == summary["added"] == summary["read"]


def _wait_for_first_batch_commit(process, run_index, db, total):
    """Waits until a --batch-size commit is visible while the run is still going."""
    assert wait_for(lambda: (committed_articles(run_index, db) or 0) > 0, 120), \
        "no commit became visible"
    assert process.poll() is None, (
        f"the run over {total} articles with --batch-size 100 finished before any "
        "intermediate commit was visible")


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT],
                         ids=["SIGTERM", "SIGINT"])
def test_signal_during_a_file_run_commits_the_work_so_far(spawn_index, run_index, stats,
                                                          tmp_path, signal_number):
    total = 60_000
    source = many_articles(tmp_path / "big.jsonl", total)
    db = tmp_path / "db"
    process = spawn_index("add", "--db", db, "--batch-size", "100", "--json", source,
                          stdin=subprocess.DEVNULL)
    _wait_for_first_batch_commit(process, run_index, db, total)

    process.send_signal(signal_number)
    out, err = process.communicate(timeout=60)

    assert process.returncode == 128 + signal_number, err
    summary = summary_of(subprocess.CompletedProcess([], 0, out, err))
    assert summary["interrupted"] is True and summary["committed"] is True
    assert 0 < summary["read"] < total
    assert summary["read"] == summary["added"] == summary["articles"]
    assert stats(db)["articles"] == summary["articles"]


def test_interrupted_run_says_so_and_running_again_finishes(spawn_index, run_index, stats,
                                                           tmp_path):
    total = 40_000
    source = many_articles(tmp_path / "big.jsonl", total)
    db = tmp_path / "db"
    process = spawn_index("add", "--db", db, "--batch-size", "100", source,
                          stdin=subprocess.DEVNULL)
    _wait_for_first_batch_commit(process, run_index, db, total)

    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)

    assert process.returncode == 130
    assert out == b""
    lines = err.decode().splitlines()
    assert lines[-1] == "interrupted: work so far committed; run again to finish"
    held = int(SUMMARY_LINE.fullmatch(lines[-2]).group("articles"))
    assert stats(db)["articles"] == held
    finish = run_index("add", "--db", "db", "--json", source)
    assert finish.returncode == EXIT_OK
    assert (summary_of(finish)["replaced"], summary_of(finish)["articles"]) == (held, total)


# --------------------------------------------------------------------------- 15: kill -9


def test_kill_9_leaves_a_consistent_index_and_rerun_completes(spawn_index, run_index, stats,
                                                              reuters, tmp_path):
    reuters_count = sum(1 for text in reuters.open(encoding="utf-8") if text.strip())
    assert reuters_count == 21_577
    db = tmp_path / "db"

    def tripled():
        path = tmp_path / "reuters-x3.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for copy in range(3):
                for text in reuters.open(encoding="utf-8"):
                    if text.strip():
                        record = json.loads(text)
                        record["id"] = f"{record['id']}-copy{copy}"
                        out.write(json.dumps(record) + "\n")
        return path, 3 * reuters_count

    for make_input in (lambda: (reuters, reuters_count), tripled):
        source, total = make_input()
        shutil.rmtree(db, ignore_errors=True)
        command = ("add", "--db", db, "--batch-size", "500", "--json", source)
        process = spawn_index(*command, stdin=subprocess.DEVNULL)
        time.sleep(1.5)
        wait_for(lambda: process.poll() is not None
                 or (committed_articles(run_index, db) or 0) > 0, 60, interval=0.1)
        if process.poll() is None:
            process.kill()  # SIGKILL, this PID only
            process.wait(timeout=30)
            break
    else:
        pytest.skip("indexing finished before it could be killed, even with 3x the corpus")
    assert process.returncode == -signal.SIGKILL

    checker = shutil.which("xapian-check")
    if checker:
        check = subprocess.run([checker, str(db)], capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, check.stdout[-2000:] + check.stderr
    at_kill = stats(db)["articles"]
    assert 0 < at_kill < total
    assert at_kill % 500 == 0, "the index should hold exactly its last commit"

    rerun = run_index(*command, timeout=300)

    assert rerun.returncode == EXIT_OK, rerun.stderr
    summary = summary_of(rerun)
    assert (summary["read"], summary["replaced"], summary["added"]) == (
        total, at_kill, total - at_kill)
    assert stats(db)["articles"] == total
    assert not list(tmp_path.glob("db.shard-*")), "the killed build's second writer's shard stayed"


# --------------------------------------------------------------------------- 16: compact


def test_fresh_build_merges_its_two_writers_into_one_compacted_index(run_index, stats, tmp_path):
    # A fresh build writes half the ids through a second writer and merges the two databases
    # when it compacts; each id must come out once, in its last version, from either half.
    records = [article(f"a-{n}", source=f"Wire {n % 7}") for n in range(600)]
    records += [article(f"a-{n}", source="Final Wire") for n in range(0, 600, 3)]
    write_lines(tmp_path / "in.jsonl", records)

    result = run_index("add", "--db", "db", "--json", "--batch-size", "50", "in.jsonl")

    assert result.returncode == EXIT_OK, result.stderr
    summary = summary_of(result)
    assert (summary["read"], summary["added"], summary["replaced"], summary["articles"]) == (
        800, 600, 200, 600)
    compaction = summary["compaction"]
    assert compaction and 0 < compaction["bytes_after"] < compaction["bytes_before"]
    sources = {s["value"]: s["count"] for s in stats(tmp_path / "db")["top_sources"]}
    assert sources["Final Wire"] == 200 and sum(sources.values()) == 600
    assert not list(tmp_path.glob("db.*")), "a shard or staging copy was left beside the index"
    checker = shutil.which("xapian-check")
    if checker:
        check = subprocess.run([checker, str(tmp_path / "db")], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-2000:]
    # Adding to an index that holds articles is one writer, uncompacted; ids still upsert.
    write_lines(tmp_path / "more.jsonl", [article("a-1", source="Later Wire"), article("b-1")])
    again = summary_of(run_index("add", "--db", "db", "--json", "more.jsonl"))
    assert (again["added"], again["replaced"], again["articles"], again["compaction"]) == (
        1, 1, 601, None)


def test_compact_keeps_every_article_and_does_not_grow(run_index, stats, sample_200, tmp_path):
    db = tmp_path / "db"
    assert run_index("add", "--db", "db", "-q", sample_200).returncode == EXIT_OK
    before_bytes = directory_bytes(db)
    before = stats(db)

    result = run_index("compact", "--db", "db")

    assert result.returncode == EXIT_OK, result.stderr
    assert re.fullmatch(r"compacted db: \d+\.\d MB -> \d+\.\d MB\n", result.stderr)
    after = stats(db)
    assert after["articles"] == before["articles"] == 200
    assert after["top_sources"] == before["top_sources"]
    assert after["date_span"] == before["date_span"]
    assert directory_bytes(db) <= before_bytes
    assert sorted(p.name for p in tmp_path.iterdir() if ".compacting-" in p.name) == []
    checker = shutil.which("xapian-check")
    if checker:
        assert subprocess.run([checker, str(db)], capture_output=True).returncode == 0
    # The compacted index is still writable.
    assert run_index("delete", "--db", "db", "reuters-1").returncode == EXIT_OK
    assert stats(db)["articles"] == 199


def test_compact_on_a_missing_directory(run_index, tmp_path):
    result = run_index("compact", "--db", "absent")

    assert result.returncode == EXIT_FATAL
    assert result.stderr == "dateline-index: no index at absent\n"
    assert not (tmp_path / "absent").exists()


def test_compact_accepts_a_directory_path_with_a_trailing_slash(run_index, stats,
                                                                shipped_sample, tmp_path):
    """BUG: `compact --db db/` stages into db/.compacting-PID and the swap fails (EINVAL)."""
    assert run_index("add", "--db", "db", "-q", shipped_sample).returncode == EXIT_OK

    result = run_index("compact", "--db", "db/")

    assert result.returncode == EXIT_OK, result.stderr
    assert stats(tmp_path / "db")["articles"] == 50
    assert [p.name for p in (tmp_path / "db").iterdir() if "compacting" in p.name] == []


def test_compact_refuses_a_directory_that_is_not_an_index(run_index, tmp_path):
    """BUG: compacting a plain directory swaps in an empty index and deletes its files."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")

    result = run_index("compact", "--db", "documents")

    assert (folder / "notes.txt").exists(), \
        f"compact deleted the directory's files (exit {result.returncode}, {result.stderr!r})"
    assert result.returncode == EXIT_FATAL


# --------------------------------------------------------------------------- 17: usage


@pytest.mark.parametrize("subcommand, options", [
    ("add", ["--db", "--batch-size", "--threads", "--rejects", "--strict", "--quiet", "--json",
             "files"]),
    ("delete", ["--db", "--ids-from", "--json", "ids"]),
    ("stats", ["--db", "--json"]),
    ("compact", ["--db"]),
])
def test_help_on_every_subcommand(run_index, subcommand, options):
    result = run_index(subcommand, "--help")

    assert result.returncode == EXIT_OK
    assert re.search(rf"^Usage: \S*dateline-index {subcommand} \[OPTIONS\]", result.stdout, re.M)
    for option in options:
        assert option in result.stdout, f"{subcommand} --help does not mention {option}"


def test_top_level_help_and_version(run_index):
    top = run_index("--help")
    version = run_index("--version")

    assert top.returncode == EXIT_OK
    for subcommand in ("add", "delete", "stats", "compact"):
        assert subcommand in top.stdout
    assert version.returncode == EXIT_OK
    assert version.stdout.strip() == "dateline-index 0.1.0"


@pytest.mark.parametrize("args", [
    ["add", "--db", "db", "--bogus", "x.jsonl"],
    ["stats", "--db", "db", "--verbose"],
    ["frobnicate"],
    [],
    ["add", "x.jsonl"],                       # --db is required
    ["add", "--db", "db"],                    # an input is required
    ["add", "--db", "db", "--batch-size", "0", "x.jsonl"],
    ["add", "--db", "db", "--threads", "65", "x.jsonl"],
    ["stats"],
], ids=lambda args: " ".join(args) or "no-arguments")
def test_bad_command_line_exits_2_and_touches_nothing(run_index, tmp_path, args):
    result = run_index(*args)

    assert result.returncode == EXIT_USAGE, result.stderr
    assert result.stderr.strip()
    assert not (tmp_path / "db").exists()


# --------------------------------------------------------------------------- 18: output


def test_non_terminal_output_is_one_summary_line(run_index, shipped_sample, tmp_path):
    result = run_index("add", "--db", "db", shipped_sample)

    assert result.returncode == EXIT_OK
    assert result.stdout == ""
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1
    match = SUMMARY_LINE.fullmatch(result.stderr.rstrip("\n"))
    assert match, result.stderr
    assert match.groupdict() == {"read": "50", "added": "50", "replaced": "0", "rejected": "0",
                                 "copies": "2", "articles": "50"}


def test_quiet_prints_nothing_on_success_but_still_reports_rejects(run_index, shipped_sample,
                                                                   tmp_path):
    quiet = run_index("add", "--db", "db", "--quiet", shipped_sample)
    write_lines(tmp_path / "one-bad.jsonl", [article("ok"), {"id": "bad"}])
    quiet_bad = run_index("add", "--db", "db", "-q", "one-bad.jsonl")

    assert quiet.returncode == EXIT_OK
    assert (quiet.stdout, quiet.stderr) == ("", "")
    assert quiet_bad.returncode == EXIT_REJECTED
    assert quiet_bad.stdout == ""
    assert quiet_bad.stderr == "one-bad.jsonl:2: title: required field is missing\n"


def test_json_summary_goes_to_stdout_alone(run_index, shipped_sample):
    result = run_index("add", "--db", "db", "--json", shipped_sample)

    assert result.returncode == EXIT_OK
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1
    assert summary_of(result)["added"] == 50


def test_terminal_gets_a_progress_line_that_is_erased(index_binary, shipped_sample, tmp_path):
    """The counterpart of the non-terminal test: on a TTY the progress line is drawn."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([str(index_binary), "add", "--db", "db", str(shipped_sample)],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=terminal, cwd=tmp_path)
        os.close(terminal)
        terminal = None
        captured = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the terminal side closed
                break
            if not chunk:
                break
            captured += chunk
        assert process.wait(timeout=60) == EXIT_OK
    finally:
        os.close(controller)
        if terminal is not None:
            os.close(terminal)
    text = captured.decode("utf-8", errors="replace")
    assert re.search(r"\r\x1b\[K50 articles  \d+/s  \d+\.\d MB", text), repr(text)
    tail = text.rsplit("\r\x1b[K", 1)[1]  # erased before the summary
    assert SUMMARY_LINE.search(tail), repr(text)


# --------------------------------------------------------------------------- contract


def test_schema_examples_agree_with_the_indexer(run_index, repo_root, tmp_path):
    """The schema's examples get the same verdicts from the CLI as from the schema itself
    (tests/e2e/test_schema.py checks the schema side)."""
    schema_path = repo_root / "schemas" / "article.schema.json"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} is missing")
    schema = json.loads(schema_path.read_text("utf-8"))
    valid, invalid = schema["examples"], schema["x-invalid-examples"]
    (tmp_path / "valid.json").write_text(json.dumps(valid, indent=1, ensure_ascii=False))

    good = run_index("add", "--db", "db", "--json", "valid.json")

    assert good.returncode == EXIT_OK, good.stderr
    assert summary_of(good)["added"] == len(valid)
    accepted = []
    for number, example in enumerate(invalid):
        (tmp_path / "invalid.json").write_text(json.dumps([example]))
        bad = run_index("add", "--db", f"bad-{number}", "--json", "invalid.json")
        if bad.returncode != EXIT_REJECTED or summary_of(bad)["added"]:
            accepted.append(example)
    assert accepted == [], "invalid examples that the indexer accepted"


# --------------------------------------------------------------------------- 18: real-world archives
# Feeds, HTML pages and directories (docs/formats.md), on the fixtures in
# tests/fixtures/archives: 2 feeds with 6 good items and 1 undated one, 1 truncated feed,
# 7 HTML pages (one undated, one without a source), 2 JSON Lines records, a note to skip and
# a hidden folder.

ARCHIVE_ARTICLES = 14  # with --source for the page that names none


def archive_copy(repo_root, tmp_path) -> Path:
    """A copy of the fixture archive at tmp_path/archive, so messages name archive/..."""
    target = tmp_path / "archive"
    shutil.copytree(repo_root / "tests" / "fixtures" / "archives", target)
    return target


def test_directory_of_feeds_pages_and_jsonl_indexes_each_and_reports_the_broken(
        run_index, stats, repo_root, tmp_path):
    archive_copy(repo_root, tmp_path)

    result = run_index("add", "--db", "db", "--source", "Valley & Ridge Notes",
                       "--rejects", "rejects.jsonl", "--json", "archive")

    assert result.returncode == EXIT_REJECTED, result.stderr
    errors = stderr_lines(result)
    assert ("archive/feeds/harbour-rss.xml:40: item 4 (harbour-slipway-notice): date: not found "
            "(looked for <pubDate>, <dc:date>); give --default-date DATE") in errors
    assert any(line.startswith("archive/feeds/truncated.xml: file: not well-formed XML at line 8")
               for line in errors), errors
    assert ("archive/pages/no-date.html: date: not found (looked for JSON-LD datePublished, "
            "article:published_time, <time datetime>); give --default-date DATE") in errors
    assert ("skipped 1 file that is neither JSON, a feed nor an HTML page: archive/notes.txt"
            in errors)
    summary = summary_of(result)
    assert (summary["read"], summary["added"], summary["rejected"]) == (17, ARCHIVE_ARTICLES, 3)

    index = stats(tmp_path / "db")
    assert index["articles"] == ARCHIVE_ARTICLES
    sources = {entry["value"]: entry["count"] for entry in index["top_sources"]}
    assert sources == {"Harbour Lights Gazette": 8, "Valley & Ridge Notes": 6}
    assert index["date_span"] == {"first": "2024-03-12T07:30:00Z", "last": "2024-04-11T09:00:00Z"}

    rejects = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [(r["file"], r.get("item"), r["field"]) for r in rejects] == [
        ("archive/feeds/harbour-rss.xml", 4, "date"),
        ("archive/feeds/truncated.xml", None, "file"),
        ("archive/pages/no-date.html", None, "date"),
    ]
    assert rejects[0]["item_id"] == "harbour-slipway-notice"
    assert rejects[0]["record"].startswith("<item><title>Undated notice about the slipway")


def test_directory_articles_are_stored_with_paragraphs_and_without_page_chrome(
        run_index, repo_root, tmp_path, stored_articles):
    archive_copy(repo_root, tmp_path)
    run_index("add", "--db", "db", "--source", "Valley & Ridge Notes", "archive")

    articles = stored_articles(tmp_path / "db")

    assert len(articles) == ARCHIVE_ARTICLES
    assert "draft-1" not in articles  # in a hidden folder
    council = articles["pages/council-chrome.html"]  # no canonical URL: the path is the id
    assert council["title"] == "Council approves new sea wall"
    assert council["body"].split("\n\n")[0] == (
        "Councillors voted eleven to two on Tuesday to fund a new sea wall along the eastern "
        "quay.")
    assert len(council["body"].split("\n\n")) == 7
    assert "MUST NOT APPEAR" not in council["body"]
    cafe = articles["pages/cafe-windows1252.html"]
    assert cafe["body"].startswith("\u201cWe missed the regulars,\u201d said the owner, Ren\u00e9e")
    rss = articles["harbour-2024-0312-lifeboat"]
    assert rss["url"] == "https://harbour.example/news/2024/03/lifeboat-kayakers.html"
    assert rss["tags"] == ["Rescue", "Coast"]
    atom = articles["tag:valley.example,2024:footpath"]
    assert atom["url"] == "https://valley.example/blog/posts/footpath-repairs.html"
    ferry = articles["https://harbour.example/news/2024/04/night-ferry-returns.html"]
    assert ferry["author"] == "Morwenna Pascoe, Jory Trewin"
    assert articles["brief-001"]["source"] == "Harbour Lights Gazette"


def test_default_date_and_source_fill_what_feeds_and_pages_lack(run_index, stats, repo_root,
                                                                 tmp_path):
    archive_copy(repo_root, tmp_path)

    without = run_index("add", "--db", "db1", "archive/pages/library-bom.html")
    with_defaults = run_index("add", "--db", "db2", "--source", "Fallback Post",
                              "--default-date", "2020-05-01", "--json", "archive")

    assert without.returncode == EXIT_REJECTED
    assert ("archive/pages/library-bom.html: source: not found (looked for JSON-LD "
            "publisher.name, og:site_name); give --source NAME") in stderr_lines(without)
    assert with_defaults.returncode == EXIT_REJECTED  # the truncated feed is still broken
    summary = json.loads(with_defaults.stdout)
    assert (summary["added"], summary["rejected"]) == (ARCHIVE_ARTICLES + 2, 1)
    sources = {e["value"]: e["count"] for e in stats(tmp_path / "db2")["top_sources"]}
    assert sources["Fallback Post"] == 1


def test_walk_order_is_repeatable_and_a_second_run_replaces(run_index, repo_root, tmp_path):
    archive_copy(repo_root, tmp_path)
    first = run_index("add", "--db", "db", "--json", "--source", "S", "archive")
    again = run_index("add", "--db", "db", "--json", "--source", "S", "archive")

    assert json.loads(again.stdout)["replaced"] == ARCHIVE_ARTICLES
    assert json.loads(again.stdout)["articles"] == ARCHIVE_ARTICLES
    assert stderr_lines(first)[:3] == stderr_lines(again)[:3]  # same rejects in the same order


def test_oversized_page_is_rejected_without_reading_it_and_the_rest_is_indexed(
        run_index, stats, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    with open(pages / "huge.html", "wb") as huge:
        huge.write(b"<html><body><p>")
        huge.write(b"x" * (50 * 1024 * 1024))
    (pages / "small.html").write_text(
        "<html><head><meta property='og:site_name' content='S'>"
        "<meta property='article:published_time' content='2024-01-02'><title>Small</title>"
        "</head><body><p>Fine.</p></body></html>")

    result = run_index("add", "--db", "db", "pages")

    assert result.returncode == EXIT_REJECTED
    assert (f"pages/huge.html: file: larger than the 32 MiB limit for a feed or page "
            f"({50 * 1024 * 1024 + 15} bytes); not read further") in stderr_lines(result)
    assert stats(tmp_path / "db")["articles"] == 1


def test_format_flag_overrides_detection_and_bad_values_are_usage_errors(run_index, stats,
                                                                        repo_root, tmp_path):
    archive = archive_copy(repo_root, tmp_path)
    page_as_feed = run_index("add", "--db", "db", "--format", "rss",
                             archive / "pages" / "market-opengraph.html")
    bad_format = run_index("add", "--db", "db2", "--format", "xml", "x.jsonl")
    bad_date = run_index("add", "--db", "db2", "--default-date", "soon", "x.jsonl")
    as_jsonl = run_index("add", "--db", "db3", "--format", "jsonl",
                         archive / "records" / "briefs.jsonl")

    assert page_as_feed.returncode == EXIT_REJECTED
    assert "market-opengraph.html: file: not well-formed XML" in page_as_feed.stderr
    assert bad_format.returncode == EXIT_USAGE
    assert "--format: unknown format \"xml\"" in bad_format.stderr
    assert bad_date.returncode == EXIT_USAGE
    assert "--default-date: " in bad_date.stderr
    assert not (tmp_path / "db2").exists()
    assert as_jsonl.returncode == EXIT_OK
    assert stats(tmp_path / "db3")["articles"] == 2


def test_a_feed_on_stdin_and_gzip_feeds_are_read(run_index, stats, repo_root):
    feed = (repo_root / "tests" / "fixtures" / "archives" / "feeds" / "valley-atom.xml").read_bytes()

    piped = run_index("add", "--db", "db", "-", input=feed)
    zipped = run_index("add", "--db", "db2", "-", input=gzip.compress(feed))

    assert piped.returncode == EXIT_OK, piped.stderr
    assert zipped.returncode == EXIT_OK, zipped.stderr
    assert stats("db")["articles"] == stats("db2")["articles"] == 3


def test_empty_directories_index_nothing_and_unreadable_ones_stop_the_run(run_index, stats,
                                                                        tmp_path):
    (tmp_path / "empty" / ".git").mkdir(parents=True)
    (tmp_path / "locked" / "inside").mkdir(parents=True)
    write_lines(tmp_path / "locked" / "inside" / "a.jsonl", [article("hidden-by-permissions")])
    write_lines(tmp_path / "more.jsonl", [article("m-1")])

    empty = run_index("add", "--db", "db", "--json", "empty")
    os.chmod(tmp_path / "locked" / "inside", 0)
    try:
        locked = run_index("add", "--db", "db2", "more.jsonl", "locked")
    finally:
        os.chmod(tmp_path / "locked" / "inside", 0o755)

    assert empty.returncode == EXIT_OK
    assert json.loads(empty.stdout)["read"] == 0
    if os.geteuid() != 0:  # root reads any directory
        assert locked.returncode == EXIT_FATAL
        assert "locked: cannot read directory: Permission denied" in locked.stderr
        assert not (tmp_path / "db2").exists()


# --------------------------------------------------------------------------- boilerplate

GAZETTE_CHROME = [
    "By the Gazette harbour desk",
    "Follow the Gazette on Mastodon for harbour news as it happens.",
    "© 2024 The Harbour Gazette. Reprinted only with permission.",
]


def boilerplate_pages(repo_root, tmp_path) -> Path:
    """tests/fixtures/boilerplate: six pages of one source sharing a byline box and footers."""
    target = tmp_path / "pages"
    shutil.copytree(repo_root / "tests" / "fixtures" / "boilerplate", target)
    return target


def test_lines_repeated_across_a_source_are_learnt_removed_and_reported(
        run_index, repo_root, tmp_path, stored_articles):
    boilerplate_pages(repo_root, tmp_path)

    result = run_index("add", "--db", "db", "--verbose", "pages")

    assert result.returncode == EXIT_OK, result.stderr
    errors = stderr_lines(result)
    assert ("boilerplate: learnt 3 repeated lines of 1 source from 6 articles in"
            in errors[0]), result.stderr
    assert "boilerplate: removed 3 learnt lines:" in errors
    for chrome in GAZETTE_CHROME:
        assert f'  The Harbour Gazette: "{chrome}" (6 articles)' in errors
    stored = stored_articles(tmp_path / "db")
    assert len(stored) == 6
    ferry = stored["https://gazette.example/harbour-ferry-timetable.html"]
    assert ferry["body"] == (
        "The harbour board published the winter ferry timetable on Monday, with two fewer "
        "sailings on weekdays.\n\nCrews said the change follows a fall in passenger numbers "
        "since October.")
    for article_json in stored.values():
        assert not any(chrome in article_json["body"] for chrome in GAZETTE_CHROME)


def test_keep_boilerplate_indexes_bodies_as_given_and_quiet_runs_report_nothing(
        run_index, repo_root, tmp_path, stored_articles):
    boilerplate_pages(repo_root, tmp_path)

    kept = run_index("add", "--db", "db", "--keep-boilerplate", "pages")
    plain = run_index("add", "--db", "db2", "pages")

    assert kept.returncode == plain.returncode == EXIT_OK
    assert "boilerplate" not in kept.stderr + plain.stderr
    assert all(GAZETTE_CHROME[2] in a["body"] for a in stored_articles(tmp_path / "db").values())
    assert not any(GAZETTE_CHROME[2] in a["body"]
                   for a in stored_articles(tmp_path / "db2").values())


def test_a_rules_file_adds_keep_and_drop_rules_before_the_built_in_ones(
        run_index, repo_root, tmp_path, stored_articles):
    boilerplate_pages(repo_root, tmp_path)
    (tmp_path / "site.rules").write_text(
        "# this site's own rules\nkeep follow the gazette on .*\ndrop crews said .*\n",
        encoding="utf-8")

    result = run_index("add", "--db", "db", "--boilerplate-rules", "site.rules", "--verbose",
                       "pages")

    assert result.returncode == EXIT_OK, result.stderr
    assert "boilerplate: removed 1 line by rules: site.rules:3 ×1" in stderr_lines(result)
    ferry = stored_articles(tmp_path / "db")["https://gazette.example/harbour-ferry-timetable.html"]
    assert "Crews said" not in ferry["body"]
    assert ferry["body"].endswith(GAZETTE_CHROME[1])


@pytest.mark.parametrize("rules, message", [
    ("drop ok\ndorp x\n", 'bad.rules:2: unknown kind "dorp" (expected drop, drop-rest or keep)'),
    ("drop (open\n", 'bad.rules:1: invalid regular expression "(open": U_REGEX_MISMATCHED_PAREN'),
    ("drop by (?<name>.+)\n", 'bad.rules:1: unknown capture group "name" (expected source or url)'),
])
def test_a_bad_rules_file_stops_the_run_before_it_starts(run_index, tmp_path, rules, message):
    (tmp_path / "bad.rules").write_text(rules, encoding="utf-8")
    write_lines(tmp_path / "a.jsonl", [article("a-1")])

    result = run_index("add", "--db", "db", "--boilerplate-rules", "bad.rules", "a.jsonl")

    assert result.returncode == EXIT_USAGE
    assert f"dateline-index add: --boilerplate-rules: {message}" in result.stderr
    assert not (tmp_path / "db").exists()


def test_syndication_footers_give_original_source_and_standard_input_is_not_surveyed(
        run_index, tmp_path, stored_articles):
    record = article("syndicated-1", title="Ferry crews walk out",
                     body="Ferry crews walk out\n\nCrews stopped work at dawn.\n\n"
                          "This post first appeared on Tide Notes, please read the original "
                          "post: https://tide.example/p/1\n\nShare the post")

    result = run_index("add", "--db", "db", "--verbose", "-", input=line(record) + b"\n")

    assert result.returncode == EXIT_OK, result.stderr
    assert ("boilerplate: repeated lines not learnt: standard input cannot be read twice"
            in stderr_lines(result))
    stored = stored_articles(tmp_path / "db")["syndicated-1"]
    assert stored["body"] == "Crews stopped work at dawn."
    assert stored["original_source"] == "Tide Notes"
    assert stored["original_url"] == "https://tide.example/p/1"
