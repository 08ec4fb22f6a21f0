from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "community.schools"
    label = "schools"
    verbose_name = _("Schools")

    def ready(self):
        from community.home.selectors import register_start_section

        from .selectors import start_consents

        register_start_section(start_consents, order=12)
