from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import GatheringIndexPage, GatheringPage


@receiver(page_published, sender=GatheringPage)
def open_chat_rooms(sender, instance, **kwargs):
    """Every published gathering gets its lobby and a room per session (a translation
    is the same gathering: its rooms are the original's)."""
    from community import l10n

    if apps.is_installed("community.chat") and l10n.is_original(instance):
        from community.chat.services import rooms_sync

        rooms_sync(gathering=instance)


# Organisers and editors build gatherings in the Wagtail admin: without page permissions
# on the gatherings index they saw an empty Pages section.
EDITING_ROLES = ("Organisers", "Library editors")
EDITING_PERMISSIONS = ("add_page", "change_page", "publish_page")


def grant_gathering_editing(index) -> None:
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    for group in Group.objects.filter(name__in=EDITING_ROLES):
        for codename in EDITING_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=index,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


@receiver(post_save, sender=GatheringIndexPage)
def gathering_index_saved(sender, instance, created, **kwargs):
    if created:
        grant_gathering_editing(instance)


def grant_on_every_index(**kwargs) -> None:
    """After migrate: indexes made before this rule get the permissions too."""
    for index in GatheringIndexPage.objects.all():
        grant_gathering_editing(index)
