"""The shape of every cron command: run a background task here, or queue it with --enqueue."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class TaskCommand(BaseCommand):
    """A management command that runs one django-tasks task.

    Subclasses set ``task`` and ``queued`` (what is said when queued), and implement
    ``run(**options)`` returning the line to print; ``task_args(**options)`` gives the task's
    arguments (none by default).
    """

    task = None
    queued = "Queued."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of running it here.",
        )

    def task_args(self, **options) -> tuple:
        return ()

    def run(self, **options) -> str:
        raise NotImplementedError

    def handle(self, *args, enqueue: bool = False, **options) -> None:
        if enqueue:
            result = self.task.enqueue(*self.task_args(**options))
            self.stdout.write(f"{self.queued} ({result.id})")
            return
        self.stdout.write(self.run(**options))
