"""Evaluate similar-question matching on the hand-written Finnish pairs.

    .venv/bin/python -m bench.similarity.evaluate            # rates per category
    .venv/bin/python -m bench.similarity.evaluate --verbose  # and every miss

Every question of ``bench.similarity.pairs.corpus()`` is indexed; each pair's new question is
then queried. top-1: the target is the best result; top-3: among the first three; shown: it
is among the results the form shows (score at or above ``MATCH_THRESHOLD``, at most five).
Near misses: the false-match rate is the share whose wrong target scores at or above the
threshold.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from bench.similarity.pairs import NEAR_MISSES, PAIRS, corpus
from kaiku.core.similarity import MATCH_THRESHOLD, SimilarityIndex


def build() -> SimilarityIndex:
    index = SimilarityIndex()
    for key, text in corpus():
        index.add(key, text=text)
    return index


def evaluate(verbose: bool = False, threshold: float = MATCH_THRESHOLD) -> dict:
    index = build()
    everything = len(index)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, top1, top3, shown
    misses = []
    for category, text, target in PAIRS:
        ranked = index.query(text, k=everything, min_score=0.0)
        keys = [key for key, _ in ranked]
        score = dict(ranked).get(target, 0.0)
        for name in (category, "overall"):
            row = counts[name]
            row[0] += 1
            row[1] += keys[:1] == [target]
            row[2] += target in keys[:3]
            row[3] += target in keys[:5] and score >= threshold
        if keys[:1] != [target]:
            top = ranked[0] if ranked else ("-", 0.0)
            misses.append((category, text, target, score, top))
    false_matches = []
    for text, wrong in NEAR_MISSES:
        score = dict(index.query(text, k=everything, min_score=0.0)).get(wrong, 0.0)
        if score >= threshold:
            false_matches.append((text, wrong, score))
    if verbose:
        for category, text, target, score, (top, top_score) in misses:
            print(f"MISS {category:10} {text!r}: {target} {score:.2f}; best {top} {top_score:.2f}")
        for text, wrong, score in false_matches:
            print(f"FALSE MATCH {text!r} -> {wrong} {score:.2f}")
    return {
        "corpus": everything,
        "threshold": threshold,
        "rates": {
            name: {"n": n, "top1": t1 / n, "top3": t3 / n, "shown": shown / n}
            for name, (n, t1, t3, shown) in counts.items()
        },
        "near_misses": len(NEAR_MISSES),
        "false_matches": len(false_matches),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--threshold", type=float, default=MATCH_THRESHOLD)
    args = parser.parse_args(argv)
    result = evaluate(args.verbose, args.threshold)
    print(f"corpus: {result['corpus']} questions; threshold {result['threshold']:.2f}")
    print(f"{'category':12} {'pairs':>5} {'top-1':>6} {'top-3':>6} {'shown':>6}")
    order = ["paraphrase", "inflection", "compound", "synonym", "typo", "overall"]
    for name in order:
        row = result["rates"].get(name)
        if row:
            print(
                f"{name:12} {row['n']:5d} {row['top1']:6.2f} {row['top3']:6.2f} {row['shown']:6.2f}"
            )
    n, wrong = result["near_misses"], result["false_matches"]
    print(f"near misses: {n}; false matches at or above the threshold: {wrong} ({wrong / n:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
