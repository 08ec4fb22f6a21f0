from django.core.management.base import BaseCommand

from community.notifications.services import digest_send


class Command(BaseCommand):
    help = "Mail the daily notification digest to members who chose it (run daily by cron)."

    def handle(self, *args, **options):
        sent = digest_send()
        self.stdout.write(f"Sent {sent} digest mail(s).")
