from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The library: teaching resources, digital-tool guides and courses (Wagtail pages)."""

    name = "courses"
    verbose_name = _("Library")
