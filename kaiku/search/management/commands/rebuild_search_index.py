from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from kaiku.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Index every searchable row again and drop entries of rows that are gone. Idempotent; "
        "run it after loading data without signals (bulk loads) or after changing the analysis."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = rebuild(stdout=self.stdout if options["verbosity"] > 1 else None)
        self.stdout.write(
            f"Search index: {sum(counts.values())} rows of {len(counts)} types "
            f"in {time.monotonic() - started:.1f} s."
        )
