"""Announce scheduled news whose time has come; run from cron (docs/news.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.news.tasks import announce_scheduled_news


class Command(BaseCommand):
    help = "Tell followers about news items whose publication time has come (once each)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of running it here.",
        )

    def handle(self, *args, enqueue: bool, **options) -> None:
        if enqueue:
            result = announce_scheduled_news.enqueue()
            self.stdout.write(f"Queued the announcement of scheduled news ({result.id}).")
            return
        announced = announce_scheduled_news.call()
        self.stdout.write(f"Announced {announced} news item(s).")
