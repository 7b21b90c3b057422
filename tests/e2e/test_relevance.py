"""Relevance regression (issue 7): Dateline's default ranking on the CISI and CACM test
collections of ../shared/eval, through the real dateline-index and dateline-server
(bench/relevance/run_dateline.py) and scored by bench/relevance/scorer.py. Fails when a
collection's nDCG@10 drops more than 1 % below the figure recorded in
bench/relevance/recorded.json. Skipped when ../shared is not beside the clone.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("DATELINE_ROOT") or Path(__file__).resolve().parents[2]).resolve()
SHARED = Path(os.environ.get("DATELINE_SHARED") or ROOT.parent / "shared")
RELEVANCE = ROOT / "bench" / "relevance"
RECORDED = json.loads((RELEVANCE / "recorded.json").read_text(encoding="utf-8"))
TOLERANCE = 0.99


@pytest.mark.parametrize("collection", ["cisi", "cacm"])
def test_ndcg_at_10_holds(collection, tmp_path):
    data = SHARED / "eval" / collection
    if not (data / "docs.jsonl").is_file():
        pytest.skip(f"no test collection at {data}")
    run = tmp_path / f"{collection}.run"
    subprocess.run([sys.executable, "-B", str(RELEVANCE / "run_dateline.py"), str(data),
                    "--out", str(run)], check=True, timeout=300)
    scored = subprocess.run(
        [sys.executable, "-B", str(RELEVANCE / "scorer.py"), str(data / "qrels.txt"), str(run),
         "--queries", str(data / "queries.tsv"), "--json"],
        check=True, capture_output=True, text=True, timeout=60)
    ndcg = json.loads(scored.stdout)["mean"]["ndcg@10"]
    recorded = RECORDED[collection]["ndcg@10"]
    assert ndcg >= TOLERANCE * recorded, (
        f"{collection}: nDCG@10 {ndcg:.4f} is more than 1 % below the recorded {recorded:.4f}")
