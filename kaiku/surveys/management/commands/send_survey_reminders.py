"""Queue the survey invitations and reminders that are due, the mixing of the answers
submitted since the last run, and the themes of the open answers and the stored results of
surveys that have closed (run from cron, hourly)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kaiku.surveys.tasks import due_now


class Command(BaseCommand):
    help = (
        "Invite the audience of surveys that have opened and remind those who have not "
        "answered a survey that closes within three days. Each is sent once per survey. "
        "Also queue the mixing of the answers submitted since the last run, and the analysis "
        "of open answers (themes) and the stored results of surveys that have closed."
    )

    def handle(self, *args, **options) -> None:
        queued = due_now()
        self.stdout.write(
            f"Queued {queued['invitations']} invitation and {queued['reminders']} reminder tasks, "
            f"the mixing of {queued['mixing']} surveys' answers, the open-answer themes of "
            f"{queued['themes']} closed surveys and the stored results of {queued['results']}."
        )
