"""Queue the survey invitations and reminders that are due, and the themes of the open answers
of surveys that have closed (run from cron, e.g. hourly)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.surveys.tasks import due_now


class Command(BaseCommand):
    help = (
        "Invite the audience of surveys that have opened and remind those who have not "
        "answered a survey that closes within three days. Each is sent once per survey. "
        "Also queue the analysis of open answers (themes) of surveys that have closed."
    )

    def handle(self, *args, **options) -> None:
        queued = due_now()
        self.stdout.write(
            f"Queued {queued['invitations']} invitation and {queued['reminders']} reminder tasks, "
            f"and the open-answer themes of {queued['themes']} closed surveys."
        )
