from kaiku.core.commands import TaskCommand
from kaiku.core.tasks import prune_audit_log, prune_audit_log_now


class Command(TaskCommand):
    help = "Delete audit events older than AUDIT_RETENTION_DAYS. Schedule daily (cron)."
    task = prune_audit_log
    queued = "Queued."

    def run(self, **options) -> str:
        return f"Deleted {prune_audit_log_now()} audit events."
