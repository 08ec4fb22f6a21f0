"""Who may see a library page: everyone, signed-in members, or teachers.

The page's `audience` field is the single source. On publish it is written to a
Wagtail view restriction (login, or the Teachers and Library editors groups), so
Wagtail's own serving, previews and admin show the same rule; listings, search,
files and images filter on the same field through `visible_audiences`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from community.members.roles import SiteRole, site_roles

# Kept in step with school memberships (teachers and school leaders): see signals.py.
TEACHERS_GROUP = "Teachers"


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone, also without an account")
    MEMBERS = "members", _("Members (signed in, pupils included)")
    TEACHERS = "teachers", _("Teachers only")


def is_library_teacher(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(site_roles(user) & {TEACHERS_GROUP, SiteRole.EDITOR.value})


def is_library_editor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or SiteRole.EDITOR.value in site_roles(user)


def visible_audiences(user) -> list[str]:
    if is_library_teacher(user):
        return [Audience.PUBLIC, Audience.MEMBERS, Audience.TEACHERS]
    if getattr(user, "is_authenticated", False):
        return [Audience.PUBLIC, Audience.MEMBERS]
    return [Audience.PUBLIC]


def audience_tier(user) -> str:
    """The widest audience the user belongs to: cached listings are shared per tier."""
    return visible_audiences(user)[-1]


def can_view(user, page) -> bool:
    """A live page whose audience includes the user; a draft only for its owner and editors."""
    if not page.live:
        return is_library_editor(user) or (
            getattr(user, "is_authenticated", False) and page.owner_id == user.pk
        )
    return page.audience in visible_audiences(user)
