from django.apps import apps
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import GatheringPage


@receiver(page_published, sender=GatheringPage)
def open_chat_rooms(sender, instance, **kwargs):
    """Every published gathering gets its lobby and a room per session."""
    if apps.is_installed("community.chat"):
        from community.chat.services import rooms_sync

        rooms_sync(gathering=instance)
