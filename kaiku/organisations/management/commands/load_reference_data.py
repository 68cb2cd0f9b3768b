"""Load the official Finnish public-administration reference data (idempotent)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from kaiku.organisations.services import reference_data_load


class Command(BaseCommand):
    help = (
        "Load regions, ELY centres, municipalities and TE24 employment areas from "
        "kaiku/organisations/data (Statistics Finland). Running it again changes nothing."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = reference_data_load()
        elapsed = time.perf_counter() - started
        if options["verbosity"] >= 1:
            status = result.summary() if result.changed else "already up to date"
            self.stdout.write(
                self.style.SUCCESS(f"Reference data loaded in {elapsed:.2f} s: {status}.")
            )
