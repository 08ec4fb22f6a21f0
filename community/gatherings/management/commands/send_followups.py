"""Remind breakout groups 1, 3 and 6 months after a gathering. Run daily from cron:

30 7 * * *  cd /srv/samspill && .venv/bin/python manage.py send_followups

The work runs in the task worker (retried there if it fails), not in cron's process.
"""

from django.core.management.base import BaseCommand

from community.gatherings.tasks import followups_send_all


class Command(BaseCommand):
    help = "Queue the 1-, 3- and 6-month follow-up reminders to breakout groups."

    def handle(self, *args, **options):
        result = followups_send_all.enqueue()
        self.stdout.write(f"Queued the follow-ups (task {result.id}).")
