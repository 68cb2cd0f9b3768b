"""Recover what dead workers and a down SMTP server left behind; run from cron every 5 minutes
(docs/notifications.md)."""

from __future__ import annotations

from kaiku.core.commands import TaskCommand
from kaiku.notifications.tasks import recover_deliveries, recover_deliveries_now


class Command(TaskCommand):
    help = (
        "Fail and queue again tasks whose worker died, release notification emails claimed by "
        "a sender that died, and retry failed emails that are due."
    )
    task = recover_deliveries
    queued = "Queued the delivery recovery."

    def run(self, **options) -> str:
        return (
            "Tasks: {tasks_failed} abandoned, {tasks_queued} queued again. "
            "Emails: {released} claim(s) released, {given_up} given up, "
            "{tried} retried, {sent} sent.".format(**recover_deliveries_now())
        )
