"""Stories at ingest, through the real dateline-index: copies (new headline, boilerplate added,
last paragraph cut, another source) join the first article's story in one run, across runs
(the index's band terms) and across the two writers of a fresh build; `stories` reports them;
reindex finds them again; different articles stay apart."""

import json
import random
import re

import jsonschema

STORIES_SCHEMA = {
    "type": "object",
    "required": ["articles", "stories", "stories_with_copies", "copies", "largest"],
    "additionalProperties": False,
    "properties": {
        "articles": {"type": "integer", "minimum": 0},
        "stories": {"type": "integer", "minimum": 0},
        "stories_with_copies": {"type": "integer", "minimum": 0},
        "copies": {"type": "integer", "minimum": 0},
        "largest": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "size", "articles"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "size": {"type": "integer", "minimum": 2},
                    "articles": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "title", "source", "date"],
                            "additionalProperties": False,
                            "properties": {
                                "id": {"type": "string"},
                                "title": {"type": "string"},
                                "source": {"type": "string"},
                                "date": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}

WORDS = ("harbour ferry council budget strike minister river bridge school hospital farmers "
         "election court police storm museum festival railway airport market bank housing "
         "teachers nurses union water energy wind solar climate coast fishing port trade "
         "export import factory jobs wages prices tax road tunnel island village city mayor "
         "report plan vote law judge trial fire flood drought harvest wheat grain dairy "
         "tourism hotel beach season ticket route timetable delay opening closure protest "
         "talks deal contract workers pension health care doctors patients clinic ward").split()


def body(rng, paragraphs=3, words=30):
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(words)) + "."
                       for _ in range(paragraphs))


def record(article_id, text, source="Harbour Gazette", day=2, title=None):
    return {"id": article_id, "title": title or f"Headline {article_id}", "body": text,
            "date": f"2024-03-{day:02d}T08:00:00Z", "source": source}


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def stories(run_index, db, *extra):
    result = run_index("stories", "--db", db, "--json", *extra)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, STORIES_SCHEMA)
    return report


def members(report):
    return {story["id"]: sorted(a["id"] for a in story["articles"]) for story in report["largest"]}


def test_copies_join_the_first_articles_story_and_others_stay_apart(run_index, tmp_path):
    rng = random.Random(7)
    original, other = body(rng), body(rng)
    paragraphs = original.split("\n\n")
    records = [
        record("orig", original),
        record("other", other),
        record("retitled", original, source="Coast Daily", day=3, title="A new headline"),
        record("boilerplate", original + "\n\nThis article originally appeared on Harbour "
               "Gazette. Subscribe to our newsletter and share it with your friends.",
               source="Aggregator", day=3),
        record("trimmed", "\n\n".join(paragraphs[:-1]), source="Island Post", day=4),
    ]
    result = run_index("add", "--json", "--db", "db", write(tmp_path / "a.jsonl", records))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["copies"] == 3
    report = stories(run_index, "db")
    assert (report["articles"], report["stories"], report["stories_with_copies"],
            report["copies"]) == (5, 2, 1, 3)
    assert members(report) == {"orig": ["boilerplate", "orig", "retitled", "trimmed"]}
    listed = report["largest"][0]["articles"]
    assert [a["id"] for a in listed][0] == "orig"  # earliest first
    assert [a["date"][:10] for a in listed] == sorted(a["date"][:10] for a in listed)

    text = run_index("stories", "--db", "db")
    assert text.returncode == 0
    assert re.search(r"^stories with copies: 1 \(3 copies\)$", text.stdout, re.M), text.stdout


def test_a_negative_top_is_a_usage_error(run_index, tmp_path):
    run_index("add", "--db", "db", write(tmp_path / "a.jsonl", [record("a", "Ferry news.")]))
    result = run_index("stories", "--db", "db", "--top", "-1")
    assert result.returncode == 2
    assert "--top" in result.stderr
    assert result.stdout == ""


def test_a_later_run_finds_the_story_in_the_index(run_index, tmp_path):
    rng = random.Random(8)
    original = body(rng)
    run_index("add", "--db", "db", write(tmp_path / "first.jsonl", [record("orig", original)]))
    result = run_index("add", "--json", "--db", "db", write(
        tmp_path / "second.jsonl",
        [record("copy", original, source="Coast Daily", day=3), record("new", body(rng))]))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["copies"] == 1
    assert members(stories(run_index, "db")) == {"orig": ["copy", "orig"]}


def test_the_two_writers_of_a_fresh_build_share_stories_and_reindex_finds_them_again(
        run_index, tmp_path):
    rng = random.Random(9)
    originals = [body(rng) for _ in range(60)]
    records = [record(f"orig-{i}", text) for i, text in enumerate(originals)]
    records += [record(f"copy-{i}", text + "\n\nShared from Harbour Gazette.",
                       source="Aggregator", day=3) for i, text in enumerate(originals)]
    result = run_index("add", "--json", "--db", "db", write(tmp_path / "many.jsonl", records))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["copies"] == 60
    expected = {f"orig-{i}": [f"copy-{i}", f"orig-{i}"] for i in range(60)}
    assert members(stories(run_index, "db", "--top", "0")) == expected
    assert len(stories(run_index, "db", "--top", "5")["largest"]) == 5

    assert run_index("reindex", "--db", "db").returncode == 0
    assert members(stories(run_index, "db", "--top", "0")) == expected


def test_same_text_weeks_apart_and_templated_reports_are_not_copies(run_index, tmp_path):
    rng = random.Random(10)
    text = body(rng)
    template = ("The central bank entered the money market to arrange {} billion dlrs of "
                "repurchase agreements, a spokesman said. Dealers said funds were trading at "
                "{} pct when the bank began its temporary supply of reserves to the system.")
    records = [
        record("march", text, day=1),
        record("april", text).copy() | {"date": "2024-04-20T08:00:00Z"},
        record("monday", template.format("1.5", "6-3/16"), day=4),
        record("tuesday", template.format("2.5", "6-1/4"), day=5),
    ]
    result = run_index("add", "--json", "--db", "db", write(tmp_path / "t.jsonl", records))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["copies"] == 0
    assert stories(run_index, "db")["stories"] == 4
