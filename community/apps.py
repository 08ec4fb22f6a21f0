from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The site itself: static assets, template tags, demo content, health."""

    name = "community"
    verbose_name = "Samspill"
