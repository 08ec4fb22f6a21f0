from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    """Live chat, Q&A and polls for gatherings, over Channels."""

    name = "community.chat"
    label = "chat"
    verbose_name = _("Live chat")

    def ready(self):
        from django.db.models.signals import pre_delete

        from community.members.models import User
        from community.members.privacy import register_exporter

        from . import privacy

        register_exporter("chat", privacy.member_chat_export, models=privacy.MODELS)

        def erase(sender, instance, **kwargs):
            privacy.member_chat_content_erase(user=instance)

        pre_delete.connect(erase, sender=User, dispatch_uid="chat-member-erasure", weak=False)
