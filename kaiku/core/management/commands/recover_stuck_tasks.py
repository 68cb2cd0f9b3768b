"""Fail and queue again background tasks whose worker died; run from cron (docs/notifications.md).

``manage.py recover_deliveries`` does this too, so one cron line covers both."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.core.tasks import recover_stuck_tasks_now


class Command(BaseCommand):
    help = (
        "Mark tasks RUNNING longer than TASK_STUCK_TIMEOUT as failed (their worker died) "
        "and queue them again."
    )

    def handle(self, *args, **options) -> None:
        result = recover_stuck_tasks_now()
        self.stdout.write(
            f"{result['failed']} abandoned task(s) failed, {result['queued']} queued again."
        )
