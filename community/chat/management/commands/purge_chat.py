"""Delete chat messages older than their retention period (Settings → Retention periods), and presence rows that no
Daphne process renewed (sockets of a process that was killed while no other process had
sockets to sweep them). Run daily from cron:

0 3 * * *  cd /srv/samspill && .venv/bin/python manage.py purge_chat
"""

from django.core.management.base import BaseCommand

from community.chat.services import messages_purge, presence_heartbeat
from community.members.retention import periods


class Command(BaseCommand):
    help = "Delete chat messages after the retention period."

    def handle(self, *args, **options):
        days = periods().chat_message_days
        count = messages_purge(older_than_days=days)
        self.stdout.write(f"Deleted {count} chat message(s) older than {days} days.")
        swept = presence_heartbeat(channel_names=[])
        self.stdout.write(f"Swept {swept} presence row(s) of closed sockets.")
