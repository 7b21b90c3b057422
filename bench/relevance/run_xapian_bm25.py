#!/usr/bin/env python3
"""The baseline: Xapian's plain BM25, default parameters, on a test collection; a TREC run.

    run_xapian_bm25.py COLLECTION_DIR --out RUN [--log LOG.json] [--depth 100] [--tag xapian-bm25]
                       [--capitals]

Indexes title + body of every article of docs.jsonl (title, a term-position gap, body) with a
plain TermGenerator (English stemmer, STEM_SOME, no stop words, no field prefixes) into a
temporary folder, parses each query of queries.tsv with a plain QueryParser (same stemmer and
strategy, default flags, default operator OR, no stop words) and ranks with Enquire's default
weighting, BM25Weight() (k1=1, k2=0, k3=1, b=0.5, min_normlen=0.5): the top --depth documents.
A query QueryParser refuses gets no lines (scored 0) and is logged. --capitals sends every
query in capital letters (QueryParser then reads AND/OR/NOT as operators and leaves capitalised
words unstemmed). Needs python3-xapian.
"""
import json
import sys
import tempfile
import time
from pathlib import Path

try:
    import xapian
except ImportError:
    sys.exit("the Xapian Python bindings are missing: apt-get install python3-xapian")

from collection import Collection, run_arguments, write_run


def build_index(path, docs):
    db = xapian.WritableDatabase(str(path), xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("english"))
    generator.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    for doc in docs:
        document = xapian.Document()
        generator.set_document(document)
        generator.index_text(doc.get("title") or "")
        generator.increase_termpos()
        generator.index_text(doc.get("body") or "")
        document.set_data(doc["id"])
        db.add_document(document)
    db.commit()
    return db


def main():
    parser = run_arguments(__doc__.splitlines()[0], "xapian-bm25", "error, total")
    parser.add_argument("--capitals", action="store_true", help="send the queries in capitals")
    args = parser.parse_args()
    collection = Collection(args.collection)
    docs = collection.docs()
    collection.check_ids(docs)
    started = time.monotonic()
    rankings, log = [], {}
    with tempfile.TemporaryDirectory(prefix=f"xapian-bm25-{collection.name}-") as tmp:
        db = build_index(Path(tmp) / "db", docs)
        qp = xapian.QueryParser()
        qp.set_stemmer(xapian.Stem("english"))
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_database(db)
        enquire = xapian.Enquire(db)  # weighting: BM25Weight() with its defaults
        for qid, text in collection.queries():
            entry = {"query": text}
            try:
                enquire.set_query(qp.parse_query(text.upper() if args.capitals else text))
            except xapian.QueryParserError as error:
                entry["error"] = str(error)
                rankings.append((qid, []))
                log[qid] = entry
                continue
            mset = enquire.get_mset(0, args.depth)
            ranking = [(match.document.get_data().decode("utf-8"), match.weight)
                       for match in mset]
            entry.update(total=mset.get_matches_estimated(), returned=len(ranking))
            rankings.append((qid, ranking))
            log[qid] = entry
        db.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_run(args.out, rankings, args.tag)
    if args.log:
        args.log.write_text(json.dumps(log, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    errors = sum(1 for entry in log.values() if "error" in entry)
    print(f"{collection.name}: xapian-bm25: {len(log)} queries in "
          f"{time.monotonic() - started:.1f} s; refused: {errors}", file=sys.stderr)


if __name__ == "__main__":
    main()
