from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "community.gatherings"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self):
        from community import navigation
        from community.home.selectors import register_section

        from . import selectors, signals  # noqa: F401

        navigation.register(order=50, label=_("Gatherings"), path="/gatherings/")

        def upcoming_section(user):
            return {
                "template": "community/gatherings/components/home_section.html",
                "upcoming_gatherings": selectors.upcoming(),
            }

        register_section(upcoming_section)
