"""Send the daily or weekly notification digests; run from cron (docs/notifications.md)."""

from __future__ import annotations

from kaiku.core.commands import TaskCommand
from kaiku.notifications.tasks import send_digests


class Command(TaskCommand):
    help = "Email each person their notification digest (daily or weekly)."
    task = send_digests
    queued = "Queued the digests."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)

    def task_args(self, *, frequency: str, **options) -> tuple:
        return (frequency,)

    def run(self, *, frequency: str, **options) -> str:
        return f"Sent {send_digests.call(frequency)} {frequency} digest(s)."
