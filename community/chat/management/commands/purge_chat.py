"""Delete chat messages older than SAMSPILL_CHAT_RETENTION_DAYS. Run daily from cron:

0 3 * * *  cd /srv/samspill && .venv/bin/python manage.py purge_chat
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from community.chat.services import messages_purge


class Command(BaseCommand):
    help = "Delete chat messages after the retention period."

    def handle(self, *args, **options):
        days = settings.SAMSPILL_CHAT_RETENTION_DAYS
        count = messages_purge(older_than_days=days)
        self.stdout.write(f"Deleted {count} chat message(s) older than {days} days.")
