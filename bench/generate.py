"""Fill a database with national-scale data for the benchmarks.

    .venv/bin/python -m bench.generate                 # scale 1: 30,000 people
    .venv/bin/python -m bench.generate --scale 0.1     # a tenth of everything
    .venv/bin/python -m bench.generate --people 5000   # override one count
    .venv/bin/python -m bench.generate --reset         # delete bench content, then generate

It uses ``bench.settings`` (its own SQLite file, ``var/bench.sqlite3``) unless
``DJANGO_SETTINGS_MODULE`` says otherwise; ``DATABASE_URL`` points it at PostgreSQL.

The steps are the apps' own: each app that has content worth measuring registers its steps
in its ``bench.py`` (``kaiku.core.bench``), and this generator runs them in their order, each
with the ``Scale``. Each step is idempotent: it creates only what is missing, identified by a
marker (the bench people's email domain, a ``bench-`` slug prefix), so running it again is
cheap and never duplicates anything.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

import django

# The default for --people in the help text (kaiku.accounts.bench.PEOPLE_AT_SCALE_1).
PEOPLE_AT_SCALE_1 = 30_000


@dataclass
class Scale:
    """How much to generate: ``factor`` times the national scale, with per-count overrides."""

    factor: float = 1.0
    overrides: dict[str, int] = field(default_factory=dict)

    def count(self, name: str, at_scale_1: int) -> int:
        if name in self.overrides:
            return self.overrides[name]
        return max(0, round(at_scale_1 * self.factor))


# --- Command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national scale")
    parser.add_argument("--people", type=int, help=f"people (default {PEOPLE_AT_SCALE_1}×scale)")
    parser.add_argument("--reset", action="store_true", help="delete bench content first")
    parser.add_argument(
        "--only", action="append", metavar="STEP", help="run only these steps (repeatable)"
    )
    parser.add_argument("--no-migrate", action="store_true", help="do not run migrate first")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    (Path(__file__).resolve().parents[1] / "var").mkdir(exist_ok=True)
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from kaiku.core import bench

    bench.autodiscover()
    import_module("bench.busy_group")  # the benchmark's own step

    overrides = {"people": args.people} if args.people is not None else {}
    scale = Scale(factor=args.scale, overrides=overrides)
    steps = [s for s in bench.steps() if not args.only or s.name in args.only]
    database = settings.DATABASES["default"]
    print(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")

    started = time.perf_counter()
    if not args.no_migrate:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"{'migrate':<16} {time.perf_counter() - t0:7.2f} s")
    if args.reset:
        for step in reversed(steps):
            if step.reset:
                t0 = time.perf_counter()
                result = step.reset()
                print(f"{'reset ' + step.name:<16} {time.perf_counter() - t0:7.2f} s  {result}")
    for step in steps:
        t0 = time.perf_counter()
        result = step.run(scale)
        print(f"{step.name:<16} {time.perf_counter() - t0:7.2f} s  {result}")
    # Steps that bulk-create rows leave their stored Markdown HTML empty (pages would render
    # it on every request): fill it as a save would, as migrate does for an older renderer.
    from kaiku.core.translations import rerender_markdown

    t0 = time.perf_counter()
    rendered = sum(rerender_markdown().values())
    print(f"{'markdown':<16} {time.perf_counter() - t0:7.2f} s  {rendered} rows rendered")
    print(f"{'total':<16} {time.perf_counter() - started:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
