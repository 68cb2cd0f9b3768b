from django.core.management.base import BaseCommand

from kaiku.core.tasks import prune_audit_log_now


class Command(BaseCommand):
    help = "Delete audit events older than AUDIT_RETENTION_DAYS. Schedule daily (cron)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Run in the task worker.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            from kaiku.core.tasks import prune_audit_log

            prune_audit_log.enqueue()
            self.stdout.write("Queued.")
            return
        self.stdout.write(f"Deleted {prune_audit_log_now()} audit events.")
