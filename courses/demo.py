"""Demo library: 15 resources and 6 tool guides in three languages, with local files."""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from community.schools.models import Municipality

from . import services
from .demo_media import cover_png, melody_wav, score_pdf
from .models import (
    Cost,
    Licence,
    PrivacyStatus,
    ResourceCollection,
    ResourceCollectionItem,
    ResourceIndexPage,
    ResourcePage,
    ToolGuideIndexPage,
    ToolGuidePage,
    ToolPrivacyStatus,
)
from .setup import library_setup
from .snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level, Platform

# After the gatherings (60): a demo course is made from a past gathering.
ORDER = 65

# slug, title, summary, language, disciplines, instruments, levels, ages, licence,
# audience, author, extras (pdf, audio, video, callout), tags
RESOURCES = [
    (
        "varsang-kornett",
        "Vårsang: samspill for nybegynnere på kornett",
        "Enkel tostemt sats med play-along, til de første ukene med kornett.",
        "nb",
        ["music"],
        ["cornet", "trumpet"],
        ["beginner"],
        ["6-9", "10-12"],
        Licence.CC_BY_SA,
        "public",
        "astrid",
        {"pdf", "audio", "callout"},
        ["samspill", "korps"],
    ),
    (
        "rytmelek-5-minutter",
        "Rytmelek: fem minutter oppvarming",
        "Klapp, stamp og ekko i sirkel: en oppvarming som samler gruppa.",
        "nb",
        ["music", "dance"],
        ["drums"],
        ["beginner"],
        ["6-9"],
        Licence.CC_BY,
        "public",
        "kari",
        {"video"},
        ["oppvarming", "gruppe"],
    ),
    (
        "fiolin-forste-time",
        "Første fiolintime: hold og bue",
        "Et undervisningsopplegg for den første timen, med tegninger av holdning.",
        "nb",
        ["music"],
        ["violin"],
        ["beginner"],
        ["6-9"],
        Licence.CC_BY_NC_SA,
        "public",
        "ola",
        {"pdf"},
        ["holdning"],
    ),
    (
        "gitar-akkorder-pop",
        "Fire akkorder, hundre poplåter",
        "Lær G, D, Em og C og spill med på kjente låter. Med lydfil.",
        "nb",
        ["music"],
        ["guitar", "bass-guitar"],
        ["beginner", "intermediate"],
        ["10-12", "13-15"],
        Licence.CC_BY,
        "public",
        "ola",
        {"audio"},
        ["akkorder", "pop"],
    ),
    (
        "hardingfele-slatt",
        "Slått på hardingfele: «Fanitullen» i enkel versjon",
        "Noter og gehørlæring for elever som har spilt i et par år.",
        "nn",
        ["music"],
        ["hardanger-fiddle"],
        ["intermediate"],
        ["13-15", "16-19"],
        Licence.CC_BY_SA,
        "public",
        "astrid",
        {"pdf"},
        ["folkemusikk"],
    ),
    (
        "sangstemme-pust",
        "Pust og støtte for unge sangere",
        "Seks øvelser for pust og støtte, med lydeksempler.",
        "nb",
        ["music"],
        ["voice"],
        ["beginner", "intermediate"],
        ["10-12", "13-15"],
        Licence.CC_BY_ND,
        "public",
        "kari",
        {"audio", "callout"},
        ["sang", "pust"],
    ),
    (
        "fordypning-repertoar-piano",
        "Repertoarliste for fordypningsprogrammet, piano",
        "Forslag til repertoar og progresjon for elever i fordypningsprogram.",
        "nb",
        ["music"],
        ["piano"],
        ["in-depth"],
        ["13-15", "16-19"],
        Licence.ALL_RIGHTS_RESERVED,
        "teachers",
        "jon",
        {"pdf"},
        ["fordypning", "repertoar"],
    ),
    (
        "dans-koreografi-verksted",
        "Koreografiverksted: fra bevegelse til forestilling",
        "Et verksted i fire økter der elevene lager sin egen korte koreografi.",
        "nb",
        ["dance"],
        [],
        ["intermediate"],
        ["10-12", "13-15"],
        Licence.CC_BY_SA,
        "public",
        "lars",
        {"video", "callout"},
        ["koreografi"],
    ),
    (
        "teater-improvisasjon",
        "Improvisasjonsøvelser for teatergruppa",
        "Tolv øvelser for trygghet, lytting og spontanitet på scenen.",
        "nb",
        ["theatre"],
        [],
        ["beginner", "intermediate"],
        ["10-12", "13-15", "16-19"],
        Licence.CC_BY,
        "members",
        "lars",
        set(),
        ["impro"],
    ),
    (
        "billedkunst-farger",
        "Fargesirkelen med akvarell",
        "Elevene blander sin egen fargesirkel og lærer primær- og sekundærfarger.",
        "nb",
        ["visual-art"],
        [],
        ["beginner"],
        ["6-9", "10-12"],
        Licence.CC_BY,
        "public",
        "kari",
        set(),
        ["akvarell", "farger"],
    ),
    (
        "skapende-skriving-sangtekst",
        "Skriv din egen sangtekst",
        "Fra stikkord til refreng: et opplegg i skapende skriving som ender i en sang.",
        "nb",
        ["creative-writing", "music"],
        ["voice"],
        ["intermediate"],
        ["13-15", "16-19"],
        Licence.CC_BY_NC,
        "public",
        "astrid",
        {"callout"},
        ["låtskriving"],
    ),
    (
        "sammenspil-blokfloejte",
        "Sammenspil for begyndere: tre små stykker",
        "Tre korte stykker for blandet besætning, med stemmer i C og B.",
        "da",
        ["music"],
        ["flute", "clarinet", "trumpet"],
        ["beginner"],
        ["6-9", "10-12"],
        Licence.CC_BY_SA,
        "public",
        "mette",
        {"pdf", "audio"},
        ["sammenspil"],
    ),
    (
        "cirkus-jonglering",
        "Jonglering med tre bolde – trin for trin",
        "En progression fra én bold til kaskade, med video og tips til undervisningen.",
        "da",
        ["circus"],
        [],
        ["beginner"],
        ["10-12", "13-15"],
        Licence.CC_BY,
        "public",
        "mette",
        {"video"},
        ["jonglering"],
    ),
    (
        "music-production-beat",
        "Make a beat in one lesson",
        "A lesson plan for making a first beat in a free web app, with a listening task.",
        "en",
        ["music", "media"],
        ["music-production"],
        ["beginner"],
        ["13-15", "16-19"],
        Licence.CC_BY_SA,
        "public",
        "ola",
        {"audio", "callout"},
        ["production", "beats"],
    ),
    (
        "film-mobil-kortfilm",
        "Kortfilm med mobilen: manus, opptak, klipp",
        "Et prosjekt over seks uker der elevene lager en kortfilm i grupper.",
        "nb",
        ["media"],
        [],
        ["intermediate"],
        ["13-15", "16-19"],
        Licence.CC_BY_NC_SA,
        "members",
        "kari",
        {"pdf"},
        ["film", "mobil"],
    ),
]

# slug, title, tool, summary, platforms, cost, audience, author, days since checked, statuses
GUIDES = [
    (
        "musescore",
        "Noteskriving med MuseScore",
        "MuseScore Studio",
        "Skriv og spill av noter, lag stemmer og eksporter PDF.",
        ["windows", "macos"],
        Cost.FREE,
        "public",
        "astrid",
        40,
        {"Bergen": PrivacyStatus.APPROVED, "Lørenskog": PrivacyStatus.APPROVED},
    ),
    (
        "flat-for-education",
        "Flat for Education i klasserommet",
        "Flat for Education",
        "Noteskriving i nettleseren, med oppgaver elevene leverer.",
        ["web", "ipad", "chromebook"],
        Cost.MUNICIPAL,
        "members",
        "kari",
        120,
        {
            "Bergen": PrivacyStatus.APPROVED,
            "Gjøvik": PrivacyStatus.ASSESSING,
            "Lørenskog": PrivacyStatus.NOT_APPROVED,
        },
    ),
    (
        "garageband-ipad",
        "GarageBand på iPad: første låt",
        "GarageBand",
        "Spill inn, lag loops og del en låt – uten konto.",
        ["ipad", "macos"],
        Cost.FREE,
        "public",
        "ola",
        200,
        {"Trondheim": PrivacyStatus.APPROVED},
    ),
    (
        "soundtrap",
        "Soundtrap: samskriving på nett",
        "Soundtrap",
        "Felles innspilling og produksjon i nettleseren.",
        ["web", "chromebook", "android"],
        Cost.FREEMIUM,
        "teachers",
        "kari",
        500,
        {"Bergen": PrivacyStatus.NOT_APPROVED, "Gjøvik": PrivacyStatus.ASSESSING},
    ),
    (
        "tonestemmer",
        "Stemmeapp: stem instrumentet med mobilen",
        "Pano Tuner",
        "En enkel stemmeapp og hvordan elevene bruker den hjemme.",
        ["android", "ipad"],
        Cost.FREE,
        "public",
        "lars",
        30,
        {},
    ),
    (
        "teams-undervisning",
        "Fjernundervisning i Teams med god lyd",
        "Microsoft Teams",
        "Innstillinger for musikkundervisning: original lyd og støyfjerning av.",
        ["web", "windows", "macos", "ipad"],
        Cost.MUNICIPAL,
        "members",
        "jon",
        380,
        {
            "Bergen": PrivacyStatus.APPROVED,
            "Lørenskog": PrivacyStatus.APPROVED,
            "Herning": PrivacyStatus.APPROVED,
        },
    ),
]

BODY_TEXT = {
    "nb": "<h2>Slik bruker du ressursen</h2><p>Start med å gå gjennom materialet sammen med elevene. La dem prøve selv før du viser. Tilpass tempo og lengde etter gruppa.</p><ul><li>Varighet: 20–30 minutter</li><li>Gruppe: 2–12 elever</li></ul>",
    "nn": "<h2>Slik brukar du ressursen</h2><p>Start med å gå gjennom materialet saman med elevane. La dei prøve sjølve før du viser. Tilpass tempo og lengd etter gruppa.</p>",
    "da": "<h2>Sådan bruger du materialet</h2><p>Gennemgå materialet sammen med eleverne, og lad dem prøve selv, før du viser. Tilpas tempo og længde til holdet.</p><ul><li>Varighed: 20–30 minutter</li><li>Hold: 2–12 elever</li></ul>",
    "en": "<h2>How to use it</h2><p>Go through the material with your pupils and let them try before you demonstrate. Adapt the pace and length to the group.</p><ul><li>Duration: 20–30 minutes</li><li>Group: 2–12 pupils</li></ul>",
}
CALLOUT = {
    "nb": "<p>Tips: Ta opp elevene på mobil og lytt sammen – det motiverer mer enn du tror.</p>",
    "nn": "<p>Tips: Ta opp elevane på mobil og lytt saman.</p>",
    "da": "<p>Tip: Optag eleverne på mobilen, og lyt sammen – det motiverer.</p>",
    "en": "<p>Tip: record your pupils on a phone and listen together – it motivates more than you think.</p>",
}
VIDEOS = [
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    "https://vimeo.com/76979871",
]


def _image(title, seed):
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    image = image_model(
        title=title, file=ImageFile(io.BytesIO(cover_png(title, seed)), name=f"demo-{seed}.png")
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _document(title, filename, content):
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing:
        return existing
    document = document_model(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _body(row, n):
    slug, title, _summary, language, *_rest, extras, _tags = row
    body = [("paragraph", BODY_TEXT[language])]
    if "callout" in extras:
        body.append(("callout", {"kind": "tip", "text": CALLOUT[language]}))
    if "pdf" in extras:
        preview = _image(f"{title} – side 1", n + 50)
        body.append(
            (
                "document",
                {
                    "document": _document(f"{title} (PDF)", f"{slug}.pdf", score_pdf(title)),
                    "kind": "score",
                    "title": title,
                    "description": "",
                    "preview_image": preview,
                    "preview_alt": f"Første side av notene til {title}",
                },
            )
        )
    if "audio" in extras:
        body.append(
            (
                "audio",
                {
                    "title": f"Play-along: {title}",
                    "audio": _document(f"{title} (lyd)", f"{slug}.wav", melody_wav()),
                    "transcript": "Melodien spilles to ganger, først sakte, så i tempo.",
                },
            )
        )
    if "video" in extras:
        body.append(
            ("video", {"title": title, "url": VIDEOS[n % 2], "file": None, "transcript": ""})
        )
    return body


def _set_terms(page, mapping):
    for field_name, (model, slugs) in mapping.items():
        getattr(page, field_name).set(list(model.objects.filter(slug__in=slugs)))


def _publish(index, model, slug, fields, terms, tags, statuses=None):
    page = model.objects.filter(slug=slug).first()
    creating = page is None
    if creating:
        page = model(slug=slug, **fields)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    _set_terms(page, terms)
    if statuses is not None:
        page.privacy_statuses = statuses
    if creating:
        index.add_child(instance=page)
    page.tags.set(tags)
    page.save()
    page.save_revision(user=fields.get("owner")).publish()
    return model.objects.get(pk=page.pk)


def seed(context: dict) -> None:
    library_setup()
    users = context["users"]
    schools = context["schools"]
    resource_index = ResourceIndexPage.objects.first()  # path order: the original
    guide_index = ToolGuideIndexPage.objects.first()
    school_of = {
        "astrid": "Bergen", "jon": "Bergen", "kari": "Gjøvik", "ola": "Trondheim",
        "lars": "Lørenskog", "mette": "Herning",
    }  # fmt: skip
    resources = {}
    for n, row in enumerate(RESOURCES):
        (slug, title, summary, language, disciplines, instruments, levels, ages, licence,
         audience, author, _extras, tags) = row  # fmt: skip
        cover = _image(title, n)
        resources[slug] = _publish(
            resource_index,
            ResourcePage,
            slug,
            {
                "title": title,
                "summary": summary,
                "cover_image": cover,
                "cover_alt": f"Illustrasjon med noter: {title}",
                "audience": audience,
                "licence": licence,
                "author_name": users[author].display_name,
                "school": schools[school_of[author]],
                "language": ContentLanguage.objects.get(slug=language),
                "owner": users[author],
                "body": _body(row, n),
            },
            {
                "disciplines": (Discipline, disciplines),
                "instruments": (Instrument, instruments),
                "levels": (Level, levels),
                "age_groups": (AgeGroup, ages),
            },
            tags,
        )
    # An adaptation: Mette's Danish version of Astrid's Vårsang.
    original = resources["varsang-kornett"]
    adaptation = ResourcePage.objects.filter(slug="forarssang-kornet").first()
    if adaptation is None:
        adaptation = services.resource_adapt(resource=original, user=users["mette"])
    adaptation.slug = "forarssang-kornet"
    adaptation.title = "Forårssang: sammenspil for kornet (dansk udgave)"
    adaptation.summary = "Dansk udgave af Vårsang med stemmer tilpasset musikskolens hold."
    adaptation.language = ContentLanguage.objects.get(slug="da")
    adaptation.save()
    adaptation.save_revision(user=users["mette"]).publish()

    municipalities = {m.name: m for m in Municipality.objects.all()}
    today = timezone.localdate()
    for n, (
        slug,
        title,
        tool,
        summary,
        platforms,
        cost,
        audience,
        author,
        age,
        statuses,
    ) in enumerate(GUIDES):
        _publish(
            guide_index,
            ToolGuidePage,
            slug,
            {
                "title": title,
                "summary": summary,
                "tool_name": tool,
                "cost": cost,
                "audience": audience,
                "licence": Licence.CC_BY_SA,
                "author_name": users[author].display_name,
                "school": schools[school_of[author]],
                "language": ContentLanguage.objects.get(slug="nb"),
                "owner": users[author],
                "last_checked": today - timedelta(days=age),
                "tool_version": "2026",
                "accessibility_notes": "Fungerer med tastatur. Skjermleser leser menyene, men ikke notene.",
                "body": [
                    ("paragraph", f"<p>{summary}</p>"),
                    (
                        "step",
                        {
                            "title": "Installer eller åpne verktøyet",
                            "text": "<p>Bruk kommunens PC eller nettbrett. Logg inn med skolekontoen der det trengs.</p>",
                            "screenshot": _image(f"{tool} – skjermbilde", n + 80),
                            "screenshot_alt": f"Startskjermen i {tool}",
                        },
                    ),
                    (
                        "step",
                        {
                            "title": "Lag et nytt prosjekt",
                            "text": "<p>Velg mal og gi prosjektet et navn elevene kjenner igjen.</p>",
                            "screenshot": None,
                            "screenshot_alt": "",
                        },
                    ),
                    (
                        "step",
                        {
                            "title": "Del med elevene",
                            "text": "<p>Del bare det som trengs. Elever under 13 år deler ikke personopplysninger.</p>",
                            "screenshot": None,
                            "screenshot_alt": "",
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "text": "<p>Sjekk personvernstatus i din kommune før elevene tar verktøyet i bruk.</p>",
                        },
                    ),
                ],
            },
            {"platforms": (Platform, platforms), "disciplines": (Discipline, ["music"])},
            ["digitalt"],
            statuses=[
                ToolPrivacyStatus(
                    municipality=municipalities[name],
                    status=status,
                    assessed_on=today - timedelta(days=60 + i * 30),
                    note="Databehandleravtale via kommunen."
                    if status == PrivacyStatus.APPROVED
                    else "",
                )
                for i, (name, status) in enumerate(statuses.items())
                if name in municipalities
            ],
        )

    # A list Astrid shares with her pupils, and a contribution waiting for review.
    astrid = users["astrid"]
    collection, _ = ResourceCollection.objects.get_or_create(
        owner=astrid,
        title="Kornettgruppa vår",
        defaults={"description": "Til elevene på onsdager."},
    )
    for slug in ("varsang-kornett", "rytmelek-5-minutter", "fordypning-repertoar-piano"):
        ResourceCollectionItem.objects.get_or_create(collection=collection, page=resources[slug])
    if not ResourcePage.objects.filter(slug="bodypercussion-kari").exists():
        page = services.resource_submit(
            user=users["kari"],
            data={
                "title": "Bodypercussion i klasserommet",
                "summary": "Rytmer med kroppen som instrument – for hele klassen.",
                "description": "Start med puls i føttene.\n\nLegg så til klapp på 2 og 4.",
                "licence": Licence.CC_BY,
                "audience": "public",
                "language": ContentLanguage.objects.get(slug="nb"),
                "disciplines": list(Discipline.objects.filter(slug__in=["music", "dance"])),
                "levels": list(Level.objects.filter(slug="beginner")),
            },
            send_for_review=True,
        )
        page.slug = "bodypercussion-kari"
        page.save()
    context["logins"] = context.get("logins", [])
    from .learning import demo as learning_demo

    learning_demo.seed(context)
    from .practice import demo as practice_demo

    practice_demo.seed(context)
