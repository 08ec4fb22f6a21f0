from django.core.management.base import BaseCommand

from courses.practice.tasks import takes_cleanup


class Command(BaseCommand):
    help = (
        "Queue the deletion of practice takes (and their audio files) past their school's "
        "retention date (run daily by cron; the task worker does the work)."
    )

    def handle(self, *args, **options):
        result = takes_cleanup.enqueue()
        self.stdout.write(f"Queued the practice clean-up (task {result.id}).")
