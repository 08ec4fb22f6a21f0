"""Demo translations: the home page, the index pages, a few resources and the forum
categories in Danish and English, so a Danish member sees Danish on the first `make run`.

Runs after every other demo step. Pages are translated the way editors do it in the
admin (a locale copy of the page, edited and published); see community/l10n.py.
Safe to run again: an existing translation is updated.
"""

from wagtail.models import Locale, Page

ORDER = 900

HOME = {
    "da": {
        "title": "Velkommen til Samspill",
        "intro": (
            "Mødestedet for lærere, elever og ledere i musik- og kulturskolerne: del "
            "undervisningsforløb, tal sammen mellem samlingerne, og følg dem live."
        ),
        "body": (
            "<h2>Hvad er Samspill?</h2><p>Lærere i musik- og kulturskoler arbejder ofte "
            "alene eller mellem flere undervisningssteder. Samspill er stedet, hvor I deler "
            "undervisningsforløb og digitale værktøjer, taler sammen mellem samlingerne og "
            "følger samlingerne live, uanset om I sidder i salen eller er med digitalt.</p>"
        ),
    },
    "en": {
        "title": "Welcome to Samspill",
        "intro": (
            "The meeting place for teachers, pupils and leaders of music and culture "
            "schools: share lesson plans, talk between gatherings and follow them live."
        ),
        "body": (
            "<h2>What is Samspill?</h2><p>Culture-school teachers often work alone or "
            "between several teaching locations. Samspill is where you share lesson plans "
            "and digital tools, talk between gatherings and follow gatherings live, whether "
            "you are in the hall or taking part online.</p>"
        ),
    },
}

# Index pages by slug under the home page.
INDEXES = {
    "resources": {
        "da": ("Ressourcer", "Noder, lydfiler, video og undervisningsforløb fra lærere."),
        "en": ("Resources", "Sheet music, recordings, video and lesson plans from teachers."),
    },
    "guides": {
        "da": ("Digitale værktøjer", "Vejledninger til digitale værktøjer i undervisningen."),
        "en": ("Digital tools", "Guides to digital tools for teaching."),
    },
    "courses": {
        "da": ("Kurser", "Efteruddannelse for lærere og læringsforløb for elever."),
        "en": ("Courses", "Professional development for teachers and learning paths for pupils."),
    },
    "gatherings": {
        "da": ("Samlinger", "Konferencer, erfaringsudvekslinger og webinarer."),
        "en": ("Gatherings", "Conferences, experience-sharing gatherings and webinars."),
    },
}

# A few resources by slug: (title, summary) per language. The rest stay Norwegian,
# which shows the fallback.
RESOURCES = {
    "varsang-kornett": {
        "da": (
            "Forårssang: sammenspil for begyndere på kornet",
            "Enkel tostemmig sats med play-along til de første uger med kornet.",
        ),
        "en": (
            "Spring song: ensemble playing for beginner cornet",
            "A simple two-part arrangement with play-along for the first weeks on cornet.",
        ),
    },
    "rytmelek-5-minutter": {
        "da": ("Rytmeleg på 5 minutter", "Korte rytmelege til starten af timen."),
        "en": ("Five-minute rhythm games", "Short rhythm games to start a lesson."),
    },
}

CATEGORIES = {
    "musikk": ("Musik", "Instrumentalundervisning, sammenspil og orkester.", "Music",
               "Instrumental teaching, ensemble playing and bands."),
    "piano": ("Klaver og tangenter", "Metodik, repertoire og øvning.", "Piano and keyboards",
              "Methods, repertoire and practice."),
    "strykere": ("Strygere", "Violin, bratsch, cello og kontrabas.", "Strings",
                 "Violin, viola, cello and double bass."),
    "dans": ("Dans", "Klassisk, moderne, hiphop og folkedans.", "Dance",
             "Ballet, contemporary, hip hop and folk dance."),
    "teater": ("Teater", "Drama, improvisation og forestillinger.", "Theatre",
               "Drama, improvisation and performances."),
    "visuell-kunst": ("Billedkunst", "Tegning, maling, keramik og foto.", "Visual art",
                      "Drawing, painting, ceramics and photography."),
    "digitale-verktoy": ("Digitale værktøjer", "", "Digital tools", ""),
    "lederforum": ("Lederforum", "", "Leaders' forum", ""),
    "elevhjornet": ("Elevhjørnet", "", "Pupils' corner", ""),
}  # fmt: skip


def translate_page(page, language: str, fields: dict) -> Page:
    """The page's live translation in `language` with these fields, made or updated."""
    locale = Locale.objects.get(language_code=language)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def seed(context: dict) -> None:
    from community import l10n
    from community.home.models import HomePage

    home = l10n.originals(HomePage.objects).first()
    if home is None:
        return
    for language, fields in HOME.items():
        translate_page(home, language, fields)
    for slug, languages in INDEXES.items():
        index = Page.objects.child_of(home).filter(slug=slug).specific().first()
        if index is None:
            continue
        for language, (title, intro) in languages.items():
            translate_page(index, language, {"title": title, "intro": intro})
    _resources()
    _categories()


def _resources() -> None:
    from community import l10n
    from courses.models import ResourcePage

    for slug, languages in RESOURCES.items():
        page = l10n.originals(ResourcePage.objects.filter(slug=slug)).first()
        if page is None:
            continue
        for language, (title, summary) in languages.items():
            translate_page(page, language, {"title": title, "summary": summary})


def _categories() -> None:
    from forums.models import Category

    for slug, (title_da, description_da, title_en, description_en) in CATEGORIES.items():
        Category.objects.filter(slug=slug).update(
            title_da=title_da,
            description_da=description_da,
            title_en=title_en,
            description_en=description_en,
        )
