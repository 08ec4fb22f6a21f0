from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a member should know about; any app can create one via services.notify."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=40)
    # Written in the recipient's language when created.
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Whether the member's mail preference applies (per event or daily digest), and when
    # it was mailed, so the digest never sends a notification twice.
    mail = models.BooleanField(default=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.title

    @property
    def body_html(self):
        """The body (often a post's Markdown) as sanitised HTML; never shown raw."""
        from .text import render_body

        return render_body(self.body)


class Delivery(models.TextChoices):
    IN_APP = "in_app", _("Only on the site")
    EMAIL = "email", _("An e-mail for each notification")
    DIGEST = "digest", _("One e-mail a day with everything new")


class NotificationPreference(models.Model):
    """How a member wants to hear of notifications beyond the site itself.

    Members without a row get the default: only on the site (no mail until they ask).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("how to notify me"), max_length=10, choices=Delivery.choices, default=Delivery.IN_APP
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {self.get_delivery_display()}"
