"""Load the reference data and the demo content. Safe to run again: nothing is duplicated."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


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
        from kaiku.accounts.demo import load_demo_people
        from kaiku.news.demo import load_demo_news
        from kaiku.organisations.demo import load_demo_organisations
        from kaiku.programme.demo import load_demo_programme

        with transaction.atomic():
            load_demo_organisations()
            load_demo_people()
            load_demo_programme()
            load_demo_news()
        # Later capabilities add their demo content here, in dependency order.
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
