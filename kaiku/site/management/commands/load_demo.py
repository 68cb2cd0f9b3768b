"""Load the reference data and the demo content. Safe to run again: nothing is duplicated."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kaiku.core import demo


class Command(BaseCommand):
    help = "Load the real reference data and realistic Finnish demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even when DEBUG is off (never do this in production).",
        )

    def handle(self, *args, **options):
        call_command("load_reference_data", verbosity=options["verbosity"])
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Demo content includes accounts with a known password; it is loaded only "
                "with DEBUG on, or with --allow-production."
            )
        # Each app registers its loader in its demo.py (kaiku.core.demo), in dependency order.
        demo.autodiscover()
        with transaction.atomic():
            for loader in demo.loaders():
                if options["verbosity"] > 1:
                    self.stdout.write(f"{loader.order:>3} {loader.name}")
                loader.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
