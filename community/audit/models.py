"""The audit trail: one row per access to or change of other people's personal data.

Rows name people only by foreign key (SET_NULL), never by a copied name or e-mail, so an
erased member disappears from the trail while the fact of the access stays. Kept for
its retention period (Settings → Retention periods; the daily retention run).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    PARTICIPANTS_VIEWED = "participants-viewed", _("Viewed a participant list")
    PARTICIPANTS_EXPORTED = "participants-exported", _("Exported a participant list (CSV)")
    MEMBERS_VIEWED = "members-viewed", _("Viewed a school's member list")
    CONSENT_GIVEN = "consent-given", _("Recorded a pupil's consent")
    CONSENT_WITHDRAWN = "consent-withdrawn", _("Withdrew a pupil's consent")
    ROLE_CHANGED = "role-changed", _("Changed a role")
    ERASED = "erased", _("Erased an account")
    MODERATION = "moderation", _("Moderation")
    RETENTION_CHANGED = "retention-changed", _("Changed the retention periods")
    PROGRESS_VIEWED = "progress-viewed", _("Viewed learners' course progress")
    RECORDING_VIEWED = "recording-viewed", _("Viewed a pupil's recording")
    PRACTICE_LOG_VIEWED = "practice-log-viewed", _("Viewed a pupil's practice log")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=24, choices=AuditAction.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The school the entry concerns: its leaders see the entry.
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # What was touched, without personal data: "Samspilldag (gathering 12)", "pupil → teacher".
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["school", "-at"], name="audit_school_at")]

    def __str__(self):
        return f"{self.action} by {self.actor_id} at {self.at:%Y-%m-%d %H:%M}"
