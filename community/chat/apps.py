from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    """Live chat, Q&A and polls for gatherings, over Channels."""

    name = "community.chat"
    label = "chat"
    verbose_name = _("Live chat")
