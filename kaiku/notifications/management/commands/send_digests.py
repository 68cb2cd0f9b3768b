"""Send the daily or weekly notification digests; run from cron (docs/notifications.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.notifications.tasks import send_digests


class Command(BaseCommand):
    help = "Email each person their notification digest (daily or weekly)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of running it here.",
        )

    def handle(self, *args, frequency: str, enqueue: bool, **options) -> None:
        if enqueue:
            result = send_digests.enqueue(frequency)
            self.stdout.write(f"Queued the {frequency} digests ({result.id}).")
            return
        sent = send_digests.call(frequency)
        self.stdout.write(f"Sent {sent} {frequency} digest(s).")
