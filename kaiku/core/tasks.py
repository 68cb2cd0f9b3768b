"""Background tasks of the core app."""

from __future__ import annotations

import datetime
import logging
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task

from .models import AuditEvent

logger = logging.getLogger(__name__)


def prune_audit_log_now(*, now: datetime.datetime | None = None) -> int:
    """Delete audit events older than ``KAIKU_AUDIT_RETENTION_DAYS``; returns how many.

    The audit queryset refuses ``delete()`` so that nothing in the app removes audit rows by
    accident; retention is the one deliberate exception, so it calls the base implementation.
    Idempotent: running it twice deletes nothing more.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.KAIKU_AUDIT_RETENTION_DAYS)
    old = AuditEvent.objects.filter(created__lt=cutoff)
    deleted, _ = models.QuerySet.delete(old)
    return deleted


@task()
def prune_audit_log() -> int:
    return prune_audit_log_now()


# --- Tasks whose worker died -------------------------------------------------------------------


class TaskAbandonedError(Exception):
    """Recorded on a task result whose worker stopped (killed, crashed) while running it."""


def recover_stuck_tasks_now(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Fail database-backend tasks RUNNING for longer than ``KAIKU_TASK_STUCK_TIMEOUT`` and
    queue each again (same task, arguments, queue and priority), unless it is listed in
    ``KAIKU_TASK_NO_RERUN`` or has run ``KAIKU_TASK_MAX_RUNS`` times (then it is logged).

    A worker killed mid-task leaves its row RUNNING forever; no worker picks it up again.
    Kaiku's tasks are safe to run twice (each claims its work), so running one again is safe
    even if its worker was only slow. Idempotent: a row is failed by a conditional UPDATE, so
    two recoveries at once queue it once. Returns ``{"failed": n, "queued": m}``.
    """
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return {"failed": 0, "queued": 0}
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.KAIKU_TASK_STUCK_TIMEOUT)
    stuck = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    failed = queued = 0
    for row in stuck.order_by("started_at")[:500]:
        rerun = (
            row.task_path not in settings.KAIKU_TASK_NO_RERUN
            and len(row.worker_ids) < settings.KAIKU_TASK_MAX_RUNS
        )
        again_id = uuid.uuid4()
        error_path = f"{TaskAbandonedError.__module__}.TaskAbandonedError"
        workers = ", ".join(row.worker_ids)
        note = (
            f"{error_path}: RUNNING since {row.started_at.isoformat()} on worker(s) {workers}; "
            "the worker stopped without finishing. "
        )
        note += f"Queued again as {again_id}." if rerun else "Not queued again."
        with transaction.atomic():
            marked = DBTaskResult.objects.filter(
                pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
            ).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=error_path,
                traceback=note,
            )
            if not marked:  # finished meanwhile, or another recovery got it
                continue
            failed += 1
            if not rerun:
                logger.error(
                    "Task %s (%s) was abandoned after %d run(s); not queued again.",
                    row.pk,
                    row.task_path,
                    len(row.worker_ids),
                )
                continue
            DBTaskResult.objects.create(
                id=again_id,
                args_kwargs=row.args_kwargs,
                priority=row.priority,
                task_path=row.task_path,
                queue_name=row.queue_name,
                backend_name=row.backend_name,
                run_after=row.run_after,
                # The workers that ran it so far: this is how many runs it has had.
                worker_ids=row.worker_ids,
            )
            queued += 1
            logger.warning(
                "Task %s (%s) was abandoned by its worker; queued again as %s.",
                row.pk,
                row.task_path,
                again_id,
            )
    return {"failed": failed, "queued": queued}


@task()
def recover_stuck_tasks() -> dict[str, int]:
    return recover_stuck_tasks_now()
