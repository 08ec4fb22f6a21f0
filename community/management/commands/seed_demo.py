"""Build the demo site. Safe to run again: every step updates what exists."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings


def demo_modules():
    """Each installed app may ship `demo.py` with `ORDER` and `seed(context)`."""
    modules = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        modules.append(module)
    return sorted(modules, key=lambda module: module.ORDER)


class Command(BaseCommand):
    help = "Create or refresh the demo content and demo accounts (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a known password: run it with DEBUG on."
            )
        context: dict = {}
        # Demo registrations and notifications would otherwise print their mails.
        quiet_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
        with quiet_mail, transaction.atomic():
            for module in demo_modules():
                module.seed(context)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if not options["quiet_logins"]:
            from community.members.demo import DEMO_PASSWORD

            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for email, description in context.get("logins", []):
                self.stdout.write(f"  {email:32} {description}")
