"""Invitation mail as a background task (see community/background.py)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from community.background import retrying_task


@retrying_task()
def invitation_mail_send(invitation_id: int) -> None:
    from .models import Invitation

    invitation = (
        Invitation.objects.select_related("school", "created_by")
        .filter(pk=invitation_id, revoked_at__isnull=True)
        .first()
    )
    if invitation is None or not invitation.email:
        return
    # The invitee has no account yet: the mail speaks the inviting leader's language.
    language = getattr(invitation.created_by, "language", "") or settings.LANGUAGE_CODE
    link = settings.SITE_URL.rstrip("/") + reverse("join", args=[invitation.code])
    with translation.override(language):
        subject = _("Invitation to %(school)s on Samspill") % {"school": invitation.school.name}
        body = _(
            "%(name)s has invited you to join %(school)s on Samspill as %(role)s.\n\n"
            "Create your account with this link (valid until %(date)s):\n%(link)s"
        ) % {
            "name": getattr(invitation.created_by, "display_name", "") or invitation.school.name,
            "school": invitation.school.name,
            "role": invitation.get_role_display(),
            "date": invitation.expires_at.strftime("%d.%m.%Y"),
            "link": link,
        }
        EmailMessage(
            subject=" ".join(f"[Samspill] {subject}".split()), body=body, to=[invitation.email]
        ).send()
