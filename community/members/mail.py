"""The inactivity warning mail; sent by a task, never in a request."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from . import services
from .retention import periods


def inactivity_warning(user_id: int) -> bool:
    """Mail the warning in the member's language and mark them warned; nothing if they
    signed in meanwhile or were warned already. A failed mail takes the mark back, so
    the grace period never starts without a warning (the task retries)."""
    user = services.inactivity_warning_mark(user_id=user_id)
    if user is None:
        return False
    try:
        erase_on = timezone.localdate(
            user.inactivity_warned_at + timedelta(days=periods().inactive_grace_days)
        )
        with translation.override(user.language or "nb"):
            body = _(
                "Hello %(name)s,\n\n"
                "You have not signed in to Samspill for %(months)s months. To protect your "
                "privacy, your account and everything in it will be erased on %(date)s.\n\n"
                "Do you want to keep your account? Just sign in before then: %(url)s\n"
                "Nothing else is needed, and this warning then no longer applies.\n\n"
                "Before the account is erased you can download your data under My data."
            ) % {
                "name": user.display_name or user.email,
                "months": periods().inactive_account_months,
                "date": formats.date_format(erase_on, "DATE_FORMAT"),
                "url": f"{settings.SITE_URL.rstrip('/')}{reverse('account_login')}",
            }
            subject = _("Your Samspill account will be erased on %(date)s") % {
                "date": formats.date_format(erase_on, "DATE_FORMAT")
            }
        # No fail_silently: a failure is retried by the task and shown to administrators.
        EmailMessage(subject=f"[Samspill] {subject}", body=body, to=[user.email]).send()
    except Exception:
        services.inactivity_warning_clear(user=user)
        raise
    return True
