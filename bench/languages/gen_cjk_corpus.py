#!/usr/bin/env python3
"""A deterministic Chinese/Japanese/Korean/Thai archive for indexing benchmarks.

    python3 bench/languages/gen_cjk_corpus.py [--n 20000] [--seed 1] [--out FILE]

Writes N articles in dateline-index's JSON Lines input format (docs/formats.md), made by
recombining the sentences of the zh, ja, ko and th articles of
tests/fixtures/languages/articles.jsonl (original text written for the tests): each new article
takes 3-8 sentences of one language, in a random order, a title and tags of that language, a
source, a date, and (unless --undeclared says otherwise) its `lang`. Languages take turns, so
each has a quarter of the articles. The same arguments always give the same bytes (seeded
random.Random, no clock, no network; standard library only).

The vocabulary is small (a few hundred distinct words per language), so posting lists grow long
faster than in a real archive; use it to compare analysers on the same input, not to predict
the size of a real CJK index.
"""
import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "languages" / "articles.jsonl"
LANGUAGES = ("zh", "ja", "ko", "th")
# Sentences end with a full stop in Chinese and Japanese (kept, no space after), with ". " in
# Korean; Thai has no sentence punctuation and separates sentences and clauses with a space.
SPLITTERS = {
    "zh": re.compile(r"(?<=[。！？])"),
    "ja": re.compile(r"(?<=[。！？])"),
    "ko": re.compile(r"(?<=[.!?])\s+"),
    "th": re.compile(r"\s+"),
}
JOINERS = {"zh": "", "ja": "", "ko": " ", "th": " "}
MIN_THAI_CLAUSE = 12  # characters: shorter pieces ("12", "ว่า") stay with the clause before


def language_of(article):
    return (article.get("lang") or article["id"].split("-", 1)[0]).split("-", 1)[0].lower()


def sentences_of(language, text):
    pieces = [p.strip() for p in SPLITTERS[language].split(text) if p.strip()]
    if language != "th":
        return pieces
    merged = []
    for piece in pieces:
        if merged and len(piece) < MIN_THAI_CLAUSE:
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return merged


def load_pools(path):
    pools = {language: {"sentences": [], "titles": [], "tags": [], "sources": []}
             for language in LANGUAGES}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article = json.loads(line)
        language = language_of(article)
        if language not in pools:
            continue
        pool = pools[language]
        for paragraph in article["body"].split("\n"):
            pool["sentences"].extend(sentences_of(language, paragraph))
        pool["titles"].append(article["title"])
        pool["tags"].extend(t for t in article.get("tags") or [] if t not in pool["tags"])
        if article["source"] not in pool["sources"]:
            pool["sources"].append(article["source"])
    for language, pool in pools.items():
        if len(pool["sentences"]) < 8 or not pool["titles"]:
            sys.exit(f"{path}: too few {language} sentences ({len(pool['sentences'])}) to mix")
    return pools


def article(rng, number, language, pool, undeclared):
    count = rng.randint(3, 8)
    chosen = rng.sample(pool["sentences"], count)
    joiner = JOINERS[language]
    middle = rng.randint(1, count - 1)
    body = joiner.join(chosen[:middle]) + "\n\n" + joiner.join(chosen[middle:])
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    record = {
        "id": f"bench-{language}-{number:07d}",
        "title": rng.choice(pool["titles"]),
        "body": body,
        "date": f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z",
        "source": rng.choice(pool["sources"]),
        "tags": rng.sample(pool["tags"], min(2, len(pool["tags"]))),
        "url": f"https://bench.example/{language}/{number}",
    }
    if rng.random() >= undeclared:
        record["lang"] = language
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20000, help="articles to write (default 20000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--fixture", default=str(FIXTURE),
                        help="where to take sentences from (default: the tests' language fixture)")
    parser.add_argument("--undeclared", type=float, default=0.5,
                        help="share of articles without `lang`, left to detection (default 0.5)")
    parser.add_argument("--out", default="-", help="output file (default: standard output)")
    args = parser.parse_args()
    if args.n < 0 or not 0.0 <= args.undeclared <= 1.0:
        parser.error("--n must be >= 0 and --undeclared within 0..1")

    pools = load_pools(args.fixture)
    rng = random.Random(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    try:
        for number in range(args.n):
            language = LANGUAGES[number % len(LANGUAGES)]
            record = article(rng, number, language, pools[language], args.undeclared)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # | head
        sys.stderr.close()
