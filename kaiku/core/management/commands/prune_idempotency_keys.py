from django.core.management.base import BaseCommand

from kaiku.core.idempotency import TTL, prune


class Command(BaseCommand):
    help = (
        "Delete form tokens and Idempotency-Key records older than their lifetime. "
        "Schedule daily (cron)."
    )

    def handle(self, *args, **options):
        hours = int(TTL.total_seconds() // 3600)
        self.stdout.write(f"Deleted {prune()} idempotency records older than {hours} h.")
