"""Evaluate similar-question matching on the hand-written Finnish pairs.

    .venv/bin/python -m bench.similarity.evaluate            # rates per category, sweep
    .venv/bin/python -m bench.similarity.evaluate --verbose  # and every miss

Every question of ``bench.similarity.pairs.corpus()`` is indexed; each pair's new question is
then queried. top-1: the target is the best result; top-3: among the first three; shown: it
is among the results the form shows (score at or above ``MATCH_THRESHOLD``, at most five).
Near misses: the false-match rate is the share whose wrong target scores at or above the
threshold.

Two sets are reported: the pairs of ``bench.similarity.pairs`` (written before any tuning) and
the held-out pairs of ``bench.similarity.heldout`` (written before the second round of tuning),
each with a sweep of the threshold: how many targets are shown against how many near misses
pass.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from bench.similarity import heldout, pairs
from kaiku.core.similarity import MATCH_THRESHOLD, SimilarityIndex

ORDER = ["paraphrase", "inflection", "compound", "synonym", "typo", "overall"]
SWEEP = (0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60)


def build() -> SimilarityIndex:
    index = SimilarityIndex()
    for key, text in pairs.corpus():
        index.add(key, text=text)
    return index


def _scores(index: SimilarityIndex, text: str) -> list[tuple[str, float]]:
    return index.query(text, k=len(index), min_score=0.0)


def evaluate(
    verbose: bool = False,
    threshold: float = MATCH_THRESHOLD,
    pair_list=None,
    near_misses=None,
    index: SimilarityIndex | None = None,
) -> dict:
    index = index or build()
    pair_list = pairs.PAIRS if pair_list is None else pair_list
    near_misses = pairs.NEAR_MISSES if near_misses is None else near_misses
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, top1, top3, shown
    misses = []
    target_scores = []  # (rank, score) of each pair's target, for the sweep
    for category, text, target in pair_list:
        ranked = _scores(index, text)
        keys = [key for key, _ in ranked]
        score = dict(ranked).get(target, 0.0)
        rank = keys.index(target) if target in keys else len(keys)
        target_scores.append((rank, score))
        for name in (category, "overall"):
            row = counts[name]
            row[0] += 1
            row[1] += rank == 0
            row[2] += rank < 3
            row[3] += rank < 5 and score >= threshold
        if rank != 0:
            top = ranked[0] if ranked else ("-", 0.0)
            misses.append((category, text, target, score, top))
    near_scores = []
    for text, wrong in near_misses:
        near_scores.append((text, wrong, dict(_scores(index, text)).get(wrong, 0.0)))
    false_matches = [item for item in near_scores if item[2] >= threshold]
    if verbose:
        for category, text, target, score, (top, top_score) in misses:
            print(f"MISS {category:10} {text!r}: {target} {score:.2f}; best {top} {top_score:.2f}")
        for text, wrong, score in false_matches:
            print(f"FALSE MATCH {text!r} -> {wrong} {score:.2f}")
    sweep = []
    for bar in SWEEP:
        shown = sum(rank < 5 and score >= bar for rank, score in target_scores)
        wrong = sum(score >= bar for _, _, score in near_scores)
        sweep.append((bar, shown / len(target_scores), wrong / len(near_scores)))
    return {
        "corpus": len(index),
        "threshold": threshold,
        "rates": {
            name: {"n": n, "top1": t1 / n, "top3": t3 / n, "shown": shown / n}
            for name, (n, t1, t3, shown) in counts.items()
        },
        "near_misses": len(near_misses),
        "false_matches": len(false_matches),
        "sweep": sweep,
    }


def report(title: str, result: dict) -> None:
    print(f"== {title}: corpus {result['corpus']} questions; threshold {result['threshold']:.2f}")
    print(f"{'category':12} {'pairs':>5} {'top-1':>6} {'top-3':>6} {'shown':>6}")
    for name in ORDER:
        row = result["rates"].get(name)
        if row:
            print(
                f"{name:12} {row['n']:5d} {row['top1']:6.2f} {row['top3']:6.2f} {row['shown']:6.2f}"
            )
    n, wrong = result["near_misses"], result["false_matches"]
    print(f"near misses: {n}; false matches at or above the threshold: {wrong} ({wrong / n:.2f})")
    print("threshold sweep: " + "  ".join(f"{bar:.2f}" for bar, _, _ in result["sweep"]))
    print("  shown          " + "  ".join(f"{shown:.2f}" for _, shown, _ in result["sweep"]))
    print("  false matches  " + "  ".join(f"{wrong:.2f}" for _, _, wrong in result["sweep"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--threshold", type=float, default=MATCH_THRESHOLD)
    args = parser.parse_args(argv)
    index = build()
    report("pairs", evaluate(args.verbose, args.threshold, index=index))
    report(
        "held-out pairs",
        evaluate(args.verbose, args.threshold, heldout.PAIRS, heldout.NEAR_MISSES, index=index),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
