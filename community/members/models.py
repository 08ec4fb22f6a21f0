"""Members: the people of Samspill, with as little personal data as we can manage."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class AgeBand(models.TextChoices):
    """Only whether a pupil is under the digital-consent age: never a birth date."""

    UNDER_CONSENT_AGE = "under", _("Under the digital consent age")
    OVER_CONSENT_AGE = "over", _("At or over the digital consent age")


class User(AbstractUser):
    """A member, who logs in with an e-mail address.

    Data minimisation: we keep a display name, a language and (for pupils) an
    age band. `first_name`/`last_name` stay blank; they exist only because
    Wagtail's admin user forms expect them.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("The name other members see, for example 'Astrid H.'"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    # Set when the inactivity warning was mailed; signing in clears it (retention).
    inactivity_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email

    @property
    def is_minor_pupil(self) -> bool:
        return self.age_band == AgeBand.UNDER_CONSENT_AGE


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class DataExport(models.Model):
    """A member's data archive, built in the background and downloadable until it expires.

    The file lives in the private storage (never under MEDIA_URL) and is served only to
    its member by `members:data_archive_download`; expired archives are deleted by
    `manage.py retention`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("being built")
        READY = "ready", _("ready")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("data archive")
        verbose_name_plural = _("data archives")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"

    def is_expired(self) -> bool:
        from django.utils import timezone

        return not self.file or (self.expires_at is not None and self.expires_at <= timezone.now())


# The environment's values are the starting point; once the row exists (at the first
# read), the administrator's values apply. Module-level functions so migrations can name them.
def default_chat_days():
    return settings.SAMSPILL_CHAT_RETENTION_DAYS


def default_notification_days():
    return settings.SAMSPILL_NOTIFICATION_RETENTION_DAYS


def default_audit_days():
    return settings.SAMSPILL_AUDIT_RETENTION_DAYS


def default_export_days():
    return settings.SAMSPILL_EXPORT_EXPIRY_DAYS


def default_registration_days():
    return settings.SAMSPILL_REGISTRATION_RETENTION_DAYS


def default_inactive_months():
    return settings.SAMSPILL_INACTIVE_ACCOUNT_MONTHS


def default_inactive_grace_days():
    return settings.SAMSPILL_INACTIVE_GRACE_DAYS


def _days(label, default, *, most=3650, help_text=""):
    return models.PositiveIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(most)],
        help_text=help_text,
    )


@register_setting(icon="time", order=800)
class RetentionSettings(BaseGenericSetting):
    """How long each kind of personal data is kept (Settings → Retention periods).

    Only administrators may change it (no group is given `change_retentionsettings`);
    every change is audited. The privacy notice and the approval pack show these values,
    and `community.members.retention` enforces them daily.
    """

    chat_message_days = _days(_("chat messages (days)"), default_chat_days)
    registration_days = _days(
        _("registrations after a gathering has ended (days)"),
        default_registration_days,
        help_text=_(
            "Then registrations, check-ins, pre-work and breakout groups' members are "
            "deleted; only counts per municipality and attendance mode are kept."
        ),
    )
    notification_days = _days(_("notifications (days)"), default_notification_days)
    practice_recording_days = models.PositiveIntegerField(
        _("practice recordings (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Empty: until the end of the school year of the take (31 July). A school's "
            "own practice setting comes first."
        ),
    )
    audit_days = _days(_("audit trail (days)"), default_audit_days)
    export_archive_days = _days(
        _("data archives: download link valid for (days)"), default_export_days, most=90
    )
    inactive_account_months = _days(
        _("inactive accounts: months without signing in"),
        default_inactive_months,
        most=120,
        help_text=_("Then the member is mailed a warning; signing in keeps the account."),
    )
    inactive_grace_days = _days(
        _("inactive accounts: days after the warning before erasure"),
        default_inactive_grace_days,
        most=365,
    )

    class Meta:
        verbose_name = _("retention periods")
        verbose_name_plural = _("retention periods")

    def as_dict(self) -> dict:
        return {field: getattr(self, field) for field in RETENTION_FIELDS}


RETENTION_FIELDS = (
    "chat_message_days",
    "registration_days",
    "notification_days",
    "practice_recording_days",
    "audit_days",
    "export_archive_days",
    "inactive_account_months",
    "inactive_grace_days",
)
