#!/usr/bin/python3
"""Stories on the synthetic archive: does every copy the generator plants land in its
original's story, and are unrelated articles kept apart? (bench/story_eval.md)

    bench/story_synth_eval.py [--n 20000] [--seed 1] [--work DIR] [--json FILE] [--keep]
    bench/story_synth_eval.py --archive FILE --db DIR   # an archive indexed already (1M)

../shared/bench/synth/gen_corpus.py writes --n articles modelled on Reuters; about 1 % of its
lines are syndicated copies (the title and body of an earlier line, a new id, url, source and
a later date). The truth is the groups of lines with identical (title, body). The archive is
indexed with the real dateline-index and each article's story read from value slot 4
(python3-xapian). Reported: planted copies found in their original's story; stories holding
articles of more than one group (unrelated articles merged); pairwise precision and recall.
"""
import argparse
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from story_eval import INDEXER, SHARED, index_stories, log, read_stories  # noqa: E402

GENERATOR = SHARED / "bench/synth/gen_corpus.py"
REUTERS = SHARED / "corpus/reuters21578.jsonl"


def pairs_within(groups):
    return sum(len(g) * (len(g) - 1) // 2 for g in groups)


def evaluate(archive, stories):
    """Planted copies against the stories the index gives them."""
    group_of, originals = {}, {}
    with open(archive, encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            # A digest, not the texts: a million articles' texts do not fit comfortably.
            key = hashlib.blake2b((article["title"] + "\0" + article["body"]).encode(),
                                  digest_size=16).digest()
            originals.setdefault(key, article["id"])
            group_of[article["id"]] = originals[key]
    copies = [i for i, first in group_of.items() if i != first]
    found = sum(1 for i in copies if i in stories and stories[i] == stories.get(group_of[i]))
    truth = collections.defaultdict(list)
    for i, first in group_of.items():
        truth[first].append(i)
    by_story = collections.defaultdict(list)
    for i in group_of:
        if i in stories:
            by_story[stories[i]].append(i)
    mixed = [members for members in by_story.values()
             if len({group_of[i] for i in members}) > 1]
    # Articles in a story that are not of the story's largest group: merged in wrongly.
    intruders = 0
    for members in mixed:
        sizes = collections.Counter(group_of[i] for i in members)
        intruders += len(members) - sizes.most_common(1)[0][1]
    together = 0  # pairs in one story and one group
    for members in by_story.values():
        sizes = collections.Counter(group_of[i] for i in members).values()
        together += sum(c * (c - 1) // 2 for c in sizes)
    predicted = pairs_within(by_story.values())
    actual = pairs_within(truth.values())
    return {
        "articles": len(group_of),
        "indexed": sum(1 for i in group_of if i in stories),
        "groups_with_copies": sum(1 for g in truth.values() if len(g) > 1),
        "planted_copies": len(copies),
        "copies_found": found,
        "copy_recall": found / len(copies) if copies else None,
        "stories": len(by_story),
        "stories_mixing_groups": len(mixed),
        "unrelated_articles_merged": intruders,
        "pairs_true": actual,
        "pairs_predicted": predicted,
        "pairs_correct": together,
        "precision": together / predicted if predicted else None,
        "recall": together / actual if actual else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="generator processes")
    parser.add_argument("--indexer", type=Path, default=INDEXER)
    parser.add_argument("--work", type=Path, help="work directory (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--archive", type=Path, help="an archive already generated (with --db)")
    parser.add_argument("--db", type=Path, help="the index of --archive, built already")
    args = parser.parse_args()
    if args.archive or args.db:
        if not (args.archive and args.db):
            parser.error("--archive and --db go together")
        t0 = time.time()
        figures = evaluate(args.archive, read_stories(args.db))
        figures.update({"archive": str(args.archive), "seconds": round(time.time() - t0, 1)})
        for key, value in figures.items():
            print(f"{key}: {value:.4f}" if isinstance(value, float) else f"{key}: {value}")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1) + "\n")
        return

    work = args.work or Path(tempfile.mkdtemp(prefix="story-synth-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    archive = work / f"synth-{args.n}-seed{args.seed}.jsonl"
    try:
        if not archive.exists():
            t0 = time.time()
            subprocess.run([sys.executable, str(GENERATOR), "--model", str(REUTERS),
                            "--n", str(args.n), "--seed", str(args.seed),
                            "--jobs", str(args.jobs), "--out", str(archive)],
                           check=True, stdout=subprocess.DEVNULL)
            log(f"story_synth_eval: generated {args.n} articles in {time.time() - t0:.1f} s")
        db = work / "db"
        shutil.rmtree(db, ignore_errors=True)
        stories = index_stories(args.indexer, archive, db, keep_boilerplate=False)
        figures = evaluate(archive, stories)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    figures.update({"n": args.n, "seed": args.seed})
    for key, value in figures.items():
        print(f"{key}: {value:.4f}" if isinstance(value, float) else f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
