"""Remind breakout groups 1, 3 and 6 months after a gathering. Run daily from cron:

30 7 * * *  cd /srv/samspill && .venv/bin/python manage.py send_followups
"""

from django.core.management.base import BaseCommand

from community.gatherings.services import followups_send


class Command(BaseCommand):
    help = "Send the 1-, 3- and 6-month follow-up reminders to breakout groups."

    def handle(self, *args, **options):
        count = followups_send()
        self.stdout.write(f"Reminded {count} group(s).")
