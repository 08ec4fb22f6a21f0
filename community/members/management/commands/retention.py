"""Retention of personal data (the periods are set in the admin: Settings → Retention
periods).

    manage.py retention --schedule   make sure the daily run waits in the queue (make run
                                     and the worker's start do this; safe to repeat)
    manage.py retention              queue a run now (e.g. from cron, with a task backend
                                     other than the database one)
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from community.members.retention import purgers, retention_schedule
from community.members.tasks import retention_run


class Command(BaseCommand):
    help = "Queue the deletion of personal data whose retention period is over."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue a run now unless one already waits; each run queues the next (03:00).",
        )

    def handle(self, *args, schedule=False, **options):
        kinds = ", ".join(sorted(purgers()))
        if schedule:
            if retention_schedule(at=timezone.now()):
                self.stdout.write(f"Queued retention (then daily at 03:00) for: {kinds}.")
            else:
                self.stdout.write(
                    "Retention already waits in the queue (or the task backend cannot schedule)."
                )
            return
        retention_run.enqueue()
        self.stdout.write(f"Queued retention for: {kinds}.")
