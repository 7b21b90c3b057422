"""Tests of bench/relevance/scorer.py on hand-computed cases (stdlib + pytest only).

    /usr/bin/python3 -m pytest bench/relevance/test_scorer.py
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scorer  # noqa: E402

SCORER = Path(__file__).resolve().parent / "scorer.py"


def qrels_lines(judgments):
    """[(qid, docid, rel), ...] -> qrels lines."""
    return [f"{qid} 0 {docid} {rel}" for qid, docid, rel in judgments]


def run_lines(rankings):
    """{qid: [docid, ...]} best first -> run lines with decreasing scores."""
    return [f"{qid} Q0 {docid} {rank} {100 - rank:.3f} test"
            for qid, docids in rankings.items() for rank, docid in enumerate(docids, 1)]


def evaluate(judgments, rankings):
    return scorer.evaluate(scorer.parse_qrels(qrels_lines(judgments)),
                           scorer.parse_run(run_lines(rankings)))


def test_perfect_ranking_scores_one_on_every_measure():
    relevant = [f"d{i}" for i in range(12)]  # 12 relevant: P@10 can reach 1
    result = evaluate([("1", d, 1) for d in relevant], {"1": relevant + ["x1", "x2"]})
    assert result["mean"] == pytest.approx({m: 1.0 for m in scorer.MEASURES})


def test_perfect_graded_ranking_has_ndcg_one():
    judged = [("1", "a", 3), ("1", "b", 2), ("1", "c", 1), ("1", "z", 0)]
    result = evaluate(judged, {"1": ["a", "b", "c", "z"]})
    assert result["per_query"]["1"]["ndcg@10"] == pytest.approx(1.0)


def test_ndcg_at_10_graded_hand_worked():
    # qrels: a=3, b=2, c=1, e=2 (never retrieved), d=0 (judged not relevant).
    # run:   d, a, c, x (unjudged), b
    # gains by rank 1..5: 0, 3, 1, 0, 2; discount log2(rank + 1): 1, 1.58496, 2, 2.32193, 2.58496
    # DCG  = 0/1 + 3/1.5849625 + 1/2 + 0/2.3219281 + 2/2.5849625
    #      = 0 + 1.8927893 + 0.5 + 0 + 0.7737056 = 3.1664949
    # ideal gains 3, 2, 2, 1 (every relevant grade, best first, retrieved or not):
    # IDCG = 3/1 + 2/1.5849625 + 2/2 + 1/2.3219281 = 3 + 1.2618595 + 1 + 0.4306766 = 5.6925361
    # nDCG@10 = 3.1664949 / 5.6925361 = 0.5562538
    judged = [("1", "a", 3), ("1", "b", 2), ("1", "c", 1), ("1", "e", 2), ("1", "d", 0)]
    result = evaluate(judged, {"1": ["d", "a", "c", "x", "b"]})
    assert result["per_query"]["1"]["ndcg@10"] == pytest.approx(0.5562538, abs=1e-7)


def test_ndcg_counts_only_the_top_10():
    # The one relevant document at rank 11 contributes nothing; at rank 10 it gives 1/log2(11).
    filler = [f"x{i}" for i in range(10)]
    assert evaluate([("1", "r", 1)], {"1": filler + ["r"]})["mean"]["ndcg@10"] == 0.0
    at_10 = evaluate([("1", "r", 1)], {"1": filler[:9] + ["r"]})["mean"]["ndcg@10"]
    assert at_10 == pytest.approx(1 / 3.4594316, abs=1e-7)  # log2(11) = 3.4594316


def test_map_with_relevant_documents_never_retrieved():
    # 4 relevant (a, b, c, d); run a, x, b: precision at the relevant ranks 1/1 and 2/3;
    # c and d are never retrieved and add 0: AP = (1 + 2/3) / 4 = 0.4166667
    judged = [("1", d, 1) for d in "abcd"]
    result = evaluate(judged, {"1": ["a", "x", "b"]})
    assert result["per_query"]["1"]["map"] == pytest.approx(5 / 12)


def test_map_is_the_mean_of_average_precisions():
    # q1: one relevant at rank 2 -> AP 1/2; q2: one relevant at rank 1 -> AP 1. MAP = 0.75
    judged = [("1", "a", 1), ("2", "b", 1)]
    result = evaluate(judged, {"1": ["x", "a"], "2": ["b"]})
    assert result["mean"]["map"] == pytest.approx(0.75)


def test_p_at_10_with_fewer_than_10_results_divides_by_10():
    # 3 results, 2 relevant: 2/10, not 2/3.
    result = evaluate([("1", "a", 1), ("1", "b", 1)], {"1": ["a", "x", "b"]})
    assert result["per_query"]["1"]["p@10"] == pytest.approx(0.2)


def test_recall_at_100_counts_the_top_100_only():
    # 3 relevant at ranks 1, 100 and 101 of 150: recall@100 = 2/3.
    ranking = [f"x{i}" for i in range(150)]
    ranking[0], ranking[99], ranking[100] = "a", "b", "c"
    result = evaluate([("1", d, 1) for d in "abc"], {"1": ranking})
    assert result["per_query"]["1"]["recall@100"] == pytest.approx(2 / 3)


def test_queries_without_relevant_documents_are_skipped_and_counted():
    # q1 scored (AP 1); q2 judged only non-relevant; q3 in the run but not in the qrels.
    judged = [("1", "a", 1), ("2", "b", 0)]
    result = evaluate(judged, {"1": ["a"], "2": ["b"], "3": ["c"]})
    assert result["queries_scored"] == 1
    assert result["queries_skipped_no_relevant"] == 2
    assert result["skipped"] == ["2", "3"]
    assert list(result["per_query"]) == ["1"]
    assert result["mean"]["map"] == pytest.approx(1.0)  # not diluted by skipped queries


def test_queries_asked_but_absent_from_run_and_qrels_count_as_skipped():
    # q4 found nothing (no run lines) and has no judgments: only the query list knows it.
    result = scorer.evaluate(scorer.parse_qrels(["1 0 a 1"]), scorer.parse_run(["1 Q0 a 1 1 t"]),
                             queries=["1", "4"])
    assert result["queries_scored"] == 1 and result["skipped"] == ["4"]


def test_scored_query_missing_from_the_run_scores_zero():
    result = evaluate([("1", "a", 1), ("2", "b", 1)], {"1": ["a"]})
    assert result["queries_missing_from_run"] == ["2"]
    assert result["per_query"]["2"] == {m: 0.0 for m in scorer.MEASURES}
    assert result["mean"]["ndcg@10"] == pytest.approx(0.5)


def test_run_order_follows_the_rank_column_and_duplicates_count_once():
    lines = ["1 Q0 x 2 5.0 t", "1 Q0 a 1 9.0 t", "1 Q0 a 3 1.0 t"]
    assert scorer.parse_run(lines) == {"1": ["a", "x"]}


@pytest.mark.parametrize("text", ["1 0 a", "1 0 a yes"])
def test_bad_qrels_lines_are_rejected(text):
    with pytest.raises(scorer.FormatError, match="qrels line 1"):
        scorer.parse_qrels([text])


@pytest.mark.parametrize("text", ["1 Q0 a 1 2.0", "1 Q0 a first 2.0 t"])
def test_bad_run_lines_are_rejected(text):
    with pytest.raises(scorer.FormatError, match="run line 1"):
        scorer.parse_run([text])


def test_cli_json(tmp_path):
    qrels = tmp_path / "qrels.txt"
    run = tmp_path / "run.txt"
    qrels.write_text("\n".join(qrels_lines([("1", "a", 1), ("1", "b", 1), ("9", "z", 0)])) + "\n")
    run.write_text("\n".join(run_lines({"1": ["a", "x"]})) + "\n")
    out = subprocess.run([sys.executable, str(SCORER), str(qrels), str(run), "--json"],
                         capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    assert result["queries_scored"] == 1 and result["queries_skipped_no_relevant"] == 1
    assert result["mean"]["map"] == pytest.approx(0.5)
    assert result["mean"]["recall@100"] == pytest.approx(0.5)


def test_cli_text_says_what_was_skipped(tmp_path):
    qrels = tmp_path / "qrels.txt"
    run = tmp_path / "run.txt"
    qrels.write_text("1 0 a 1\n2 0 b 0\n")
    run.write_text("1 Q0 a 1 1.0 t\n")
    out = subprocess.run([sys.executable, str(SCORER), str(qrels), str(run)],
                         capture_output=True, text=True, check=True).stdout
    assert "1 queries scored; 1 skipped (no relevant documents in the qrels)" in out
    queries = tmp_path / "queries.tsv"
    queries.write_text("1\tfirst\n2\tsecond\n3\tthird, found nothing\n")
    out = subprocess.run([sys.executable, str(SCORER), str(qrels), str(run), "--queries",
                          str(queries)], capture_output=True, text=True, check=True).stdout
    assert "1 queries scored; 2 skipped (no relevant documents in the qrels)" in out
