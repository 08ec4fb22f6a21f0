"""The confirmation mail with its calendar file; sent by a task, never in a request."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import calendar
from .models import Registration, RegistrationStatus


def registration_confirmation(registration_id: int) -> None:
    registration = (
        Registration.objects.select_related("user", "gathering")
        .filter(pk=registration_id, status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None or not registration.user.email:
        return  # cancelled (or erased) before the worker came to it
    user, gathering = registration.user, registration.gathering
    start = timezone.localtime(gathering.start, gathering.zone)
    with translation.override(user.language or "nb"):
        body = _(
            "You are registered for %(title)s (%(mode)s), %(date)s.\n\n"
            "The programme and your registration: %(url)s\n"
            "The attached calendar file adds the gathering to your calendar."
        ) % {
            "title": gathering.title,
            "mode": registration.get_mode_display(),
            "date": start.strftime("%d.%m.%Y %H:%M"),
            "url": f"{settings.SITE_URL.rstrip('/')}{gathering.url}",
        }
        subject = _("Registered: %(title)s") % {"title": gathering.title}
        message = EmailMessage(
            subject=" ".join(f"[Samspill] {subject}".split()), body=body, to=[user.email]
        )
        message.attach(f"{gathering.slug}.ics", calendar.gathering_ics(gathering), "text/calendar")
    # No fail_silently: a failure is retried by the task and shown to administrators.
    message.send()
