"""Recording assignments, takes, time-coded feedback and the practice log.

Who sees what (see access.py): a pupil's takes, log and feedback are for the pupil,
the teachers of the pupil's school and that school's leaders; nothing here is indexed
for search or shown in forums or chat.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def take_upload_to(instance, filename: str) -> str:
    # An unguessable name: the address alone never finds someone else's take, and the
    # media view (courses/files) checks access on every request anyway.
    extension = PurePath(filename).suffix.lower()[:6]
    return f"practice/takes/{uuid.uuid4().hex}{extension}"


class PracticePolicy(models.Model):
    """A school's practice settings: how long takes are kept."""

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="practice_policy"
    )
    retention_days = models.PositiveIntegerField(
        _("keep takes for (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Empty: until the end of the school year after the take (31 July)."),
    )

    class Meta:
        verbose_name = _("practice settings")
        verbose_name_plural = _("practice settings")

    def __str__(self):
        return str(self.school)


class Assignment(models.Model):
    """What a teacher asks one or more pupils to record, optionally as part of a lesson."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="practice_assignments"
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="practice_assignments_given",
    )
    pupils = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="practice_assignments", verbose_name=_("pupils")
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_assignments",
        verbose_name=_("lesson"),
    )
    title = models.CharField(_("title"), max_length=160)
    instructions = models.TextField(_("instructions"), blank=True, max_length=2000)
    tempo = models.PositiveSmallIntegerField(
        _("tempo (bpm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30), MaxValueValidator(240)],
        help_text=_("With a tempo, the recorder can count in four clicks."),
    )
    reference = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("play-along or reference audio"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recording assignment")
        verbose_name_plural = _("recording assignments")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class TakeStatus(models.TextChoices):
    DRAFT = "draft", _("Not handed in")
    WAITING = "waiting", _("Waiting for feedback")
    AGAIN = "again", _("Another take asked for")
    APPROVED = "approved", _("Approved")


class Take(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="takes")
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_takes"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="practice_takes"
    )
    file = models.FileField(upload_to=take_upload_to, max_length=200)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=TakeStatus.choices, default=TakeStatus.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    handed_in_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    delete_after = models.DateField()

    class Meta:
        verbose_name = _("take")
        verbose_name_plural = _("takes")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["school", "status", "handed_in_at"]),
            models.Index(fields=["delete_after"]),
        ]

    def __str__(self):
        return f"{self.assignment} – {self.pupil}"


class TakeComment(models.Model):
    """Feedback at a moment in a take."""

    take = models.ForeignKey(Take, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at_seconds = models.DecimalField(
        _("at (seconds)"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    text = models.TextField(_("comment"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("take comment")
        verbose_name_plural = _("take comments")
        ordering = ["at_seconds", "pk"]

    def __str__(self):
        return f"{self.take} @ {self.at_seconds}"


class PracticeLogEntry(models.Model):
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_log"
    )
    practised_on = models.DateField(_("date"), default=timezone.localdate)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    what = models.CharField(_("what"), max_length=120)
    note = models.CharField(_("note"), max_length=300, blank=True)
    take = models.ForeignKey(
        Take,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recording"),
    )

    class Meta:
        verbose_name = _("practice log entry")
        verbose_name_plural = _("practice log entries")
        ordering = ["-practised_on", "-pk"]

    def __str__(self):
        return f"{self.pupil} {self.practised_on}"
