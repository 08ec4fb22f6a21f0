"""Notification mail as background tasks (see community/background.py)."""

from community.background import retrying_task

from . import mail


@retrying_task()
def notifications_mail_send(notification_ids: list[int]) -> None:
    mail.notifications_mail(notification_ids)


@retrying_task()
def digest_mail_send(user_id: int, notification_ids: list[int]) -> None:
    from community.members.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None and user.email:
        mail.digest_mail(user, notification_ids)


@retrying_task()
def digests_queue() -> int:
    from .services import digest_send

    return digest_send()
