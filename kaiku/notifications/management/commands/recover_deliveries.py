"""Recover what dead workers and a down SMTP server left behind; run from cron every 5 minutes
(docs/notifications.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.notifications.tasks import recover_deliveries, recover_deliveries_now


class Command(BaseCommand):
    help = (
        "Fail and queue again tasks whose worker died, release notification emails claimed by "
        "a sender that died, and retry failed emails that are due."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of running it here.",
        )

    def handle(self, *args, enqueue: bool, **options) -> None:
        if enqueue:
            result = recover_deliveries.enqueue()
            self.stdout.write(f"Queued the delivery recovery ({result.id}).")
            return
        summary = recover_deliveries_now()
        self.stdout.write(
            "Tasks: {tasks_failed} abandoned, {tasks_queued} queued again. "
            "Emails: {released} claim(s) released, {given_up} given up, "
            "{tried} retried, {sent} sent.".format(**summary)
        )
