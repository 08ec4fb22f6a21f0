"""Gatherings: county experience-sharing gatherings, dialogue conferences, hybrid
leader gatherings and webinars, with programme, registration and breakout groups.

Times are stored in UTC and shown in the gathering's own time zone.
"""

import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .audience import GatheringAudience

RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class Kind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    EXPERIENCE_SHARING = "experience-sharing", _("Experience-sharing gathering")
    DIALOGUE = "dialogue", _("Dialogue conference")
    LEADERS = "leaders", _("Leader gathering")
    WEBINAR = "webinar", _("Webinar")


class Format(models.TextChoices):
    ON_SITE = "on-site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (on site and online)")


class Mode(models.TextChoices):
    ON_SITE = "on-site", _("On site")
    ONLINE = "online", _("Online")


TIME_ZONES = [("Europe/Oslo", "Europe/Oslo"), ("Europe/Copenhagen", "Europe/Copenhagen")]


class GatheringIndexPage(Page):
    """/gatherings/: upcoming and past gatherings, filterable, with a calendar feed."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translated_fields = ("intro",)  # shown in Danish or English (community/l10n.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["gatherings.GatheringPage"]
    max_count = 1
    template = "community/gatherings/gathering_index_page.html"

    class Meta:
        verbose_name = _("gathering list")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.gathering_listing(request.GET))
        return context


class GatheringPage(Page):
    """One gathering. The programme is edited inline; registrations live outside the page."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONES, default="Europe/Oslo"
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    county = models.ForeignKey(
        "schools.County",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("county or region"),
        help_text=_("Empty for a national gathering."),
    )
    organiser_name = models.CharField(_("organised by"), max_length=200)
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_gatherings",
        verbose_name=_("organisers on Samspill"),
        help_text=_("Members with the organiser role who run this gathering."),
    )
    audience = models.CharField(
        _("who may register"),
        max_length=10,
        choices=GatheringAudience.choices,
        default=GatheringAudience.TEACHERS,
        help_text=_(
            "Registration, the stream link and the chat rooms follow this. Pupils take "
            "part only with their school's recorded consent."
        ),
    )
    target_groups = models.CharField(_("for whom"), max_length=300, blank=True)
    price = models.DecimalField(
        _("price (NOK/DKK)"),
        max_digits=8,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Empty means free."),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT)
    prework = RichTextField(
        _("pre-work"),
        blank=True,
        features=RICH_TEXT,
        help_text=_("What participants prepare before the gathering."),
    )
    # Shown in Danish or English from a translated copy (community/l10n.py).
    translated_fields = ("target_groups", "summary", "description", "prework")
    prework_due = models.DateTimeField(_("pre-work due"), null=True, blank=True)
    capacity_on_site = models.PositiveIntegerField(
        _("places on site"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    capacity_online = models.PositiveIntegerField(
        _("places online"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    stream_url = models.URLField(
        _("stream or meeting link"),
        blank=True,
        help_text=_("Shown only to registered online participants."),
    )
    exchange_category_id = models.PositiveIntegerField(null=True, blank=True, editable=False)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("organiser_name"),
        index.SearchField("target_groups"),
        index.FilterField("start"),
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("time_zone")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("county"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser_name"),
                FieldPanel("organisers"),
                FieldPanel("audience"),
                FieldPanel("target_groups"),
                FieldPanel("price"),
            ],
            heading=_("Organiser and audience"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("prework"), FieldPanel("prework_due")], heading=_("Pre-work")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity_on_site"), FieldPanel("capacity_online")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldPanel("stream_url"),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("sessions", label=_("Programme")),
    ]
    parent_page_types = ["gatherings.GatheringIndexPage"]
    subpage_types: list = []
    template = "community/gatherings/gathering_page.html"

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def modes(self) -> list[str]:
        if self.format == Format.HYBRID:
            return [Mode.ON_SITE, Mode.ONLINE]
        return [Mode.ONLINE] if self.format == Format.ONLINE else [Mode.ON_SITE]

    def capacity(self, mode: str) -> int | None:
        return self.capacity_on_site if mode == Mode.ON_SITE else self.capacity_online

    def registration_state(self, now=None) -> str:
        now = now or timezone.now()
        if self.registration_opens and now < self.registration_opens:
            return "not_open"
        if now >= (self.registration_closes or self.start):
            return "closed"
        return "open"

    def is_happening(self, now=None) -> bool:
        now = now or timezone.now()
        return self.start <= now < self.end

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.gathering_detail(self, request.user))
        return context


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    GROUP_WORK = "group-work", _("Group work")
    BREAK = "break", _("Break")


class Session(Orderable):
    gathering = ParentalKey(GatheringPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=SessionKind.choices, default=SessionKind.PLENARY
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One per line: name – role"))
    description = models.TextField(_("description"), blank=True)
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("slides or handout"),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("room"),
        FieldPanel("speakers"),
        FieldPanel("description"),
        FieldPanel("slides"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    gathering = models.ForeignKey(
        GatheringPage, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gathering_registrations"
    )
    mode = models.CharField(_("attendance"), max_length=10, choices=Mode.choices)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # The waiting list is served in this order.
    queued_at = models.DateTimeField(default=timezone.now)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    prework = models.TextField(_("my pre-work"), blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["gathering", "user"], name="one_registration_each")
        ]
        indexes = [models.Index(fields=["gathering", "mode", "status"])]

    def __str__(self):
        return f"{self.user} – {self.gathering}"


class BreakoutGroup(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="breakout_groups")
    name = models.CharField(_("name"), max_length=120)
    notes = models.TextField(_("group notes"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="BreakoutMembership", related_name="breakout_groups"
    )

    class Meta:
        ordering = ["session", "name"]

    def __str__(self):
        return self.name


class BreakoutMembership(models.Model):
    group = models.ForeignKey(BreakoutGroup, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # Repeated from the group so the database can refuse two groups in one session.
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_group_per_session")
        ]

    def __str__(self):
        return f"{self.user_id} in {self.group_id}"


class FollowUp(models.Model):
    """A reminder sent to a breakout group after the gathering (1, 3 or 6 months)."""

    group = models.ForeignKey(BreakoutGroup, on_delete=models.CASCADE, related_name="followups")
    months = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "months"], name="one_followup_each")
        ]

    def __str__(self):
        return f"{self.group} +{self.months}"


class RegistrationTally(models.Model):
    """What is left of a gathering's registrations after their retention period: counts
    per municipality and attendance mode for the organiser's statistics, no person."""

    gathering = models.ForeignKey(GatheringPage, on_delete=models.CASCADE, related_name="tallies")
    # Null: members with no school (organisers from a national body, for instance).
    municipality = models.ForeignKey(
        "schools.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mode = models.CharField(_("attendance"), max_length=10, choices=Mode.choices)
    registered = models.PositiveIntegerField(_("registered"), default=0)
    checked_in = models.PositiveIntegerField(_("checked in"), default=0)

    class Meta:
        verbose_name = _("registration count")
        verbose_name_plural = _("registration counts")
        ordering = ["gathering", "municipality__name", "mode"]

    def __str__(self):
        return f"{self.gathering_id} {self.municipality_id} {self.mode}: {self.registered}"
