"""Remind the people responsible for overdue onboarding tasks, once per task (run from cron,
daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.onboarding.tasks import remind_overdue, send_onboarding_reminders


class Command(BaseCommand):
    help = (
        "Tell the newcomer, supervisor or mentor responsible for each onboarding task that "
        "has become overdue. Each task of an enrolment is reminded once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of doing it here.",
        )

    def handle(self, *args, **options) -> None:
        if options["enqueue"]:
            send_onboarding_reminders.enqueue()
            self.stdout.write("Queued the onboarding reminders.")
            return
        sent = remind_overdue()
        self.stdout.write(f"Sent {sent} onboarding reminder notifications.")
