from django.core.management.base import BaseCommand

from community.notifications.tasks import digests_queue


class Command(BaseCommand):
    help = "Queue the daily notification digest for members who chose it (run daily by cron)."

    def handle(self, *args, **options):
        result = digests_queue.enqueue()
        self.stdout.write(f"Queued the digests (task {result.id}).")
