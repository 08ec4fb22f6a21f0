from django.core.management.base import BaseCommand

from courses.practice.services import takes_delete_expired


class Command(BaseCommand):
    help = (
        "Delete practice takes (and their audio files) past their school's retention "
        "date (run daily by cron until the task queue schedules it)."
    )

    def handle(self, *args, **options):
        deleted = takes_delete_expired()
        self.stdout.write(f"Deleted {deleted} take(s).")
