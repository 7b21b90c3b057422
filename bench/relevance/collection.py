"""Reading a test collection of ../shared/eval/NAME/ (docs.jsonl, queries.tsv, qrels.txt) and
writing TREC runs; shared by the run_*.py scripts. Stdlib only."""
import argparse
import json
import sys
from pathlib import Path


class Collection:
    """One folder: docs.jsonl (articles), queries.tsv (qid<TAB>text), qrels.txt (TREC qrels)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.name = self.folder.name
        self.docs_path = self.folder / "docs.jsonl"
        self.queries_path = self.folder / "queries.tsv"
        self.qrels_path = self.folder / "qrels.txt"

    def docs(self):
        """Every article of docs.jsonl, in file order."""
        with open(self.docs_path, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def queries(self):
        """[(qid, text), ...] in file order, every query (judged or not)."""
        queries = []
        with open(self.queries_path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                qid, sep, text = line.partition("\t")
                if not sep:
                    raise ValueError(f"{self.queries_path}:{number}: expected qid<TAB>text")
                queries.append((qid.strip(), text.strip()))
        return queries

    def qrels_docids(self):
        with open(self.qrels_path, encoding="utf-8") as handle:
            return {line.split()[2] for line in handle if line.strip()}

    def check_ids(self, docs):
        """Fails unless article ids are unique and every docid the qrels name is one of them."""
        ids = [doc["id"] for doc in docs]
        if len(set(ids)) != len(ids):
            sys.exit(f"{self.docs_path}: article ids are not unique")
        unknown = self.qrels_docids() - set(ids)
        if unknown:
            sys.exit(f"{self.qrels_path}: {len(unknown)} docids are not article ids of "
                     f"{self.docs_path}, e.g. {sorted(unknown)[:5]}")


def write_run(path, rankings, tag):
    """rankings: [(qid, [(docid, score), ...] best first), ...] -> a TREC run file."""
    with open(path, "w", encoding="utf-8") as out:
        for qid, ranking in rankings:
            for rank, (docid, score) in enumerate(ranking, 1):
                out.write(f"{qid} Q0 {docid} {rank} {score:.6f} {tag}\n")


def run_arguments(description, tag, log_help):
    """An argument parser with what every run_*.py takes: the collection folder, --out, --log,
    --depth and --tag (default `tag`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("collection", type=Path, help="folder with docs.jsonl, queries.tsv, qrels.txt")
    parser.add_argument("--out", type=Path, required=True, help="the TREC run to write")
    parser.add_argument("--log", type=Path, help=f"per-query log ({log_help})")
    parser.add_argument("--depth", type=int, default=100, help="results per query (default 100)")
    parser.add_argument("--tag", default=tag, help="run tag (last column)")
    return parser
