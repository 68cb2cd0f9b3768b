"""Announce scheduled news whose time has come; run from cron (docs/news.md)."""

from __future__ import annotations

from kaiku.core.commands import TaskCommand
from kaiku.news.tasks import announce_scheduled_news


class Command(TaskCommand):
    help = "Tell followers about news items whose publication time has come (once each)."
    task = announce_scheduled_news
    queued = "Queued the announcement of scheduled news."

    def run(self, **options) -> str:
        return f"Announced {announce_scheduled_news.call()} news item(s)."
