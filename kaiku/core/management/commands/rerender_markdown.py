"""Render the stored HTML of Markdown fields again (after the renderer changed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.core.markdown import RENDERER_VERSION
from kaiku.core.translations import rerender_markdown


class Command(BaseCommand):
    help = (
        "Render and sanitise the Markdown of every row whose stored HTML comes from an older "
        "renderer (RENDERER_VERSION); --all renders every row. Also runs after migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Render every row again.")

    def handle(self, *args, **options):
        counts = rerender_markdown(everything=options["all"])
        for label, count in counts.items():
            if count or options["verbosity"] > 1:
                self.stdout.write(f"{label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Stored HTML is up to date (renderer version {RENDERER_VERSION}).")
        )
