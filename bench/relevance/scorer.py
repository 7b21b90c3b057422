#!/usr/bin/env python3
"""Scores a TREC run against TREC qrels: nDCG@10, MAP, P@10 and recall@100, per query and mean.

    scorer.py QRELS RUN [--json] [--queries QUERIES.tsv]

QRELS lines are "qid 0 docid rel" (rel an integer; > 0 is relevant and is the gain); RUN lines
are "qid Q0 docid rank score tag". Python 3 standard library only.

Definitions (those of trec_eval where it has them):
- nDCG@10: DCG = sum over ranks i = 1..10 of gain_i / log2(i + 1), gain = the qrels grade
  (0 when unjudged or rel <= 0); divided by the DCG of the ideal ranking, the query's grades
  from the qrels in decreasing order.
- MAP: per query, the sum of precision@k over the ranks k holding a relevant document, divided
  by the number of relevant documents in the qrels (so relevant documents never retrieved count
  as precision 0); the mean over queries. Over what the run retrieved: 100 deep here.
- P@10: relevant documents in the top 10, divided by 10 (also when fewer than 10 were returned).
- recall@100: relevant documents in the top 100, divided by the relevant documents in the qrels.

A run's documents are taken in the order of their rank column (ties: higher score first), not
re-sorted by score as trec_eval does; a document listed twice for a query counts once, at its
first rank. Queries are scored when the qrels give them at least one relevant document; those
the qrels give none (unjudged, or judged all non-relevant) are skipped and counted: those of
the qrels and the run, and with --queries (a file of "qid<TAB>text" lines) every query listed,
since a run has no line for a query that found nothing. A scored query the run has no line for
scores 0 on every measure (trec_eval -c) and is counted as missing.
"""
import argparse
import json
import math
import sys
from collections import defaultdict

MEASURES = ("ndcg@10", "map", "p@10", "recall@100")


class FormatError(ValueError):
    """A line of a qrels or run file that is not in the TREC format."""


def parse_qrels(lines):
    """{qid: {docid: rel}} from "qid 0 docid rel" lines (blank lines ignored)."""
    qrels = defaultdict(dict)
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise FormatError(f"qrels line {number}: expected 'qid 0 docid rel', got {line!r}")
        qid, _, docid, rel = fields
        try:
            qrels[qid][docid] = int(rel)
        except ValueError:
            raise FormatError(f"qrels line {number}: relevance {rel!r} is not an integer") from None
    return dict(qrels)


def parse_run(lines):
    """{qid: [docid, ...]} in rank order from "qid Q0 docid rank score tag" lines."""
    entries = defaultdict(list)
    for number, line in enumerate(lines, 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 6:
            raise FormatError(
                f"run line {number}: expected 'qid Q0 docid rank score tag', got {line!r}")
        qid, _, docid, rank, score, _ = fields
        try:
            entries[qid].append((int(rank), -float(score), number, docid))
        except ValueError:
            raise FormatError(f"run line {number}: bad rank {rank!r} or score {score!r}") from None
    run = {}
    for qid, rows in entries.items():
        seen, ranking = set(), []
        for _, _, _, docid in sorted(rows):
            if docid not in seen:
                seen.add(docid)
                ranking.append(docid)
        run[qid] = ranking
    return run


def dcg(gains):
    return sum(gain / math.log2(i + 2) for i, gain in enumerate(gains))


def score_query(judged, ranking):
    """The four measures for one query: judged {docid: rel}, ranking [docid, ...] best first.
    Requires at least one relevant (rel > 0) document in judged."""
    relevant = {docid for docid, rel in judged.items() if rel > 0}
    if not relevant:
        raise ValueError("a query without relevant documents cannot be scored")
    gains = [max(judged.get(docid, 0), 0) for docid in ranking[:10]]
    ideal = sorted((rel for rel in judged.values() if rel > 0), reverse=True)[:10]
    found, precision_sum = 0, 0.0
    for k, docid in enumerate(ranking, 1):
        if docid in relevant:
            found += 1
            precision_sum += found / k
    return {
        "ndcg@10": dcg(gains) / dcg(ideal),
        "map": precision_sum / len(relevant),
        "p@10": sum(1 for docid in ranking[:10] if docid in relevant) / 10,
        "recall@100": sum(1 for docid in ranking[:100] if docid in relevant) / len(relevant),
    }


def evaluate(qrels, run, queries=()):
    """Per-query and mean scores, with what was skipped; see the module docstring.
    queries: every query id asked, when known (counted as skipped unless scored)."""
    scored = sorted((qid for qid, judged in qrels.items() if any(r > 0 for r in judged.values())),
                    key=_qid_order)
    skipped = sorted((set(qrels) | set(run) | set(queries)) - set(scored), key=_qid_order)
    per_query = {qid: score_query(qrels[qid], run.get(qid, [])) for qid in scored}
    mean = {m: (sum(s[m] for s in per_query.values()) / len(per_query) if per_query else 0.0)
            for m in MEASURES}
    return {
        "mean": mean,
        "queries_scored": len(scored),
        "queries_skipped_no_relevant": len(skipped),
        "skipped": skipped,
        "queries_missing_from_run": [qid for qid in scored if qid not in run],
        "per_query": per_query,
    }


def _qid_order(qid):
    return (0, int(qid), "") if qid.isdigit() else (1, 0, qid)


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().splitlines()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("qrels", help="TREC qrels: qid 0 docid rel")
    parser.add_argument("run", help="TREC run: qid Q0 docid rank score tag")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--queries", help="qid<TAB>text lines: every query asked")
    args = parser.parse_args(argv)
    try:
        queries = ([line.split("\t", 1)[0].strip() for line in _read(args.queries) if line.strip()]
                   if args.queries else [])
        result = evaluate(parse_qrels(_read(args.qrels)), parse_run(_read(args.run)), queries)
    except (OSError, FormatError) as error:
        print(f"scorer.py: {error}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
        return 0
    print(f"{'qid':>6} " + " ".join(f"{m:>10}" for m in MEASURES))
    for qid, scores in result["per_query"].items():
        print(f"{qid:>6} " + " ".join(f"{scores[m]:10.4f}" for m in MEASURES))
    print(f"{'mean':>6} " + " ".join(f"{result['mean'][m]:10.4f}" for m in MEASURES))
    print(f"{result['queries_scored']} queries scored; {result['queries_skipped_no_relevant']} "
          "skipped (no relevant documents in the qrels)"
          + (f"; {len(result['queries_missing_from_run'])} scored as 0 (not in the run: "
             + " ".join(result["queries_missing_from_run"]) + ")"
             if result["queries_missing_from_run"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
