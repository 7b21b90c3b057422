#!/usr/bin/env python3
"""A second baseline: SQLite FTS5's plain bm25, any word, on a test collection; a TREC run.

    run_sqlite_fts5.py COLLECTION_DIR --out RUN [--log LOG.json] [--depth 100] [--tag sqlite-fts5]

Indexes title and body of every article of docs.jsonl into an in-memory FTS5 table with the
default tokenizer (unicode61: case and diacritics folded, no stemming, no stop words) and asks
each query of queries.tsv as any of its words (each token quoted, joined with OR), ranked by
FTS5's bm25() with its defaults (k1 = 1.2, b = 0.75, both columns weighted 1): the top --depth
articles. This is the "plain bm25 (any word)" that issue 7 compares against. Python's sqlite3
module (stdlib; Debian's SQLite has FTS5) is all it needs.
"""
import json
import re
import sqlite3
import sys
import time

from collection import Collection, run_arguments, write_run

# What FTS5's unicode61 tokenizer keeps: letters and digits (any script).
TOKEN = re.compile(r"[^\W_]+")


def build_index(docs):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body)")
    db.executemany("INSERT INTO articles (id, title, body) VALUES (?, ?, ?)",
                   ((doc["id"], doc.get("title") or "", doc.get("body") or "") for doc in docs))
    return db


def any_word(text):
    """The query as FTS5 syntax: every token quoted (no operators), OR'd."""
    return " OR ".join(f'"{token}"' for token in dict.fromkeys(TOKEN.findall(text)))


def main():
    parser = run_arguments(__doc__.splitlines()[0], "sqlite-fts5", "returned")
    args = parser.parse_args()
    collection = Collection(args.collection)
    docs = collection.docs()
    collection.check_ids(docs)
    started = time.monotonic()
    db = build_index(docs)
    rankings, log = [], {}
    for qid, text in collection.queries():
        match = any_word(text)
        rows = db.execute("SELECT id, bm25(articles) FROM articles WHERE articles MATCH ? "
                          "ORDER BY bm25(articles) LIMIT ?", (match, args.depth)).fetchall() \
            if match else []
        # bm25() is lower for better matches; the run's score column wants higher-is-better.
        ranking = [(docid, -score) for docid, score in rows]
        rankings.append((qid, ranking))
        log[qid] = {"query": text, "returned": len(ranking)}
    db.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_run(args.out, rankings, args.tag)
    if args.log:
        args.log.write_text(json.dumps(log, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{collection.name}: sqlite-fts5: {len(log)} queries in "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
