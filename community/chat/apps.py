from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    """Live chat, Q&A and polls for gatherings, over Channels."""

    name = "community.chat"
    label = "chat"
    verbose_name = _("Live chat")

    def ready(self):
        from community.members.privacy import register_exporter

        def export(user):
            from .models import Message, Question

            return {
                "messages": [
                    {"room": m.room.title, "text": m.text, "at": m.created_at.isoformat()}
                    for m in Message.objects.filter(author=user, deleted_at=None).select_related(
                        "room"
                    )
                ],
                "questions": [
                    {"room": q.room.title, "text": q.text, "anonymous": q.anonymous}
                    for q in Question.objects.filter(author=user).select_related("room")
                ],
            }

        register_exporter("chat", export)
