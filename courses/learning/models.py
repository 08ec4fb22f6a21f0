"""Courses: pages (index, course, module, lesson) and what learning leaves behind
(enrolments, progress, self-check attempts, completions).

The page tree is the structure editors see:

    /courses/                      CourseIndexPage
      <course>/                    CoursePage      summary, audience, terms, cohorts
        <module>/                  CourseModulePage  a heading over its lessons
          <lesson>/                LessonPage      the shared blocks + self-checks

Progress lives in two tables written in the same transaction as the answer or the
"done" click (services.py): one LessonProgress row per (member, lesson) and one
Enrolment row per (member, course) that carries the summary and the resume point.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from courses.blocks import LessonStreamBlock
from courses.licences import LICENCE_URLS, Licence

__all__ = [
    "Attempt",
    "Cohort",
    "Completion",
    "CourseAudience",
    "CourseIndexPage",
    "CourseModulePage",
    "CoursePage",
    "CredentialKey",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "RegradeLog",
]


class CourseAudience(models.TextChoices):
    TEACHERS = "teachers", _("Teachers")
    PUPILS = "pupils", _("Pupils")
    BOTH = "both", _("Teachers and pupils")


class CourseIndexPage(Page):
    """/courses/: every course, with filters and search."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translated_fields = ("intro",)  # shown in Danish or English (community/l10n.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course list")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_listing(request.user, request.GET))
        return context


class CoursePage(RoutablePageMixin, Page):
    """A course: what it is for, who it is for, and its modules of lessons.

    Teachers listed here see every learner's progress (the teacher view); school
    leaders see their own school's learners. Cohorts give a course start and end
    dates; a course without cohorts is self-paced.
    """

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists.")
    )
    audience = models.CharField(
        _("for whom"), max_length=10, choices=CourseAudience.choices, default=CourseAudience.BOTH
    )
    disciplines = ParentalManyToManyField(
        "courses.Discipline", blank=True, verbose_name=_("disciplines")
    )
    levels = ParentalManyToManyField("courses.Level", blank=True, verbose_name=_("levels"))
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, default=1
    )
    learning_goals = models.TextField(
        _("learning goals"), blank=True, help_text=_("One goal per line.")
    )
    translated_fields = ("summary", "learning_goals", "cover_alt")  # community/l10n.py
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        related_name="+",
        verbose_name=_("courses to take first"),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("cover image text"), max_length=250, blank=True)
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_SA
    )
    author_name = models.CharField(_("author"), max_length=200)
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("issuing school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issuer_name = models.CharField(
        _("issuing organiser"),
        max_length=200,
        blank=True,
        help_text=_("Shown on completion pages when no school issues the course."),
    )
    teachers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="courses_taught",
        verbose_name=_("the course's teachers"),
    )
    discussion_category = models.ForeignKey(
        "forums.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    source_gathering = models.ForeignKey(
        "gatherings.GatheringPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("disciplines"),
                FieldPanel("levels"),
                FieldPanel("estimated_hours"),
                FieldPanel("learning_goals"),
                FieldPanel("prerequisites"),
            ],
            heading=_("Who and what"),
        ),
        FieldRowPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")]),
        MultiFieldPanel(
            [
                FieldPanel("licence"),
                FieldRowPanel([FieldPanel("author_name"), FieldPanel("school")]),
                FieldPanel("issuer_name"),
                FieldPanel("teachers"),
            ],
            heading=_("Licence, author and teachers"),
        ),
        InlinePanel("cohorts", label=_("Cohorts (leave empty for a self-paced course)")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("learning_goals"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CourseModulePage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image.")})

    @property
    def goals(self) -> list[str]:
        return [line.strip() for line in self.learning_goals.splitlines() if line.strip()]

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def issuer(self) -> str:
        return self.school.name if self.school_id else (self.issuer_name or self.author_name)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_detail(request.user, self))
        return context

    def route(self, request, path_components):
        # The page itself routes as a plain page, so the site's route cache
        # (community/home/route_cache.py) remembers it; sub-URLs go to the routes.
        if not path_components and self.live:
            return RouteResult(self)
        return super().route(request, path_components)

    @path("enrol/", name="enrol")
    def enrol_view(self, request):
        from . import views

        return views.enrol(request, self)

    @path("members/", name="enrol_members")
    def enrol_members_view(self, request):
        from . import views

        return views.enrol_members(request, self)

    @path("teach/", name="teach")
    def teach_view(self, request):
        from . import views

        return views.teach(request, self)

    @path("continue/", name="continue")
    def continue_view(self, request):
        from . import views

        return views.resume(request, self)


class Cohort(Orderable):
    """A group that takes a course together between two dates."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("school"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return today <= self.ends_on


class CourseModulePage(Page):
    """A module: a heading over a few lessons. Opening it shows the course outline."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    translated_fields = ("summary",)
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        course = self.get_parent()
        return redirect(f"{course.url}#module-{self.pk}")


class LessonPage(RoutablePageMixin, Page):
    """A lesson: text, media, library resources and self-checks.

    A required lesson counts towards completion. It is done when every self-check in
    it has a passing answer and the learner says it is done (a lesson whose checks
    are all passed is done at once).
    """

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"), blank=True)
    translated_fields = ("summary", "body")
    required = models.BooleanField(_("required for completion"), default=True)
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    exchange_topic = models.ForeignKey(
        "forums.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("discussion topic"),
        help_text=_("Set for lessons made from a gathering's session."),
    )
    source_session = models.ForeignKey(
        "gatherings.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("required"), FieldPanel("minutes")]),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CourseModulePage"]
    subpage_types: list[str] = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def check_blocks(self) -> dict:
        """The lesson's self-checks by block id, in page order."""
        return {block.id: block for block in self.body if block.block_type == "self_check"}

    def serve(self, request, *args, **kwargs):
        from . import views

        if request.method == "GET" and not getattr(request, "is_preview", False):
            denied = views.lesson_access(request, self)
            if denied is not None:
                return denied
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.lesson_detail(request.user, self, request.GET))
        return context

    def route(self, request, path_components):
        # The page itself routes as a plain page, so the site's route cache
        # (community/home/route_cache.py) remembers it; sub-URLs go to the routes.
        if not path_components and self.live:
            return RouteResult(self)
        return super().route(request, path_components)

    @path("check/<str:block_id>/", name="check")
    def check_view(self, request, block_id):
        from . import views

        return views.check(request, self, block_id)

    @path("done/", name="done")
    def done_view(self, request):
        from . import views

        return views.done(request, self)

    @path("position/", name="position")
    def position_view(self, request):
        from . import views

        return views.position(request, self)

    @path("regrade/", name="regrade")
    def regrade_view(self, request):
        from . import views

        return views.regrade(request, self)


class Enrolment(models.Model):
    """A member in a course, and the course-level summary of their progress."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lessons_done = models.PositiveIntegerField(default=0)
    lessons_required = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Continue where you left off: the lesson and scroll position last seen.
    last_lesson = models.ForeignKey(
        LessonPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_position = models.PositiveIntegerField(default=0)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["member", "course"], name="one_enrolment_per_course")
        ]
        indexes = [models.Index(fields=["course", "cohort"])]

    def __str__(self):
        return f"{self.member} – {self.course}"

    @property
    def percent(self) -> int:
        if not self.lessons_required:
            return 0
        return round(100 * min(self.lessons_done, self.lessons_required) / self.lessons_required)


class LessonProgress(models.Model):
    """One row per (member, lesson)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lessons")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    marked_done = models.BooleanField(default=False)
    checks_passed = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "lesson"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["enrolment", "done_at"])]

    def __str__(self):
        return f"{self.member} – {self.lesson_id}"


class Attempt(models.Model):
    """One answer to one self-check. Every attempt is kept; the newest one counts."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="attempts")
    block_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=12)
    answer = models.JSONField(default=dict)
    correct = models.BooleanField(null=True)
    feedback = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    regraded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["lesson", "block_id"]),
            models.Index(fields=["member", "lesson"]),
        ]

    def __str__(self):
        return f"{self.member} – {self.block_id}"

    @property
    def passed(self) -> bool:
        return self.correct is not False


class RegradeLog(models.Model):
    """Who regraded which lesson's self-checks, and what changed."""

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="regrades")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    attempts_changed = models.PositiveIntegerField(default=0)
    completions_gained = models.PositiveIntegerField(default=0)
    completions_lost = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.lesson_id} {self.created_at:%Y-%m-%d}"


def new_completion_token() -> str:
    return secrets.token_urlsafe(24)


class Completion(models.Model):
    """A completed course: the public, verifiable record and its credential.

    The facts are copied at completion time, so the page stays true when the course
    or the member's name changes later. Its number is its index in the revocation
    status list published for Open Badges verifiers.
    """

    # Erasing an account erases its enrolments and with them the public record.
    enrolment = models.OneToOneField(
        Enrolment, null=True, on_delete=models.CASCADE, related_name="completion"
    )
    token = models.CharField(max_length=48, unique=True, default=new_completion_token)
    learner_name = models.CharField(max_length=150)
    course_title = models.CharField(max_length=255)
    course = models.ForeignKey(
        CoursePage, null=True, on_delete=models.SET_NULL, related_name="completions"
    )
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    issuer_name = models.CharField(max_length=200)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.learner_name} – {self.course_title}"


class CredentialKey(models.Model):
    """The site's signing key for Open Badges, made on first use unless
    SAMSPILL_BADGE_KEY_FILE names one (see credentials.py)."""

    private_pem = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"key {self.pk}"
