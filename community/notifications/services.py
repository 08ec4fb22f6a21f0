from datetime import timedelta

from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.background import enqueue_on_commit
from community.realtime.events import NotificationCount, user_group
from community.realtime.publish import publish_on_commit

from . import selectors, tasks
from .models import Delivery, Notification, NotificationPreference
from .urls_absolute import UNSUBSCRIBE_SALT, unsubscribe_token, unsubscribe_url  # noqa: F401


def unread_changed_on_commit(*user_ids: int) -> None:
    """The members' cached unread counts (the header's badge) are out of date once the
    transaction commits; dropped after commit so no request caches the old count anew."""
    keys = [selectors.unread_key(pk) for pk in set(user_ids)]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))


@transaction.atomic
def notify(
    *,
    recipient,
    kind: str,
    title,
    url: str = "",
    body="",
    actor=None,
    mail: bool = True,
) -> Notification:
    """Create an in-app notification and push the new unread count to open pages.

    `title` and `body` may be lazy translations: they are rendered in the
    recipient's language, not the sender's. With `mail` (the default) the member's
    delivery preference applies: an e-mail now, a line in the daily digest, or nothing.
    """
    with translation.override(recipient.language or "nb"):
        notification = Notification.objects.create(
            recipient=recipient,
            actor=actor,
            kind=kind,
            title=str(title),
            body=str(body),
            url=url,
            mail=mail,
        )
    unread_changed_on_commit(recipient.pk)
    publish_on_commit(
        user_group(recipient.pk),
        NotificationCount(
            unread=selectors.unread_count(recipient), title=notification.title, url=url
        ),
    )
    if mail and recipient.email and selectors.delivery_for(recipient) == Delivery.EMAIL:
        enqueue_on_commit(tasks.notifications_mail_send, [notification.pk])
    return notification


@transaction.atomic
def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    count = queryset.update(read_at=timezone.now())
    if count:
        unread_changed_on_commit(user.pk)
        publish_on_commit(
            user_group(user.pk), NotificationCount(unread=selectors.unread_count(user))
        )
    return count


# --- preferences and unsubscribing ------------------------------------------------


@transaction.atomic
def preference_set(*, user, delivery: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    preference.delivery = delivery
    preference.full_clean()
    preference.save()
    return preference


def user_for_unsubscribe_token(token: str):
    """The member a mail's unsubscribe link was made for, or None if it is not ours."""
    from community.members.models import User

    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first()


@transaction.atomic
def unsubscribe(*, token: str):
    """One click from a mail: back to "only on the site". Returns the member or None."""
    user = user_for_unsubscribe_token(token)
    if user is not None:
        preference_set(user=user, delivery=Delivery.IN_APP)
    return user


# --- mail (sent by tasks, see tasks.py) -------------------------------------------


def digest_send(*, now=None) -> int:
    """Queue a digest mail for each digest member with unread news since their last one.

    Run daily by cron (`manage.py send_notification_digest`); running it twice a day
    queues nothing new. Returns the number of digests queued.
    """
    now = now or timezone.now()
    queued = 0
    preferences = NotificationPreference.objects.filter(delivery=Delivery.DIGEST).select_related(
        "user"
    )
    for preference in preferences:
        user = preference.user
        if not user.is_active or not user.email:
            continue
        since = preference.last_digest_at or now - timedelta(days=1)
        ids = list(
            Notification.objects.filter(
                recipient=user,
                mail=True,
                emailed_at__isnull=True,
                read_at__isnull=True,
                created_at__gt=since,
                created_at__lte=now,
            ).values_list("pk", flat=True)
        )
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
        if ids:
            # Run by cron or a task, outside any request: the queue row is written now.
            tasks.digest_mail_send.enqueue(user.pk, ids)
            queued += 1
    return queued


@transaction.atomic
def notifications_forget_actor(*, user) -> int:
    """Before an erasure: other members' notifications about the member's actions keep
    their meaning but lose the name and e-mail address ("a former member", in each
    recipient's language). Returns how many were rewritten."""
    marks = [mark for mark in (user.display_name, user.email) if mark]
    changed = 0
    notes = Notification.objects.filter(actor=user).exclude(recipient=user)
    for note in notes.select_related("recipient"):
        with translation.override(note.recipient.language or "nb"):
            former = str(_("a former member"))
        title, body = note.title, note.body
        for mark in marks:
            title, body = title.replace(mark, former), body.replace(mark, former)
        if (title, body) != (note.title, note.body):
            note.title, note.body = title[:200], body
            note.save(update_fields=["title", "body"])
            changed += 1
    return changed


def notifications_purge(*, now=None) -> int:
    """Delete notifications older than their retention period (retention)."""
    from community.members.retention import periods

    cutoff = (now or timezone.now()) - timedelta(days=periods().notification_days)
    old = Notification.objects.filter(created_at__lt=cutoff)
    with transaction.atomic():
        unread_changed_on_commit(
            *old.filter(read_at__isnull=True).values_list("recipient_id", flat=True).distinct()
        )
        count, _detail = old.delete()
    return count
