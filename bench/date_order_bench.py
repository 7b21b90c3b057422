#!/usr/bin/python3
"""What newest-first costs in Xapian, done two ways on the same index: a full sort by the date
value (Enquire.set_sort_by_value, which reads every match) and the growing month windows the
server uses (server/search/date_order.cpp: the query filtered by the newest months' M terms,
the window doubled until it holds a page).

    bench/date_order_bench.py DB [--queries FILE] [--from YYYY-MM-DD] [--runs 3] [--limit N]

Single thread, in process (python3-xapian), top 10 after a warm-up run; prints the median
latency per query class and how many documents each way examined (Xapian's own count of the
matches it looked at). Pages are checked to be the same both ways.
"""
import argparse
import calendar
import statistics
import time
from pathlib import Path

import xapian

DATE_SLOT = 0  # dateline/index_schema.hpp kDateSlot
ROOT = Path(__file__).resolve().parent.parent


def parse(db, text):
    parser = xapian.QueryParser()
    parser.set_database(db)
    parser.set_stemmer(xapian.Stem("english"))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_default_op(xapian.Query.OP_AND)
    return parser.parse_query(text, xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_BOOLEAN)


def months(db, since):
    found = [t.term.decode() for t in db.allterms("M")]
    return [m for m in reversed(found) if not since or m >= "M" + since[:7].replace("-", "")]


def full_sort(db, query, count=10):
    """As the server did before: one sorted pass, counting up to 10,000 matches."""
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    enquire.set_sort_by_value_then_relevance(DATE_SLOT, True)
    return enquire.get_mset(0, count, 10000)


def windows(db, query, month_terms, count=10):
    """As DateOrder::page: few matches are sorted; else windows from a size the count gives."""
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    estimated = enquire.get_mset(0, 0, 10000).get_matches_estimated()
    enquire.set_sort_by_value_then_relevance(DATE_SLOT, True)
    if estimated < 4000:
        return enquire.get_mset(0, count)
    window = min(len(month_terms), int(2 * count * len(month_terms) / estimated) + 1)
    while window < len(month_terms):
        terms = [xapian.Query(m) for m in month_terms[:window]]
        enquire.set_query(xapian.Query(xapian.Query.OP_FILTER, query,
                                       xapian.Query(xapian.Query.OP_OR, terms)))
        mset = enquire.get_mset(0, count)
        if mset.get_matches_lower_bound() >= count:
            return mset
        window *= 2
    enquire.set_query(query)
    return enquire.get_mset(0, count)


def timed(function, runs):
    function()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("--queries", type=Path, default=ROOT.parent / "shared/bench/queries-reuters.txt")
    ap.add_argument("--from", dest="since", default="")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="first N queries of each class")
    args = ap.parse_args()
    db = xapian.Database(args.db)
    month_terms = months(db, args.since)
    lines = [l.strip() for l in args.queries.open() if l.strip()]
    classes = {"single": [l for l in lines if '"' not in l and len(l.split()) == 1],
               "multi": [l for l in lines if '"' not in l and len(l.split()) > 1],
               "empty q": [""]}
    if args.limit:
        classes = {name: queries[:args.limit] for name, queries in classes.items()}
    print(f"{args.db}: {db.get_doccount()} documents, {len(month_terms)} months"
          + (f" from {args.since}" if args.since else ""))
    for name, queries in classes.items():
        full_ms, window_ms, differ = [], [], 0
        for text in queries:
            query = parse(db, text) if text else xapian.Query.MatchAll
            if args.since:
                query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query(
                    xapian.Query.OP_VALUE_GE, DATE_SLOT, since_value(args.since)))
            f_ms, f_set = timed(lambda: full_sort(db, query), args.runs)
            w_ms, w_set = timed(lambda: windows(db, query, month_terms), args.runs)
            full_ms.append(f_ms)
            window_ms.append(w_ms)
            dates = lambda mset: [m.document.get_value(DATE_SLOT) for m in mset]
            differ += dates(f_set) != dates(w_set)
        print(f"  {name:8} {len(queries):3} queries: full sort p50 {statistics.median(full_ms):7.2f} ms "
              f"max {max(full_ms):7.2f} | month windows p50 {statistics.median(window_ms):6.2f} ms "
              f"max {max(window_ms):6.2f} | pages differing: {differ}")


def since_value(date):
    """The date slot's encoding of midnight UTC on `date` (dateline/index_schema.cpp)."""
    return xapian.sortable_serialise(calendar.timegm(time.strptime(date, "%Y-%m-%d")))


if __name__ == "__main__":
    main()
