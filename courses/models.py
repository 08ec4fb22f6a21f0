"""Library pages: teaching resources and digital-tool guides, and members' resource lists."""

import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .audience import Audience
from .blocks import LibraryStreamBlock
from .licences import ADAPTABLE_LICENCES, LICENCE_URLS, SHARE_ALIKE, Licence  # noqa: F401
from .snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level, Platform

OUTDATED_AFTER = timedelta(days=365)


class MediaType(models.TextChoices):
    SCORE = "score", _("Sheet music and documents")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")
    IMAGE = "image", _("Images")
    TEXT = "text", _("Text only")


class ResourceIndexPage(Page):
    """/resources/: every teaching resource, with filters, search and sorting."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translated_fields = ("intro",)  # shown in Danish or English (community/l10n.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.ResourcePage"]
    max_count = 1
    template = "courses/resource_index_page.html"

    class Meta:
        verbose_name = _("resource library")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.resource_listing(request.user, request.GET))
        return context


class ToolGuideIndexPage(Page):
    """/guides/: guides to digital tools, with each tool's privacy status."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    translated_fields = ("intro",)  # shown in Danish or English (community/l10n.py)
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.ToolGuidePage"]
    max_count = 1
    template = "courses/tool_guide_index_page.html"

    class Meta:
        verbose_name = _("tool guide list")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.guide_listing(request.user, request.GET))
        return context


class LibraryPage(Page):
    """What resources and tool guides share: summary, body, audience, licence, attribution."""

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("cover image text"),
        max_length=250,
        blank=True,
        help_text=_("What the cover image shows. Required with a cover image."),
    )
    body = StreamField(LibraryStreamBlock(), verbose_name=_("content"), blank=True)
    translated_fields = ("summary", "cover_alt", "body")  # community/l10n.py
    audience = models.CharField(
        _("who may see it"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_SA
    )
    author_name = models.CharField(
        _("author"), max_length=200, help_text=_("The name shown in the attribution.")
    )
    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.ForeignKey(
        ContentLanguage,
        verbose_name=_("content language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disciplines = ParentalManyToManyField(Discipline, blank=True, verbose_name=_("disciplines"))

    # The audience a new page of this type starts with.
    default_audience = Audience.PUBLIC

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.SearchField("author_name"),
        index.FilterField("audience"),
        index.FilterField("licence"),
        index.FilterField("language"),
    ]
    attribution_panels = [
        FieldPanel("audience"),
        FieldPanel("licence"),
        FieldRowPanel([FieldPanel("author_name"), FieldPanel("school")]),
    ]

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.pk and "audience" not in kwargs:
            self.audience = self.default_audience

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image.")})

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    def block_types(self) -> set[str]:
        return {block.block_type for block in self.body}


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePage(LibraryPage):
    """A teaching resource: sheet music, recordings, video, lesson plans and ideas."""

    instruments = ParentalManyToManyField(Instrument, blank=True, verbose_name=_("instruments"))
    levels = ParentalManyToManyField(Level, blank=True, verbose_name=_("levels"))
    age_groups = ParentalManyToManyField(AgeGroup, blank=True, verbose_name=_("age groups"))
    tags = ClusterTaggableManager(
        through=ResourcePageTag, blank=True, verbose_name=_("tags"), related_name="resources"
    )
    adapted_from = models.ForeignKey(
        "self",
        verbose_name=_("adapted from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
    )
    # Worked out from the content on save, for the "media type" filter.
    has_document = models.BooleanField(default=False, editable=False)
    has_audio = models.BooleanField(default=False, editable=False)
    has_video = models.BooleanField(default=False, editable=False)
    has_image = models.BooleanField(default=False, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Cover image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("disciplines", widget=forms.CheckboxSelectMultiple),
                FieldPanel("instruments"),
                FieldPanel("levels", widget=forms.CheckboxSelectMultiple),
                FieldPanel("age_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("language"),
                FieldPanel("tags"),
            ],
            heading=_("Taxonomy"),
        ),
        MultiFieldPanel(LibraryPage.attribution_panels, heading=_("Audience and licence")),
    ]
    search_fields = [
        *LibraryPage.search_fields,
        index.RelatedFields("tags", [index.SearchField("name")]),
        # Term names in all three languages: "guitar" finds a resource tagged Gitar.
        *(
            index.RelatedFields(
                terms, [index.SearchField(f"name_{code}") for code in ("nb", "da", "en")]
            )
            for terms in ("disciplines", "instruments", "levels", "age_groups")
        ),
        index.FilterField("has_document"),
        index.FilterField("has_audio"),
        index.FilterField("has_video"),
        index.FilterField("has_image"),
    ]
    parent_page_types = ["courses.ResourceIndexPage"]
    subpage_types: list[str] = []
    template = "courses/resource_page.html"

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self):
        super().clean()
        original = self.adapted_from
        if original and original.licence in SHARE_ALIKE and self.licence != original.licence:
            raise ValidationError(
                {
                    "licence": _(
                        "This is an adaptation of a ShareAlike work: it must keep the licence %(licence)s."
                    )
                    % {"licence": original.get_licence_display()}
                }
            )

    def save(self, *args, **kwargs):
        kinds = self.block_types()
        self.has_document = "document" in kinds
        self.has_audio = "audio" in kinds
        self.has_video = "video" in kinds
        self.has_image = "image" in kinds or bool(self.cover_image_id)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "has_document",
                "has_audio",
                "has_video",
                "has_image",
            }
        return super().save(*args, **kwargs)

    def media_types(self) -> list[str]:
        types = [
            (self.has_document, MediaType.SCORE),
            (self.has_audio, MediaType.AUDIO),
            (self.has_video, MediaType.VIDEO),
            (self.has_image, MediaType.IMAGE),
        ]
        found = [media_type for present, media_type in types if present]
        return found or [MediaType.TEXT]

    def media_type_labels(self) -> list[str]:
        return [MediaType(value).label for value in self.media_types()]

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(
            selectors.resource_page_context(
                request.user, self, preview=getattr(request, "is_preview", False)
            )
        )
        return context


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    FREEMIUM = "freemium", _("Free with paid extras")
    PAID = "paid", _("Paid")
    MUNICIPAL = "municipal", _("Licence through the municipality")


class PrivacyStatus(models.TextChoices):
    APPROVED = "approved", _("Approved, with a data-processing agreement")
    ASSESSING = "assessing", _("Under assessment")
    NOT_APPROVED = "not-approved", _("Not approved")
    UNKNOWN = "unknown", _("Unknown")


class ToolGuidePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.ToolGuidePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ToolGuidePage(LibraryPage):
    """How to use a digital tool in teaching, and whether the municipality allows it."""

    tool_name = models.CharField(_("tool"), max_length=120)
    tool_url = models.URLField(_("tool's website"), blank=True)
    platforms = ParentalManyToManyField(Platform, blank=True, verbose_name=_("platforms"))
    cost = models.CharField(_("cost"), max_length=12, choices=Cost.choices, default=Cost.FREE)
    cost_note = models.CharField(_("about the cost"), max_length=200, blank=True)
    accessibility_notes = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Screen readers, keyboard use, captions, colour contrast, dyslexia support."),
    )
    tool_version = models.CharField(_("version checked"), max_length=60, blank=True)
    last_checked = models.DateField(
        _("last checked"),
        default=timezone.localdate,
        help_text=_("When the guide was last checked against the tool's current version."),
    )
    tags = ClusterTaggableManager(
        through=ToolGuidePageTag, blank=True, verbose_name=_("tags"), related_name="guides"
    )

    default_audience = Audience.MEMBERS
    translated_fields = (*LibraryPage.translated_fields, "cost_note", "accessibility_notes")
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("tool_name"),
                FieldPanel("tool_url"),
                FieldPanel("platforms", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_note")]),
                FieldRowPanel([FieldPanel("tool_version"), FieldPanel("last_checked")]),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("The tool"),
        ),
        InlinePanel(
            "privacy_statuses", heading=_("Privacy status per municipality"), label=_("Status")
        ),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Cover image")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("disciplines", widget=forms.CheckboxSelectMultiple),
                FieldPanel("language"),
                FieldPanel("tags"),
            ],
            heading=_("Taxonomy"),
        ),
        MultiFieldPanel(LibraryPage.attribution_panels, heading=_("Audience and licence")),
    ]
    search_fields = [
        *LibraryPage.search_fields,
        index.SearchField("tool_name", boost=2),
        index.SearchField("accessibility_notes"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("cost"),
    ]
    parent_page_types = ["courses.ToolGuideIndexPage"]
    subpage_types: list[str] = []
    template = "courses/tool_guide_page.html"

    class Meta:
        verbose_name = _("tool guide")
        verbose_name_plural = _("tool guides")

    @property
    def is_outdated(self) -> bool:
        return bool(self.last_checked) and timezone.localdate() - self.last_checked > OUTDATED_AFTER

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.guide_page_context(request.user, self))
        return context


class ToolPrivacyStatus(Orderable):
    """A municipality's verdict on a tool (data-processing agreement, risk assessment)."""

    page = ParentalKey(ToolGuidePage, on_delete=models.CASCADE, related_name="privacy_statuses")
    municipality = models.ForeignKey(
        "schools.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=14, choices=PrivacyStatus.choices, default=PrivacyStatus.UNKNOWN
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [
        FieldPanel("municipality"),
        FieldPanel("status"),
        FieldPanel("assessed_on"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("privacy status")
        verbose_name_plural = _("privacy statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "municipality"], name="one_status_per_municipality"
            )
        ]


def new_share_token() -> str:
    return secrets.token_urlsafe(12)


class ResourceCollection(models.Model):
    """A teacher's named list of resources, shareable by link (e.g. with pupils)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_collections"
    )
    title = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    share_token = models.CharField(max_length=32, unique=True, default=new_share_token)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resource list")
        verbose_name_plural = _("resource lists")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "title"],
                name="unique_list_name_per_owner",
                violation_error_message=_("You already have a list with this name."),
            )
        ]

    def __str__(self):
        return self.title


class ResourceCollectionItem(models.Model):
    collection = models.ForeignKey(
        ResourceCollection, on_delete=models.CASCADE, related_name="items"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "page"], name="page_once_per_list")
        ]

    def __str__(self):
        return f"{self.collection}: {self.page_id}"


class LibraryState(models.Model):
    """One row whose counter goes up whenever what the listings show may have changed.

    Cached listings are keyed by it. It lives in the database, not the cache, so every
    Daphne process sees a change at once whatever cache backend it has.
    """

    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("library state")

    def __str__(self):
        return f"library version {self.version}"


class ResourceFacetTerm(models.Model):
    """One row per live (original-language) resource and facet value: the facet counts'
    own table, so all seven counts come from one grouped query instead of seven scans
    over pages and their many-to-many tables (courses/facets.py).

    Derived data, kept in step by courses/signals.py on publish, unpublish, move, delete
    and term deletion; `manage.py library_facets_rebuild` fills it from scratch. Terms
    are stored by id (so renaming a term's slug changes nothing here), licences and
    media types by value. The audience is copied in so a tier filter needs no join.
    """

    resource = models.ForeignKey(
        ResourcePage, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    facet = models.CharField(max_length=12)
    term = models.CharField(max_length=20)
    audience = models.CharField(max_length=10, choices=Audience.choices)

    class Meta:
        constraints = [
            # Also the index by resource: its first column serves deletes per resource.
            models.UniqueConstraint(
                fields=["resource", "facet", "term"], name="one_facet_term_per_resource"
            )
        ]
        indexes = [models.Index(fields=["facet", "term", "resource"], name="facet_term_resource")]

    def __str__(self):
        return f"{self.resource_id}: {self.facet}={self.term}"


class FileUse(models.Model):
    """A page's use of an image or a document, in its live content or in a saved revision.

    Files are sent only to someone who may see a page that uses them (courses/files/).
    Wagtail's reference index knows only a page row's content (and may be filled by a
    background task); drafts and older revisions must count too, or a document added to a
    teachers-only draft would look unattached.
    """

    class Kind(models.TextChoices):
        IMAGE = "image", _("image")
        DOCUMENT = "document", _("document")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    live = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("file use")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "object_id", "live"], name="unique_file_use"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="file_use_object")]

    def __str__(self):
        return f"{self.kind} {self.object_id} on page {self.page_id}"


# Learning (courses, lessons, progress) lives in its own module of the same app.
from .learning.models import *  # noqa: E402, F403
from .practice.models import *  # noqa: E402, F403
