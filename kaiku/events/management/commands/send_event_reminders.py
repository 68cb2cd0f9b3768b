"""Queue the day-before reminders of events (run from cron, hourly)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.events.tasks import queue_due, remind_due


class Command(BaseCommand):
    help = (
        "Remind those registered for an event that starts within a day, once per "
        "registration. Queues one task per event; --now sends them in this process."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--now", action="store_true", help="Send instead of queueing.")

    def handle(self, *args, **options) -> None:
        if options["now"]:
            self.stdout.write(f"Sent {remind_due()} event reminders.")
        else:
            self.stdout.write(f"Queued the reminders of {queue_due()} events.")
