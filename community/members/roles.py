"""Site roles are Django groups, so Wagtail's permission screens can manage them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteRole(models.TextChoices):
    ORGANISER = "Organisers", _("Organiser")
    MODERATOR = "Community moderators", _("Moderator")
    EDITOR = "Library editors", _("Editor")


def site_roles(user) -> set[str]:
    """Group names of the user's site roles, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_site_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._site_roles = cached
    return cached


def has_site_role(user, role: SiteRole) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or role.value in site_roles(user)))
