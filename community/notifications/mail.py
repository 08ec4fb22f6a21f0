"""The mails notifications send; run by the tasks in `tasks.py`, never in a request."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Notification
from .urls_absolute import absolute, unsubscribe_url


def one_line(text) -> str:
    """A mail subject is one line: a line break typed by an organiser would make
    Django refuse the header (BadHeaderError) and so every mail of the batch."""
    return " ".join(str(text).split())


def send(user, subject, template: str, context: dict) -> None:
    link = unsubscribe_url(user)
    context = {**context, "user": user, "unsubscribe_url": link, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=f"[Samspill] {one_line(subject)}",
        body=render_to_string(f"community/notifications/email/{template}.txt", context),
        to=[user.email],
        headers={
            # RFC 8058: mail clients offer a one-click unsubscribe button.
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


def notifications_mail(ids: list[int]) -> None:
    """One mail per notification not mailed yet; each is marked as soon as it left, so a
    retry after a failure half-way never sends one twice."""
    for notification in Notification.objects.filter(
        pk__in=ids, emailed_at__isnull=True
    ).select_related("recipient"):
        user = notification.recipient
        if not user.is_active or not user.email:
            continue
        with translation.override(user.language or "nb"):
            send(
                user,
                notification.title,
                "single",
                {"notification": notification, "link": absolute(notification.url)},
            )
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def digest_mail(user, ids: list[int]) -> bool:
    """The digest of these notifications (those still unmailed) for one member."""
    notifications = list(
        Notification.objects.filter(pk__in=ids, recipient=user, emailed_at__isnull=True).order_by(
            "created_at"
        )
    )
    if not notifications:
        return False
    with translation.override(user.language or "nb"):
        items = [(n, absolute(reverse("notifications:open", args=[n.pk]))) for n in notifications]
        send(user, _("What happened on Samspill today"), "digest", {"items": items})
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )
    return True
