"""Evaluate the open-text themes on the hand-written labelled Finnish answers.

    .venv/bin/python -m bench.themes.evaluate            # figures and every theme
    .venv/bin/python -m bench.themes.evaluate --verbose  # and every answer's theme

Two runs: the tuning set (``bench.themes.answers.ANSWERS`` and ``NOISE``), and the tuning set
with the held-out answers added (``HELDOUT``, ``HELDOUT_NOISE``: written before any tuning),
scored on the held-out answers only.

Purity: the share of the assigned answers whose theme's majority label is their own label.
Adjusted Rand index: over every answer, "fits no theme" counting as one more group on both
sides (the noise answers are labelled so). Coverage: the share of the themed answers that were
assigned; noise kept apart: the share of the noise answers left unassigned.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from sklearn.metrics import adjusted_rand_score

from bench.themes import answers
from kaiku.core.themes import find_themes


def score(texts: list[str], truth: list[str], analysis, only: range | None = None) -> dict:
    rows = list(only if only is not None else range(len(texts)))
    found = ["unassigned"] * len(texts)
    for n, theme in enumerate(analysis.themes):
        for i in theme.members:
            found[i] = f"theme-{n}"
    wanted = set(rows)
    majority = {}
    for n, theme in enumerate(analysis.themes):
        counts = Counter(truth[i] for i in theme.members)
        majority[f"theme-{n}"] = counts.most_common(1)[0][0]
    assigned = [i for i in rows if found[i] != "unassigned"]
    pure = sum(truth[i] == majority[found[i]] for i in assigned)
    themed = [i for i in rows if truth[i] != answers.NO_THEME]
    noise = [i for i in rows if truth[i] == answers.NO_THEME]
    return {
        "answers": len(rows),
        "themes_found": len(analysis.themes),
        "purity": pure / len(assigned) if assigned else 0.0,
        "ari": adjusted_rand_score([truth[i] for i in rows], [found[i] for i in rows]),
        "coverage": sum(found[i] != "unassigned" for i in themed) / max(1, len(themed)),
        "noise_kept_apart": sum(found[i] == "unassigned" for i in noise) / max(1, len(noise)),
        "_wanted": wanted,
    }


def report(title: str, result: dict) -> None:
    print(
        f"== {title}: {result['answers']} answers; themes found {result['themes_found']}; "
        f"purity {result['purity']:.2f}; ARI {result['ari']:.2f}; "
        f"coverage {result['coverage']:.2f}; noise kept apart {result['noise_kept_apart']:.2f}"
    )


def show(texts, truth, analysis, verbose: bool) -> None:
    for theme in analysis.themes:
        counts = Counter(truth[i] for i in theme.members)
        print(
            f"  {theme.label!r:32} size {theme.size:3d}  keywords {', '.join(theme.keywords)}"
            f"\n  {'':32} labels {dict(counts.most_common())}"
        )
        for i in theme.representatives:
            print(f"  {'':32} e.g. {texts[i]!r}")
        if verbose:
            for i in theme.members:
                print(f"      [{truth[i]}] {texts[i]!r}")
    unassigned = Counter(truth[i] for i in analysis.unassigned)
    print(f"  unassigned {len(analysis.unassigned)}: {dict(unassigned.most_common())}")
    if verbose:
        for i in analysis.unassigned:
            print(f"      [{truth[i]}] {texts[i]!r}")


def seeds(count: int) -> None:
    """One line per seed: the spread that k-means' starts and the SVD give."""
    texts, truth = answers.labelled()
    extra, extra_truth = answers.labelled(heldout=True)
    heldout = range(len(texts), len(texts) + len(extra))
    for seed in range(count):
        a = score(texts, truth, find_themes(texts, seed=seed))
        b = score(
            texts + extra, truth + extra_truth, find_themes(texts + extra, seed=seed), heldout
        )
        print(
            f"seed {seed}: tuning set {a['themes_found']} themes, purity {a['purity']:.2f}, "
            f"ARI {a['ari']:.2f}; held-out {b['themes_found']} themes, purity {b['purity']:.2f}, "
            f"ARI {b['ari']:.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every answer")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=0, help="also a line per seed 0..N-1")
    args = parser.parse_args(argv)
    if args.seeds:
        seeds(args.seeds)
    texts, truth = answers.labelled()
    start = time.perf_counter()
    analysis = find_themes(texts, seed=args.seed)
    took = time.perf_counter() - start
    report("tuning set", score(texts, truth, analysis))
    print(f"  ({took:.2f} s)")
    show(texts, truth, analysis, args.verbose)
    extra, extra_truth = answers.labelled(heldout=True)
    both = find_themes(texts + extra, seed=args.seed)
    heldout = range(len(texts), len(texts) + len(extra))
    report("held-out answers", score(texts + extra, truth + extra_truth, both, only=heldout))
    if args.verbose:
        found = {i: t.label for t in both.themes for i in t.members}
        for i in heldout:
            j = i - len(texts)
            print(f"      [{extra_truth[j]}] -> {found.get(i, '-')}: {extra[j]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
