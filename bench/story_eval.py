#!/usr/bin/python3
"""How well `dateline-index add` puts copies in one story and other articles apart: pairwise
precision and recall on labelled pairs of articles (docs: bench/story_eval.md).

    bench/story_eval.py [--sample 300] [--seed 1] [--reuters-limit N] [--work DIR]
                        [--json FILE] [--keep-boilerplate] [--no-middle] [--keep]

Labels come from two places, each pair marked with its category:
  * Reuters-21578 itself, which re-issues stories with small changes. Body shingle Jaccard
    (4-word shingles, computed exactly) >= 0.8 within 3 days is a re-issue (a copy), unless
    the body is short (< 40 words) and the headlines name different companies: a templated
    report ("Qtly div 10 cts vs 10 cts prior") for another company, not a copy. Hard
    negatives share a tag, are at most 2 days apart and share at least half their words,
    yet their shingle Jaccard is < 0.2. The ambiguous rest is excluded from precision and
    recall and shown apart: the middle (0.3 <= Jaccard < 0.8), identical texts more than 3
    days apart (recurring reports), market snapshots whose headlines differ only by a time or
    date, and short pairs whose headlines are too different to tell.
  * Synthetic copies of Reuters articles (deterministic by --seed): a new headline, an
    aggregator's boilerplate (the lines of ../shared/corpus/seed, which the built-in rules
    remove), site chrome the rules do not know, the last paragraph cut, all of these, and
    each with a new id, url, source and a later date. Negatives: a copy against another
    article on the same tag within days (shingle Jaccard < 0.2).
The corpus (the Reuters articles, or the first --reuters-limit of them, then the copies) is
written to --work, indexed with the real dateline-index, and each article's story read from
value slot 4 with python3-xapian. A pair is predicted a copy when both are in one story.
"""
import argparse
import bisect
import collections
import difflib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED") or ROOT.parent / "shared")
INDEXER = Path(os.environ.get("DATELINE_INDEX") or ROOT / "build/release/indexer/dateline-index")
REUTERS = SHARED / "corpus/reuters21578.jsonl"

STORY_SLOT = 4  # common/include/dateline/index_schema.hpp kStorySlot
ID_PREFIX = b"Q"  # schema::id_term
SHINGLE_WORDS = 4  # indexer/story_fingerprint.hpp kShingleWords
SHORT_BODY_WORDS = 40  # kShortBodyWords: shorter bodies are fingerprinted with their title

COPY_JACCARD = 0.8  # a Reuters pair at least this similar (and close in date) is a copy
NOT_COPY_JACCARD = 0.2  # a same-topic pair below this is not
MIDDLE_JACCARD = 0.3  # the middle shown apart starts here (0.2-0.3 costs more to find)
COPY_DAYS = 3  # identical texts further apart are recurring reports: ambiguous
NEXT_DAY = 20 / 24  # a daily report's next issue is at least this many days later
TEMPLATE_JACCARD = 0.5  # short reports of two companies this similar are templated
TOPIC_DAYS = 2
TOPIC_WORD_JACCARD = 0.5  # "high word overlap" of hard negatives (sets of body words)
TITLE_JACCARD = 0.6  # short re-issues: headline word sets at least this similar
TOPIC_NEIGHBOURS = 40  # same-tag articles looked at around each one, by date

# (category, label, what it is); the order of the report.
CATEGORIES = [
    ("reuters-reissue", True, "Reuters re-issue, body >= 40 words"),
    ("reuters-reissue-short", True, "Reuters re-issue, short body, same company"),
    ("reuters-template", False, "templated report: another company or day"),
    ("reuters-same-topic", False, "same tag, <= 2 days, shared words, Jaccard < 0.2"),
    ("reuters-same-topic-short", False, "as above, a body < 40 words"),
    ("syn-exact", True, "copy: new id, url, source, later date"),
    ("syn-headline", True, "copy with a new headline"),
    ("syn-boilerplate", True, "copy with the aggregator's lines (seed)"),
    ("syn-chrome", True, "copy with site chrome the rules do not know"),
    ("syn-trim", True, "copy without its last paragraph"),
    ("syn-all", True, "new headline + boilerplate + chrome + trim"),
    ("syn-short-headline", True, "short body (8-39 words), new headline"),
    ("syn-unrelated", False, "copy vs another article, same tag, <= 3 days"),
]
LABELS = {name: label for name, label, _ in CATEGORIES}
# Shown apart, never counted: what the detector does with pairs nobody can label by rule.
AMBIGUOUS = [
    ("middle-0.3-0.5", "Reuters pairs, 0.3 <= Jaccard < 0.5"),
    ("middle-0.5-0.8", "Reuters pairs, 0.5 <= Jaccard < 0.8"),
    ("recurring", "Jaccard >= 0.8, more than 3 days apart"),
    ("snapshot", "short, headlines differ by a time or date"),
    ("short-unclear", "short, headlines too different to tell"),
]

WORD_RE = re.compile(rb"[A-Za-z0-9\x80-\xff]+")  # as story_fingerprint.cpp's is_word_byte
TICKER_RE = re.compile(r"<([^>]+)>")
TITLE_WORD_RE = re.compile(r"[a-z]+")
SNAPSHOT_WORDS = {"opening", "closing", "close", "open", "midday", "opg", "noon", "ring", "aft",
                  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec", "january", "february", "march", "april", "june", "july", "august",
                  "september", "october", "november", "december", "edt", "est", "gmt"}


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- Text, cut as indexer/story_fingerprint.cpp cuts it -----------------------------------

def words_of(text):
    return [w.lower() for w in WORD_RE.findall(text.encode("utf-8"))]


def shingles_of(words):
    return {b" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a, b):
    if not a and not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def timestamp(date):
    return datetime.fromisoformat(date.replace("Z", "+00:00")).timestamp() if date else None


class Corpus:
    """The Reuters articles with their words, shingles and dates."""

    def __init__(self, path, limit):
        self.articles = []
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if limit and len(self.articles) == limit:
                    break
                self.articles.append(json.loads(line))
        self.words = [words_of(a["body"]) for a in self.articles]
        self.word_sets = [frozenset(w) for w in self.words]
        self.shingles = [frozenset(shingles_of(w)) for w in self.words]
        self.times = [timestamp(a["date"]) for a in self.articles]

    def __len__(self):
        return len(self.articles)

    def days_apart(self, i, j):
        if self.times[i] is None or self.times[j] is None:
            return math.inf
        return abs(self.times[i] - self.times[j]) / 86400

    def is_short(self, i):
        return len(self.words[i]) < SHORT_BODY_WORDS


# --- Labels from Reuters itself -----------------------------------------------------------

def similar_pairs(sets, threshold):
    """Every pair (i, j), i < j, with Jaccard(sets[i], sets[j]) >= threshold, exactly: a
    prefix-filtered set-similarity join (each set's rarest elements, enough that two sets
    that similar must share one of them), then the exact Jaccard of the candidates."""
    frequency = collections.Counter(x for s in sets for x in s)
    index = collections.defaultdict(list)
    found = {}
    for i, s in enumerate(sets):
        n = len(s)
        if n == 0:
            continue
        ordered = sorted(s, key=lambda x: (frequency[x], x))
        candidates = set()
        for x in ordered[:n - math.ceil(threshold * n) + 1]:
            for j in index[x]:
                m = len(sets[j])
                if threshold * n <= m and threshold * m <= n:
                    candidates.add(j)
            index[x].append(i)
        for j in sorted(candidates):
            similarity = jaccard(s, sets[j])
            if similarity >= threshold:
                found[(j, i)] = similarity
    return found


def title_tickers(title):
    """The company tags of a headline (<BAC>, <PARC.O> -> PARC), upper-cased."""
    return {t.split(".")[0].strip().upper() for t in TICKER_RE.findall(title)}


def title_words(title):
    """A headline's words without tickers and digits."""
    return set(TITLE_WORD_RE.findall(TICKER_RE.sub(" ", title).lower()))


def only_figures_differ(corpus, i, j):
    """The two bodies differ, and only in words holding digits (6-3/16 pct, 6-1/4 pct)."""
    changed = corpus.word_sets[i] ^ corpus.word_sets[j]
    return bool(changed) and all(any(c in b"0123456789" for c in w) for w in changed)


def classify_near_copy(corpus, i, j):
    """The category of a Reuters pair whose bodies are near-identical (Jaccard >= 0.8)."""
    if is_template(corpus, i, j):
        return "reuters-template"
    days = corpus.days_apart(i, j)
    if days > COPY_DAYS:
        return "recurring"
    # The same daily report on another day ("Fed adds reserves via customer repurchases",
    # a day apart to the minute, another Fed funds rate): new figures, not a copy.
    if days >= NEXT_DAY and only_figures_differ(corpus, i, j):
        return "reuters-template"
    title_i, title_j = corpus.articles[i]["title"], corpus.articles[j]["title"]
    tickers_i, tickers_j = title_tickers(title_i), title_tickers(title_j)
    if not (corpus.is_short(i) or corpus.is_short(j)):
        return "reuters-reissue"
    if tickers_i and tickers_j:  # the same company: is_template said so
        return "reuters-reissue-short"
    words_i, words_j = title_words(title_i), title_words(title_j)
    if words_i != words_j and (words_i ^ words_j) <= SNAPSHOT_WORDS | set("0123456789"):
        return "snapshot"
    if title_i != title_j and re.sub(r"\d", "", title_i) == re.sub(r"\d", "", title_j):
        return "snapshot"
    if jaccard(words_i, words_j) >= TITLE_JACCARD:
        return "reuters-reissue-short"
    return "short-unclear"


def is_template(corpus, i, j):
    """Short reports (bodies of Jaccard >= 0.5) naming two different companies in their
    headlines (<OAT>, <UBCP>): a template filled in for each."""
    if not (corpus.is_short(i) or corpus.is_short(j)):
        return False
    tickers_i = title_tickers(corpus.articles[i]["title"])
    tickers_j = title_tickers(corpus.articles[j]["title"])
    return bool(tickers_i and tickers_j) and not same_company(tickers_i, tickers_j)


def same_company(tickers_i, tickers_j):
    """Shared tickers, or a mistyped one (<WBAT.O>, <WEBAT.O>: Westport Bancorp twice)."""
    return any(difflib.SequenceMatcher(None, a, b).ratio() >= 0.8
               for a in sorted(tickers_i) for b in sorted(tickers_j))


def same_topic_pairs(corpus):
    """Hard negatives: a shared tag, close in date, many shared words, few shared shingles.
    Each article is compared with its TOPIC_NEIGHBOURS nearest earlier articles by date on
    each of its tags (bounded work; the tag 'usa' alone holds 12,000 articles)."""
    by_tag = collections.defaultdict(list)
    for i, article in enumerate(corpus.articles):
        if corpus.times[i] is not None and len(corpus.words[i]) >= 8:
            for tag in article["tags"]:
                by_tag[tag].append(i)
    found = {}
    for tag in sorted(by_tag):
        members = sorted(by_tag[tag], key=lambda i: (corpus.times[i], i))
        times = [corpus.times[i] for i in members]
        for k, i in enumerate(members):
            first = max(bisect.bisect_left(times, times[k] - TOPIC_DAYS * 86400),
                        k - TOPIC_NEIGHBOURS)
            for j in members[first:k]:
                pair = (min(i, j), max(i, j))
                if pair in found:
                    continue
                if jaccard(corpus.word_sets[i], corpus.word_sets[j]) < TOPIC_WORD_JACCARD:
                    continue
                if jaccard(corpus.shingles[i], corpus.shingles[j]) >= NOT_COPY_JACCARD:
                    continue
                short = corpus.is_short(i) or corpus.is_short(j)
                found[pair] = "reuters-same-topic-short" if short else "reuters-same-topic"
    return found


def reuters_pairs(corpus, middle):
    """{(i, j): category} for Reuters pairs (indexes into corpus), and the near-copy set."""
    t0 = time.time()
    threshold = MIDDLE_JACCARD if middle else TEMPLATE_JACCARD
    similar = similar_pairs(corpus.shingles, threshold)
    pairs = {}
    for (i, j), similarity in similar.items():
        if similarity >= COPY_JACCARD:
            pairs[(i, j)] = classify_near_copy(corpus, i, j)
        elif is_template(corpus, i, j):
            pairs[(i, j)] = "reuters-template"
        elif not middle:
            continue
        elif similarity >= 0.5:
            pairs[(i, j)] = "middle-0.5-0.8"
        else:
            pairs[(i, j)] = "middle-0.3-0.5"
    log(f"story_eval: {len(similar)} Reuters pairs with Jaccard >= {threshold} "
        f"in {time.time() - t0:.1f} s")
    t0 = time.time()
    topic = same_topic_pairs(corpus)
    log(f"story_eval: {len(topic)} same-topic pairs in {time.time() - t0:.1f} s")
    for pair, category in topic.items():
        pairs.setdefault(pair, category)
    related = set(similar) | {(j, i) for i, j in similar}
    return pairs, related


# --- Synthetic copies ----------------------------------------------------------------------

SITES = ["The Peninsula Report", "Harbour Gazette Online", "Market Wire Digest",
         "Newsroom Hub", "Daily Ledger Blogs"]
HEADLINE_OPENERS = ["", "UPDATE: ", "Report: ", "Breaking: ", "", "Analysis: "]
CHROME_TOP = ["Advertisement", "Skip to main content", "Listen to this article"]
CHROME_BOTTOM = ["Related coverage: {other}", "More from {site}: {other}",
                 "Follow {site} on X and Facebook for more {tag} news.",
                 "Filed under {tag} | {date}", "Comments are closed for this story."]


def new_headline(title, rng):
    """A rewritten headline: sentence case, tickers and a word dropped, an opener."""
    words = TICKER_RE.sub(" ", title).split()
    if len(words) > 4:
        del words[rng.randrange(1, len(words))]
    text = " ".join(words).capitalize()
    return rng.choice(HEADLINE_OPENERS) + text


def paragraphs(body):
    """Reuters paragraphs (a newline then indentation), without the closing 'Reuter'."""
    parts = [p.strip() for p in re.split(r"\n(?=\s)", body)]
    parts = [" ".join(p.split()) for p in parts if p]
    if parts and parts[-1].lower() in ("reuter", "reuters"):
        parts.pop()
    return parts


def aggregator_lines(title, site):
    """The aggregator's boilerplate of ../shared/corpus/seed (removed by the built-in rules)."""
    top = ["Get Even More Visitors To Your Blog, Upgrade To A Business Listing >>", title]
    bottom = [f"This post first appeared on {site}, please read the originial post: here",
              "Share the post", title, "×", f"Subscribe to {site}",
              "Get updates delivered right to your inbox!", "Thank you for your subscription",
              "×"]
    return top, bottom


def chrome_lines(rng, site, other_title, tag, date):
    """Site chrome that no built-in rule names, partly different on every page."""
    top = [rng.choice(CHROME_TOP)]
    bottom = [line.format(site=site, other=other_title.title(), tag=tag or "world",
                          date=date[:10])
              for line in rng.sample(CHROME_BOTTOM, 2)]
    return top, bottom


def make_copy(article, category, serial, rng, other_title):
    site = rng.choice(SITES)
    date = datetime.fromisoformat(article["date"].replace("Z", "+00:00"))
    date += timedelta(minutes=rng.randrange(30, 3 * 24 * 60))
    date_text = date.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    title = article["title"]
    parts = paragraphs(article["body"])
    top, bottom, aggregator = [], [], set()
    if category in ("syn-headline", "syn-all", "syn-short-headline"):
        title = new_headline(title, rng)
    if category in ("syn-trim", "syn-all") and len(parts) >= 2:
        parts = parts[:-1]
    if category in ("syn-boilerplate", "syn-all"):
        extra_top, extra_bottom = aggregator_lines(title, site)
        aggregator = set(extra_top + extra_bottom)
        top += extra_top
        bottom = extra_bottom + bottom
    if category in ("syn-chrome", "syn-all"):
        tag = article["tags"][0] if article["tags"] else ""
        extra_top, extra_bottom = chrome_lines(rng, site, other_title, tag, date_text)
        top = extra_top + top
        bottom = extra_bottom + bottom
    body = "\n\n".join(top + parts + bottom) if category != "syn-exact" else article["body"]
    copy_id = f"copy-{serial}"
    copy = {"id": copy_id, "url": f"https://copies.example/{copy_id}", "title": title,
            "body": body, "date": date_text, "source": site, "tags": article["tags"],
            "lang": "en"}
    # The body as the fingerprint should see it: the built-in rules remove the aggregator's
    # lines (and the headline repeated in them), nothing else.
    seen = [line for line in top + parts + bottom if line not in aggregator]
    return copy, "\n".join(seen) if category != "syn-exact" else article["body"]


def synthetic_copies(corpus, related, sample, rng):
    """Copies of Reuters articles, one category per original: [(copy, original index,
    category)], and negatives [(copy number, other index)]."""
    unrelated_to_any = [i for i in range(len(corpus))
                        if corpus.times[i] is not None and corpus.articles[i]["tags"]]
    long_pool = [i for i in unrelated_to_any
                 if not corpus.is_short(i) and len(paragraphs(corpus.articles[i]["body"])) >= 2]
    short_pool = [i for i in unrelated_to_any if 8 <= len(corpus.words[i]) < SHORT_BODY_WORDS]
    long_categories = [c for c, _, _ in CATEGORIES if c.startswith("syn-")
                       and c not in ("syn-short-headline", "syn-unrelated")]
    originals = rng.sample(long_pool, min(len(long_pool), sample * len(long_categories)))
    plan = [(i, long_categories[k % len(long_categories)]) for k, i in enumerate(originals)]
    plan += [(i, "syn-short-headline")
             for i in rng.sample(short_pool, min(len(short_pool), sample))]
    by_tag = collections.defaultdict(list)
    for i in unrelated_to_any:
        for tag in corpus.articles[i]["tags"]:
            by_tag[tag].append(i)
    for members in by_tag.values():
        members.sort(key=lambda i: (corpus.times[i], i))
    tag_times = {tag: [corpus.times[i] for i in members] for tag, members in by_tag.items()}
    copies, negatives = [], []
    for serial, (i, category) in enumerate(plan):
        tag = corpus.articles[i]["tags"][0]
        times, window = tag_times[tag], COPY_DAYS * 86400
        nearby = by_tag[tag][bisect.bisect_left(times, corpus.times[i] - window):
                             bisect.bisect_right(times, corpus.times[i] + window)]
        others = [j for j in nearby if j != i and (min(i, j), max(i, j)) not in related
                  and jaccard(corpus.shingles[i], corpus.shingles[j]) < NOT_COPY_JACCARD]
        other = rng.choice(others) if others else None
        other_title = corpus.articles[other]["title"] if other is not None else "Markets"
        copy, seen_body = make_copy(corpus.articles[i], category, serial, rng, other_title)
        copies.append((copy, seen_body, i, category))
        if other is not None and len(negatives) < sample:
            negatives.append((serial, other))
    return copies, negatives


# --- Running the indexer and scoring -------------------------------------------------------

def read_stories(db):
    """Each article's story, from the index alone: ids from the id terms, stories from value
    slot 4 (fast enough for a million articles)."""
    import xapian  # python3-xapian: Debian's /usr/bin/python3

    database = xapian.Database(str(db))
    id_of = {}
    for item in database.allterms(ID_PREFIX):
        for posting in database.postlist(item.term):
            id_of[posting.docid] = item.term[len(ID_PREFIX):].decode()
    stories = {}
    for entry in database.valuestream(STORY_SLOT):
        if entry.docid in id_of:
            stories[id_of[entry.docid]] = entry.value.decode()
    return stories


def index_stories(indexer, corpus_file, db, keep_boilerplate):
    command = [str(indexer), "add", "--db", str(db), "--quiet", str(corpus_file)]
    if keep_boilerplate:
        command.insert(4, "--keep-boilerplate")
    t0 = time.time()
    subprocess.run(command, check=True)
    log(f"story_eval: indexed in {time.time() - t0:.1f} s")
    return read_stories(db)


def score(labelled, stories):
    """Per category: pairs, how many are in one story, missing documents; and P/R/F1 for
    the Reuters pairs, the synthetic pairs and all."""
    rows = collections.OrderedDict()
    for name in [c for c, _, _ in CATEGORIES] + [c for c, _ in AMBIGUOUS]:
        rows[name] = {"pairs": 0, "same_story": 0, "missing": 0}
    for a, b, category in labelled:
        row = rows[category]
        row["pairs"] += 1
        if a not in stories or b not in stories:
            row["missing"] += 1
        elif stories[a] == stories[b]:
            row["same_story"] += 1
    for name, row in rows.items():
        row["rate"] = row["same_story"] / row["pairs"] if row["pairs"] else None
    pooled = {}
    for pool, prefix in (("reuters", "reuters-"), ("synthetic", "syn-"), ("all", "")):
        tp = fp = fn = tn = 0
        for name, label in LABELS.items():
            if not name.startswith(prefix):
                continue
            same, pairs = rows[name]["same_story"], rows[name]["pairs"]
            if label:
                tp, fn = tp + same, fn + pairs - same
            else:
                fp, tn = fp + same, tn + pairs - same
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = (2 * precision * recall / (precision + recall)
              if precision and recall else None)
        pooled[pool] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision,
                        "recall": recall, "f1": f1}
    return rows, pooled


def fingerprint_shingles(title, body):
    """The shingles StoryFingerprint::of hashes: the body's, with the title before a body
    under 40 words."""
    words = words_of(body)
    if len(words) < SHORT_BODY_WORDS:
        words = words_of(title) + words
    return shingles_of(words)


BUCKETS = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]


def by_similarity(labelled, stories, seen):
    """How often pairs are put in one story against the exact Jaccard of what their
    fingerprints see (for copies of the synthetic set, the body without the aggregator's
    lines): copies, non-copies and excluded pairs, per bucket of Jaccard."""
    cache = {}

    def shingles(article_id):
        if article_id not in cache:
            cache[article_id] = fingerprint_shingles(*seen[article_id])
        return cache[article_id]

    table = {}
    for a, b, category in labelled:
        similarity = jaccard(shingles(a), shingles(b))
        low = max(x for x in BUCKETS[:-1] if similarity >= x)
        label = LABELS.get(category)
        kind = "excluded" if label is None else "copies" if label else "not_copies"
        cell = table.setdefault(f"{low:.1f}", {}).setdefault(kind, [0, 0])
        cell[0] += 1
        cell[1] += a in stories and b in stories and stories[a] == stories[b]
    return dict(sorted(table.items()))


def print_buckets(buckets):
    print()
    print("| Jaccard (fingerprinted text) | copies found | non-copies merged "
          "| excluded merged |")
    print("| --- | ---: | ---: | ---: |")
    for low, cells in buckets.items():
        high = BUCKETS[BUCKETS.index(float(low)) + 1]
        shown = [f"{cells[k][1]} / {cells[k][0]}" if k in cells else "–"
                 for k in ("copies", "not_copies", "excluded")]
        print(f"| {low}–{high:.1f} | " + " | ".join(shown) + " |")


def percent(value):
    return "–" if value is None else f"{100 * value:.1f} %"


def print_report(rows, pooled):
    print("| category | label | pairs | same story | recall / false merges |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, label, what in CATEGORIES:
        row = rows[name]
        kind = "copy" if label else "not a copy"
        missing = f" ({row['missing']} missing)" if row["missing"] else ""
        print(f"| {name}: {what} | {kind} | {row['pairs']}{missing} | {row['same_story']} | "
              f"{percent(row['rate'])} |")
    for name, what in AMBIGUOUS:
        row = rows[name]
        print(f"| {name}: {what} | excluded | {row['pairs']} | {row['same_story']} | "
              f"{percent(row['rate'])} |")
    print()
    print("| pairs | precision | recall | F1 | TP | FP | FN | TN |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for pool, m in pooled.items():
        print(f"| {pool} | {percent(m['precision'])} | {percent(m['recall'])} | "
              f"{percent(m['f1'])} | {m['tp']} | {m['fp']} | {m['fn']} | {m['tn']} |")


def capped(pairs, sample, rng):
    """At most `sample` pairs of each category, drawn deterministically."""
    by_category = collections.defaultdict(list)
    for pair, category in sorted(pairs.items()):
        by_category[category].append(pair)
    kept = []
    for category in sorted(by_category):
        chosen = by_category[category]
        if len(chosen) > sample:
            chosen = sorted(rng.sample(chosen, sample))
        kept += [(i, j, category) for i, j in chosen]
    return kept


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=300, help="pairs per category at most")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuters", type=Path, default=REUTERS)
    parser.add_argument("--reuters-limit", type=int, default=0,
                        help="only the first N Reuters articles (0: all 21,577)")
    parser.add_argument("--indexer", type=Path, default=INDEXER)
    parser.add_argument("--work", type=Path, help="work directory (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--pairs", type=Path, help="write the labelled pairs here (JSONL)")
    parser.add_argument("--keep-boilerplate", action="store_true",
                        help="index with --keep-boilerplate: the fingerprint alone")
    parser.add_argument("--no-middle", action="store_true",
                        help="skip the 0.3-0.8 Jaccard pairs (faster)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    t0 = time.time()
    corpus = Corpus(args.reuters, args.reuters_limit)
    log(f"story_eval: {len(corpus)} Reuters articles read in {time.time() - t0:.1f} s")
    pairs, related = reuters_pairs(corpus, not args.no_middle)
    copies, negatives = synthetic_copies(corpus, related, args.sample, rng)

    ids = [a["id"] for a in corpus.articles]
    labelled = [(ids[i], ids[j], c) for i, j, c in capped(pairs, args.sample, rng)]
    by_category = collections.defaultdict(list)
    for copy, _, original, category in copies:
        by_category[category].append((ids[original], copy["id"], category))
    for category in sorted(by_category):
        labelled += by_category[category][:args.sample]
    labelled += [(copies[serial][0]["id"], ids[other], "syn-unrelated")
                 for serial, other in negatives]

    work = args.work or Path(tempfile.mkdtemp(prefix="story-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_file = work / "corpus.jsonl"
    with open(corpus_file, "w", encoding="utf-8") as out:
        for article in corpus.articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
        for copy, _, _, _ in copies:
            out.write(json.dumps(copy, ensure_ascii=False) + "\n")
    if args.pairs:
        with open(args.pairs, "w", encoding="utf-8") as out:
            for a, b, category in labelled:
                out.write(json.dumps({"a": a, "b": b, "category": category,
                                      "copy": LABELS.get(category)}) + "\n")
    db = work / "db"
    shutil.rmtree(db, ignore_errors=True)
    try:
        stories = index_stories(args.indexer, corpus_file, db, args.keep_boilerplate)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    seen = {a["id"]: (a["title"], a["body"]) for a in corpus.articles}
    seen.update({copy["id"]: (copy["title"], body) for copy, body, _, _ in copies})
    rows, pooled = score(labelled, stories)
    buckets = by_similarity(labelled, stories, seen)
    print(f"{len(corpus)} Reuters articles + {len(copies)} synthetic copies, "
          f"{len(labelled)} labelled pairs (seed {args.seed}, sample {args.sample}"
          f"{', --keep-boilerplate' if args.keep_boilerplate else ''})\n")
    print_report(rows, pooled)
    print_buckets(buckets)
    if args.json:
        args.json.write_text(json.dumps({"articles": len(corpus) + len(copies),
                                         "categories": rows, "pooled": pooled,
                                         "by_jaccard": buckets}, indent=1) + "\n")
    log(f"story_eval: done in {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
