"""Background tasks of the news app (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .services import news_announce_due


@task()
def announce_scheduled_news() -> int:
    """Tell followers about items whose publication time has come; safe to run twice (each
    item is claimed with a conditional UPDATE of ``announced_at``)."""
    return news_announce_due()
