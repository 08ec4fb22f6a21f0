"""Delete audit entries older than SAMSPILL_AUDIT_RETENTION_DAYS (run daily from cron)."""

from django.core.management.base import BaseCommand

from community.audit.services import audit_purge


class Command(BaseCommand):
    help = "Delete audit entries past their retention period."

    def handle(self, **options):
        self.stdout.write(f"{audit_purge()} audit entries deleted")
