#!/usr/bin/env python3
"""Tabulates the scores evaluate.sh wrote and saves them as one JSON file.

    report.py OUT_DIR COLLECTION... [--baseline xapian-bm25]

Reads OUT_DIR/COLLECTION.SYSTEM.scores.json (scorer.py --json) for every system found, and
OUT_DIR/COLLECTION.SYSTEM.log.json when present (queries the system refused); prints one row
per collection and system, with each system's nDCG@10 as a ratio of the baseline's, then the
same comparison over only the judged queries every system answered; writes OUT_DIR/results.json.
"""
import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

MEASURES = ("ndcg@10", "map", "p@10", "recall@100")


def refused(log):
    """qid -> error code, for the queries a system refused."""
    return {qid: (entry.get("error") or {}).get("code", "error")
            if isinstance(entry.get("error"), dict) else "error"
            for qid, entry in log.items() if "error" in entry}


def collection_results(out_dir, name, baseline):
    systems = {}
    for path in sorted(out_dir.glob(f"{name}.*.scores.json")):
        system = path.name[len(name) + 1:-len(".scores.json")]
        scores = json.loads(path.read_text(encoding="utf-8"))
        log_path = out_dir / f"{name}.{system}.log.json"
        log = json.loads(log_path.read_text(encoding="utf-8")) if log_path.exists() else {}
        systems[system] = {"scores": scores, "refused": refused(log)}
    if baseline not in systems:
        sys.exit(f"report.py: no {name}.{baseline}.scores.json in {out_dir}")
    base = systems[baseline]["scores"]["mean"]["ndcg@10"]
    # The judged queries every system answered: where ranking, not refusal, decides.
    answered = set(systems[baseline]["scores"]["per_query"])
    for system in systems.values():
        answered -= set(system["refused"])
    result = {"systems": {}, "baseline": baseline, "answered_by_all": len(answered)}
    for system, data in systems.items():
        scores = data["scores"]
        per_query = scores["per_query"]
        subset = {m: (sum(per_query[q][m] for q in answered) / len(answered) if answered else 0.0)
                  for m in MEASURES}
        result["systems"][system] = {
            **{m: scores["mean"][m] for m in MEASURES},
            "queries_scored": scores["queries_scored"],
            "queries_skipped_no_relevant": scores["queries_skipped_no_relevant"],
            "queries_refused": len(data["refused"]),
            "judged_queries_refused": sorted(set(data["refused"]) & set(per_query), key=_order),
            "refusals_by_code": _count(data["refused"].values()),
            "ndcg@10_ratio_to_baseline": scores["mean"]["ndcg@10"] / base if base else None,
            "answered_by_all": subset,
            "per_query": per_query,
        }
    return result


def _count(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _order(qid):
    return (0, int(qid)) if qid.isdigit() else (1, qid)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("collections", nargs="+")
    parser.add_argument("--baseline", default="xapian-bm25")
    args = parser.parse_args()
    results = {"generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "depth": 100, "baseline": args.baseline, "collections": {}}
    header = (f"{'collection':<10} {'system':<18} {'nDCG@10':>8} {'MAP':>7} {'P@10':>7} "
              f"{'R@100':>7} {'scored':>6} {'refused':>7} {'nDCG/base':>9}")
    print(header)
    print("-" * len(header))
    for name in args.collections:
        found = collection_results(args.out_dir, name, args.baseline)
        results["collections"][name] = found
        for system, row in found["systems"].items():
            print(f"{name:<10} {system:<18} {row['ndcg@10']:8.4f} {row['map']:7.4f} "
                  f"{row['p@10']:7.4f} {row['recall@100']:7.4f} {row['queries_scored']:6d} "
                  f"{len(row['judged_queries_refused']):7d} "
                  f"{row['ndcg@10_ratio_to_baseline']:9.3f}")
    print("\nrefused: judged queries the system answered with an error (scored 0).")
    print("On the judged queries every system answered:")
    for name, found in results["collections"].items():
        base = found["systems"][args.baseline]["answered_by_all"]["ndcg@10"]
        parts = [f"{system} {row['answered_by_all']['ndcg@10']:.4f}"
                 + (f" ({row['answered_by_all']['ndcg@10'] / base:.3f})"
                    if system != args.baseline and base else "")
                 for system, row in found["systems"].items()]
        print(f"  {name}: {found['answered_by_all']} queries, nDCG@10 " + ", ".join(parts))
    path = args.out_dir / "results.json"
    path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {path}")


if __name__ == "__main__":
    main()
