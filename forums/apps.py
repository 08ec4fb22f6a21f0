from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self):
        from community import navigation
        from community.home.selectors import register_section, register_start_section
        from community.search import register_provider

        from . import signals
        from .search import forum_search_provider
        from .selectors import home_section, start_discussions, start_followed

        signals.connect()
        from community.members.privacy import register_exporter

        from . import privacy

        register_exporter("forums", privacy.export, models=privacy.MODELS)

        navigation.register(
            order=40, label=_("Forums"), path="/forums/", icon="chat-bubble-left-right"
        )
        register_section(home_section)
        register_start_section(start_followed, order=30)
        register_start_section(start_discussions, order=90)
        register_provider(forum_search_provider)
