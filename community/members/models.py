"""Members: the people of Samspill, with as little personal data as we can manage."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


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
