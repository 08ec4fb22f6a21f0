"""The library's taxonomy: snippets editors manage under Snippets in the admin.

Each term has a stable slug (used in shareable filter URLs such as
``/resources/?discipline=music&level=beginner``) and a name in each UI language,
so a Danish teacher filters by "Begynder" and a Norwegian one by "Nybegynner".
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Term(index.Indexed, models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_nb = models.CharField(_("name (Norwegian Bokmål)"), max_length=80)
    name_da = models.CharField(_("name (Danish)"), max_length=80, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name_nb"),
        FieldPanel("name_da"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name_nb"),
        index.SearchField("name_da"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_nb"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_nb"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        language = (get_language() or "nb")[:2]
        return getattr(self, f"name_{language}", "") or self.name_nb


class Discipline(Term):
    class Meta(Term.Meta):
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")


class InstrumentFamily(models.TextChoices):
    KEYBOARD = "keyboard", _("Keyboard")
    STRINGS = "strings", _("Strings")
    PLUCKED = "plucked", _("Guitar and plucked strings")
    WOODWIND = "woodwind", _("Woodwind")
    BRASS = "brass", _("Brass")
    PERCUSSION = "percussion", _("Percussion")
    VOICE = "voice", _("Voice")
    ELECTRONIC = "electronic", _("Electronic and production")
    FOLK = "folk", _("Folk instruments")


class Instrument(Term):
    family = models.CharField(_("family"), max_length=20, choices=InstrumentFamily.choices)

    panels = [*Term.panels, FieldPanel("family")]

    class Meta(Term.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["family", "sort_order", "name_nb"]


class Level(Term):
    class Meta(Term.Meta):
        verbose_name = _("level")
        verbose_name_plural = _("levels")


class AgeGroup(Term):
    class Meta(Term.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")


class ContentLanguage(Term):
    code = models.CharField(
        _("language code"), max_length=10, help_text=_("For example nb, nn, da, sv, en, se.")
    )

    panels = [*Term.panels, FieldPanel("code")]

    class Meta(Term.Meta):
        verbose_name = _("content language")
        verbose_name_plural = _("content languages")


class Platform(Term):
    """Where a digital tool runs (web, Windows, macOS, iPad, Chromebook, Android)."""

    class Meta(Term.Meta):
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")


# The initial terms: created on migrate (see courses/setup.py), editable afterwards.
# (slug, nb, da, en[, extra])
DISCIPLINES = [
    ("music", "Musikk", "Musik", "Music"),
    ("dance", "Dans", "Dans", "Dance"),
    ("theatre", "Teater", "Teater", "Theatre"),
    ("visual-art", "Visuell kunst", "Billedkunst", "Visual art"),
    ("creative-writing", "Skapende skriving", "Kreativ skrivning", "Creative writing"),
    ("media", "Film og medier", "Film og medier", "Media"),
    ("circus", "Sirkus", "Cirkus", "Circus"),
]
LEVELS = [
    ("beginner", "Nybegynner", "Begynder", "Beginner"),
    ("intermediate", "Viderekommen", "Øvet", "Intermediate"),
    ("advanced", "Avansert", "Avanceret", "Advanced"),
    ("in-depth", "Fordypningsprogram", "Talentlinje", "In-depth programme"),
]
AGE_GROUPS = [
    ("6-9", "6–9 år", "6–9 år", "Ages 6–9"),
    ("10-12", "10–12 år", "10–12 år", "Ages 10–12"),
    ("13-15", "13–15 år", "13–15 år", "Ages 13–15"),
    ("16-19", "16–19 år", "16–19 år", "Ages 16–19"),
    ("adults", "Voksne", "Voksne", "Adults"),
]
LANGUAGES = [
    ("nb", "Norsk bokmål", "Norsk (bokmål)", "Norwegian Bokmål", "nb"),
    ("nn", "Norsk nynorsk", "Norsk (nynorsk)", "Norwegian Nynorsk", "nn"),
    ("da", "Dansk", "Dansk", "Danish", "da"),
    ("sv", "Svensk", "Svensk", "Swedish", "sv"),
    ("en", "Engelsk", "Engelsk", "English", "en"),
]
INSTRUMENTS = [
    ("piano", "Piano", "Klaver", "Piano", "keyboard"),
    ("keyboard", "Keyboard", "Keyboard", "Keyboard", "keyboard"),
    ("violin", "Fiolin", "Violin", "Violin", "strings"),
    ("cello", "Cello", "Cello", "Cello", "strings"),
    ("guitar", "Gitar", "Guitar", "Guitar", "plucked"),
    ("bass-guitar", "Bassgitar", "Elbas", "Bass guitar", "plucked"),
    ("flute", "Fløyte", "Fløjte", "Flute", "woodwind"),
    ("clarinet", "Klarinett", "Klarinet", "Clarinet", "woodwind"),
    ("trumpet", "Trompet", "Trompet", "Trumpet", "brass"),
    ("cornet", "Kornett", "Kornet", "Cornet", "brass"),
    ("drums", "Trommer", "Trommer", "Drums", "percussion"),
    ("voice", "Sang", "Sang", "Voice", "voice"),
    ("music-production", "Musikkproduksjon", "Musikproduktion", "Music production", "electronic"),
    ("hardanger-fiddle", "Hardingfele", "Hardangerfele", "Hardanger fiddle", "folk"),
]
PLATFORMS = [
    ("web", "Nettleser", "Browser", "Web"),
    ("windows", "Windows", "Windows", "Windows"),
    ("macos", "macOS", "macOS", "macOS"),
    ("ipad", "iPad", "iPad", "iPad"),
    ("chromebook", "Chromebook", "Chromebook", "Chromebook"),
    ("android", "Android", "Android", "Android"),
]
