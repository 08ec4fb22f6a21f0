"""Enqueue the retention purge (every registered kind of data). Run daily from cron:

0 3 * * *  cd /srv/samspill && .venv/bin/python manage.py retention
"""

from django.core.management.base import BaseCommand

from community.members.retention import purgers
from community.members.tasks import retention_run


class Command(BaseCommand):
    help = "Queue the deletion of personal data whose retention period is over."

    def handle(self, *args, **options):
        retention_run.enqueue()
        self.stdout.write(f"Queued retention for: {', '.join(sorted(purgers()))}.")
