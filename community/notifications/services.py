from django.db import transaction
from django.utils import timezone, translation

from community.realtime.events import NotificationCount, user_group
from community.realtime.publish import publish_on_commit

from . import selectors
from .models import Notification


@transaction.atomic
def notify(*, recipient, kind: str, title, url: str = "", body="", actor=None) -> Notification:
    """Create an in-app notification and push the new unread count to open pages.

    `title` and `body` may be lazy translations: they are rendered in the
    recipient's language, not the sender's.
    """
    with translation.override(recipient.language or "nb"):
        notification = Notification.objects.create(
            recipient=recipient, actor=actor, kind=kind, title=str(title), body=str(body), url=url
        )
    publish_on_commit(
        user_group(recipient.pk),
        NotificationCount(
            unread=selectors.unread_count(recipient), title=notification.title, url=url
        ),
    )
    return notification


@transaction.atomic
def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    count = queryset.update(read_at=timezone.now())
    if count:
        publish_on_commit(
            user_group(user.pk), NotificationCount(unread=selectors.unread_count(user))
        )
    return count
