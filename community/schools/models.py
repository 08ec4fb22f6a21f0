"""Counties, municipalities and culture schools, and who belongs to which school."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    DENMARK = "DK", _("Denmark")


class County(models.Model):
    """A Norwegian county (fylke, 2024 division) or a Danish region."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.CharField(_("official number"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("county or region")
        verbose_name_plural = _("counties and regions")
        ordering = ["country", "name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(unique=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    code = models.CharField(_("municipality number"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class School(models.Model):
    """A culture school (kulturskole / musik- og kulturskole)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(unique=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    # Teachers and leaders sign in with Feide or UNI-Login once they have linked it.
    require_federated_login = models.BooleanField(
        _("teachers must sign in with Feide or UNI-Login"), default=False
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def country(self) -> str:
        return self.municipality.county.country


class MembershipRole(models.TextChoices):
    PUPIL = "pupil", _("Pupil")
    TEACHER = "teacher", _("Teacher")
    LEADER = "leader", _("School leader")


class SchoolMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    # A pupil under the consent age may post only after the school records consent.
    consent_recorded_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("school membership")
        verbose_name_plural = _("school memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school")
        ]
        ordering = ["school__name", "role"]

    def __str__(self):
        return f"{self.user} – {self.school} ({self.get_role_display()})"

    @property
    def has_consent(self) -> bool:
        return self.consent_recorded_at is not None


def new_invitation_code() -> str:
    return secrets.token_urlsafe(12)


class Invitation(models.Model):
    """A link or code that lets people join a school in one role."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)
    code = models.CharField(max_length=32, unique=True, default=new_invitation_code)
    email = models.EmailField(
        _("for e-mail address"),
        blank=True,
        help_text=_("Leave empty for a code that several people can use."),
    )
    max_uses = models.PositiveIntegerField(_("how many may use it"), default=1)
    uses = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(_("expires"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.school} – {self.get_role_display()}"

    @property
    def is_usable(self) -> bool:
        return (
            self.revoked_at is None
            and self.uses < self.max_uses
            and self.expires_at > timezone.now()
        )
