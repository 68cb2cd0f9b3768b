"""Similar-question latency over 100,000 synthetic Finnish questions.

    .venv/bin/python -m bench.similarity.latency                # 100,000 questions
    .venv/bin/python -m bench.similarity.latency --questions 20000 --queries 300

The questions are composed deterministically (a fixed seed) from question frames and a
vocabulary of the reform's words, inflected forms and compounds, so the index has the long
tail of rare terms real questions have. It reports the time to analyse the texts, the time to
build the index from stored terms (what a process does at start), the memory the index takes
(after the build and after the queries), and p50/p95/max of ``SimilarityIndex.query`` (wall
and CPU time) for questions written like the evaluation's.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

from bench.similarity.pairs import NEAR_MISSES, PAIRS, TARGETS
from kaiku.core.finnish import analyse
from kaiku.core.similarity import SimilarityIndex, string_to_terms, terms_to_string


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FRAMES = (
    "Miten {a} vaikuttaa {b}?",
    "Säilyykö {a}, kun {b} siirtyy kuntaan?",
    "Kuka päättää {a} ja {b} jälkeen?",
    "Onko {a} kunnassa samanlainen kuin {b}?",
    "Milloin {a} muuttuu {b}?",
    "Voiko {a} siirtää {b}?",
    "Mitä {a} tarkoittaa {b} kannalta?",
    "Saako {a} pitää, vaikka {b} vaihtuu?",
    "Kuka vastaa {a} ja {b} käytännöistä?",
    "Pitääkö {a} hakea ennen {b}?",
)
FIRST = _words(
    "vuosi loma palkka eläke työ asiakas tieto järjestelmä kunta valtio henkilöstö matka "
    "koulutus perehdytys ohjaus terveys sairaus perhe vuorottelu kulku sähkö posti puhelin "
    "kone tila toimi sopimus virka ehto palvelu alue hyvinvointi yritys hanke raha tuki "
    "kieli tulkki arkisto kirjaamo lasku hankinta tarkastus riski valmius johto ryhmä"
)
SECOND = _words(
    "päivä raha lisä järjestelmä suhde sopimus ohjaus kortti osoite tila piste paikka "
    "korvaus kulu maksu vakuutus ikä aika saldo huolto lääkäri vapaa kuva tehtävä keskus "
    "toimisto palvelu alue asiakirja suunnitelma päätös ohje koulutus kokous raportti"
)
ENDINGS = ("", "n", "t", "ssa", "sta", "lle", "lla", "an", "ksi", "a")
WORDS = _words(
    "vuosilomat lomapäivät lomilleni kuntaan kunnan kunnassa palkka palkkaus eläkkeet "
    "työsuhde liikkeen luovutus sijainti etätyö kotoa asiakastietojärjestelmä työnohjaus "
    "perehdytys esihenkilö työaika liukuma sairausloma työterveyshuolto vuorotteluvapaa "
    "perhevapaa osa-aikatyö tehtävät keha-keskus ely-keskus hyvinvointialue työllisyysalue "
    "te-toimisto luottamusmies ammattiliitto työehtosopimus matkakulut kulkukortti "
    "infotilaisuus tehtävänkuva kielitaito lomautus arkistointi palkkatuki työttömyysturva"
)


def synthetic_questions(count: int, seed: int = 2024) -> list[str]:
    rng = random.Random(seed)

    def phrase() -> str:
        if rng.random() < 0.5:
            return rng.choice(WORDS)
        word = rng.choice(FIRST) + rng.choice(SECOND)
        ending = rng.choice(ENDINGS)
        if ending and word.endswith(("a", "ä")) and ending[0] in "aä":
            ending = ending[1:]
        return word + ending

    out = []
    for i in range(count):
        text = rng.choice(FRAMES).format(a=phrase(), b=phrase())
        if i % 7 == 0:
            text = f"{text} Entä {phrase()}?"
        out.append(text)
    return out


def rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * 4096 / 1e6
    except OSError:
        return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument(
        "--k", type=int, default=5, help="results per query (the question form asks for 24)"
    )
    args = parser.parse_args(argv)

    analyse("lämmittely")  # opens the lexicon (built on first use)
    texts = synthetic_questions(args.questions)
    start = time.perf_counter()
    stored = [terms_to_string(analyse(t)) for t in texts]
    analysis = time.perf_counter() - start

    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    index = SimilarityIndex()
    for i, value in enumerate(stored):
        index.add(i, terms=string_to_terms(value))
    build = time.perf_counter() - start
    gc.collect()
    memory = rss_mb() - before

    rng = random.Random(7)
    pool = [text for _, text, _ in PAIRS] + [text for text, _ in NEAR_MISSES]
    pool += list(TARGETS.values()) + rng.sample(texts, 100)
    queries = [rng.choice(pool) for _ in range(args.queries)]
    for text in queries[:20]:  # warm the analysis cache like a running process
        index.query(text, k=args.k)
    timings, cpu, found = [], [], 0
    for text in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        found += bool(index.query(text, k=args.k))
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)

    gc.collect()
    after_queries = rss_mb() - before  # the long postings lists kept as sets by the queries

    print(f"questions: {len(index):,}; distinct terms: {index.term_count:,}")
    print(f"analysis of the texts: {analysis:.1f} s ({analysis / len(texts) * 1e6:.0f} µs each)")
    print(
        f"index build from stored terms: {build:.2f} s; memory: {memory:.0f} MB, "
        f"{after_queries:.0f} MB after the queries"
    )
    print(
        f"query ({len(queries)} queries, k={args.k}): p50 {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms; "
        f"{found / len(queries):.0%} had a match above the threshold"
    )
    # CPU time per query shows the index's own cost when other processes share the machine.
    print(
        f"query CPU time: p50 {statistics.median(cpu):.1f} ms, "
        f"p95 {percentile(cpu, 0.95):.1f} ms; load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
