"""Search latency: p50 and p95 of whole search pages and API answers on the bench data.

    .venv/bin/python -m bench.search_latency                  # var/bench.sqlite3
    DATABASE_URL=sqlite:///var/bench-copy.sqlite3 .venv/bin/python -m bench.search_latency
    .venv/bin/python -m bench.search_latency --rounds 50 --json bench/results/search.json

Every query is requested through Django's test client (the whole stack, one process, no
page cache: ``PAGE_CACHE=false``), for an anonymous visitor and for a member of the measured
group, after one warm-up request each. Missing index entries are built first (the ``search``
bench step). The figures are wall-clock times of a single client on the machine as it is, so
read them with the machine's load (printed) in mind.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

# Inflected forms, base forms, compounds, two words, rare and very common words (a comment
# phrase in one comment of ten), and a word in no text (the cost of an empty answer).
QUERIES = [
    "kyselyn",
    "raportti",
    "lausuntokierroksella",
    "ohjausryhmän kokous",
    "kunnan palveluksessa",
    "lomapäivät",
    "perhevapaasta",
    "asiakaspalvelun jatkuvuus",
    "henkilöstöinfo",
    "kokous",
    "olematonsana",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_latency", description=__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="requests per query and viewer")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("PAGE_CACHE", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.busy_group import measured_group
    from kaiku.programme.models import Membership
    from kaiku.search.indexing import index_missing
    from kaiku.search.models import SearchEntry

    setup_test_environment()  # the test client needs testserver in ALLOWED_HOSTS
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    t0 = time.perf_counter()
    built = sum(index_missing().values())
    print(f"index: {built} rows indexed in {time.perf_counter() - t0:.1f} s, "
          f"{SearchEntry.objects.count()} entries")  # fmt: skip

    viewers: dict[str, Client] = {"anonymous": Client()}
    group = measured_group()
    membership = Membership.objects.filter(group=group).select_related("person").first()
    if membership is not None:
        member = Client()
        member.force_login(membership.person)
        viewers["member"] = member

    rows, every, every_cpu = [], [], []
    for viewer, client in viewers.items():
        for text in QUERIES:
            for path in (f"/fi/search/?{urlencode({'q': text})}",
                         f"/api/v1/search/?{urlencode({'q': text})}"):  # fmt: skip
                first = client.get(path, secure=True)
                if first.status_code != 200:
                    print(f"{path}: {first.status_code}", file=sys.stderr)
                    continue
                times, cpu = [], []
                for _ in range(args.rounds):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    client.get(path, secure=True)
                    times.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - started_cpu) * 1000)
                every.extend(times)
                every_cpu.extend(cpu)
                row = {
                    "viewer": viewer,
                    "path": path,
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(_percentile(times, 0.95), 1),
                    "max_ms": round(max(times), 1),
                    "cpu_p50_ms": round(statistics.median(cpu), 1),
                    "cpu_p95_ms": round(_percentile(cpu, 0.95), 1),
                    "results": first.context["search"].total
                    if "search" in (first.context or {})
                    else first.json().get("count"),
                }
                rows.append(row)
                print(f"{viewer:<10} wall {row['p50_ms']:7.1f} {row['p95_ms']:7.1f}  cpu "
                      f"{row['cpu_p50_ms']:7.1f} {row['cpu_p95_ms']:7.1f}  "
                      f"{row['results']:>7}  {path}")  # fmt: skip
    load = os.getloadavg()
    summary = {
        "entries": SearchEntry.objects.count(),
        "requests": len(every),
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(_percentile(every, 0.95), 1),
        "cpu_p50_ms": round(statistics.median(every_cpu), 1),
        "cpu_p95_ms": round(_percentile(every_cpu, 0.95), 1),
        "load_average": [round(x, 2) for x in load],
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }
    print(f"all: wall p50 {summary['p50_ms']} / p95 {summary['p95_ms']} ms, cpu p50 "
          f"{summary['cpu_p50_ms']} / p95 {summary['cpu_p95_ms']} ms over "
          f"{summary['requests']} requests; load average {summary['load_average']}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "pages": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
