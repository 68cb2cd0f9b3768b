"""Time the open-text themes on 5,000 generated answers, on one CPU core.

    .venv/bin/python -m bench.themes.timing            # 5,000 answers, 3 runs
    .venv/bin/python -m bench.themes.timing --answers 1000 --runs 1

The answers are made deterministically from the sentences of ``bench.themes.answers``: one to
three sentences of one theme (now and then a sentence of another theme or of the noise), with
variation: a filler word before or after, lower case, a letter dropped, doubled or swapped, or
umlauts typed as a and o. The process is pinned to one core (where the system allows it) and
the analysis itself limits BLAS and OpenMP to one thread. Wall and CPU time, peak memory
(ru_maxrss of the process) and the themes found are written as JSON to
``bench/results/2026-12-02-themes.json`` (``--output``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import time
from pathlib import Path

from bench.themes import answers
from kaiku.core.themes import find_themes

OUTPUT = Path(__file__).resolve().parents[1] / "results" / "2026-12-02-themes.json"
FILLERS = ["no", "siis", "mielestäni", "ehkä", "kyllä", "ainakin", "itse asiassa", "lähinnä"]


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+|,\s+", text) if p.strip()]
    return parts or [text]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word.replace("ä", "a").replace("ö", "o")


def generate(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    pools = {
        theme: [s for a in texts for s in _sentences(a)] for theme, texts in answers.ANSWERS.items()
    }
    themes = sorted(pools)
    noise = answers.NOISE
    out = []
    for _ in range(count):
        if rng.random() < 0.05:
            out.append(rng.choice(noise))
            continue
        theme = rng.choice(themes)
        picked = [rng.choice(pools[theme]) for _ in range(rng.choice((1, 1, 2, 3)))]
        if rng.random() < 0.1:
            picked.append(rng.choice(pools[rng.choice(themes)]))
        words = " ".join(picked).split()
        words = [_typo(w, rng) if rng.random() < 0.05 else w for w in words]
        if rng.random() < 0.2:
            words.insert(0, rng.choice(FILLERS).capitalize())
        text = " ".join(words)
        out.append(text.lower() if rng.random() < 0.3 else text)
    return out


def _pin_to_one_core() -> str:
    try:
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    except (AttributeError, OSError):
        return "not pinned"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    pinned = _pin_to_one_core()
    texts = generate(args.answers)
    runs = []
    analysis = None
    for n in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        analysis = find_themes(texts)
        runs.append(
            {"run": n + 1, "wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}
        )
        print(f"run {n + 1}: wall {runs[-1]['wall_s']:.2f} s, CPU {runs[-1]['cpu_s']:.2f} s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "benchmark": "open-text themes (kaiku.core.themes.find_themes)",
        "answers": len(texts),
        "runs": runs,
        "note": "run 1 includes the first look-ups of the words in the lexicon (SQLite) and the "
        "imports' warm-up; later runs reuse the process's word caches",
        "peak_memory_mb": round(peak_mb, 1),
        "cpu": pinned,
        "load_average": list(os.getloadavg()),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "themes": [
            {"label": t.label, "size": t.size, "keywords": t.keywords} for t in analysis.themes
        ],
        "unassigned": len(analysis.unassigned),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    found, apart = len(analysis.themes), len(analysis.unassigned)
    print(f"peak memory {peak_mb:.0f} MB; {found} themes, {apart} unassigned")
    for t in analysis.themes:
        print(f"  {t.label!r:30} {t.size:5d}  {', '.join(t.keywords)}")
    print(f"written {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
