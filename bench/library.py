"""The library at scale: 10,000 resources with taxonomy, seeded in bulk. bench/http.py
measures its listing (the same address again, and a new filter combination every
request so nothing comes from a cache) and a resource page, visitor and member, on the
peers' yardstick; bench/facets.py measures the facet counts in process."""

import json
import random
import sys
import time
import uuid
from contextlib import contextmanager

RESOURCES = 10_000
WORDS = [
    "samspill",
    "rytme",
    "klang",
    "melodi",
    "noter",
    "øving",
    "konsert",
    "ensemble",
    "improvisasjon",
    "gehør",
    "koreografi",
    "scene",
    "farger",
    "skisse",
    "tekst",
    "låt",
    "fortelling",
    "bevegelse",
    "puls",
    "akkord",
]


@contextmanager
def step(name: str):
    """Time a seeding step on stderr: seeding 10,000 resources was once 19 minutes."""
    started = time.perf_counter()
    yield
    print(f"  seed: {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def _measured_page():
    """The measured resource page: text, sheet music, a recording and an image."""
    from tests.factories.courses import make_document, make_image, resource

    return resource(
        title="Vårsang: samspill for kornett",
        slug="varsang",
        disciplines=["music"],
        instruments=["cornet"],
        levels=["beginner"],
        ages=["6-9"],
        language="nb",
        tags=["korps"],
        cover_image=make_image("Vårsang", 1),
        cover_alt="Noter",
        body=[
            ("paragraph", "<h2>Slik bruker du den</h2><p>Start sakte, øk tempoet.</p>"),
            ("document", {"document": make_document("Vårsang"), "kind": "score"}),
            ("audio", {"title": "Play-along", "audio": make_document("Lyd", "wav")}),
            ("image", {"image": make_image("Ensemble", 2), "alt_text": "Ensemble"}),
        ],
    )


def seed():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from community.members.models import User
    from community.schools.models import County, Municipality, School, SchoolMembership
    from courses.models import ResourceIndexPage, ResourcePage
    from courses.snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level

    rng = random.Random(11)
    index = ResourceIndexPage.objects.get()
    content_type = ContentType.objects.get_for_model(ResourcePage)
    locale = Locale.objects.get(language_code="nb")
    now = timezone.now()
    disciplines = list(Discipline.objects.values_list("pk", flat=True))
    levels = list(Level.objects.values_list("pk", flat=True))
    instruments = list(Instrument.objects.values_list("pk", flat=True))
    ages = list(AgeGroup.objects.values_list("pk", flat=True))
    languages = list(ContentLanguage.objects.values_list("pk", flat=True))
    licences = ["cc-by", "cc-by-sa", "cc-by-nc", "cc-by-nc-sa", "cc-by-nd", "all-rights-reserved"]
    with step(f"{RESOURCES} pages, taxonomy links"), transaction.atomic():
        pages = []
        for n in range(1, RESOURCES + 1):
            slug = f"ressurs-{n}"
            title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {n}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(index.path, index.depth + 1, n),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    content_type=content_type,
                    locale=locale,
                    translation_key=uuid.uuid4(),
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        pages = Page.objects.bulk_create(pages, batch_size=500)
        rows = []
        for page in pages:
            summary = " ".join(rng.sample(WORDS, 8)).capitalize() + "."
            body = json.dumps(
                [{"type": "paragraph", "value": f"<p>{summary}</p>", "id": str(uuid.uuid4())}]
            )
            audience = rng.choices(["public", "members", "teachers"], [8, 1, 1])[0]
            rows.append(
                (
                    page.pk,
                    summary,
                    body,
                    audience,
                    rng.choice(licences),
                    "Lærer",
                    rng.choice(languages),
                    rng.random() < 0.4,
                    rng.random() < 0.3,
                    rng.random() < 0.2,
                    rng.random() < 0.5,
                )  # fmt: skip
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO courses_resourcepage (page_ptr_id, summary, body, cover_alt, audience,"
                " licence, author_name, language_id, has_document, has_audio, has_video,"
                " has_image) VALUES (%s, %s, %s, '', %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
        index.numchild = RESOURCES
        index.save(update_fields=["numchild"])
        for field, choices, most in (
            ("disciplines", disciplines, 2),
            ("levels", levels, 2),
            ("instruments", instruments, 2),
            ("age_groups", ages, 2),
        ):
            through = getattr(ResourcePage, field).through
            column = through._meta.get_field(
                field.rstrip("s") if field != "age_groups" else "agegroup"
            ).attname
            links = [
                through(resourcepage_id=page.pk, **{column: term})
                for page in pages
                for term in rng.sample(
                    choices, rng.randint(0 if field == "instruments" else 1, most)
                )
            ]
            through.objects.bulk_create(links, batch_size=2000)
    with step("facet-term table"), transaction.atomic():
        # The pages above bypassed the publish signals that keep the table in step.
        from django.apps import apps

        from courses import facets

        facets.rebuild(apps)
    with step("search index"):
        backend = get_search_backend()
        # The terms and tags each page's index entry reads, fetched per thousand pages
        # rather than per page: 66 s became about 20 s for 10,000 resources on SQLite.
        queryset = ResourcePage.objects.order_by("pk").prefetch_related(
            "tags", "disciplines", "instruments", "levels", "age_groups"
        )
        for start in range(0, RESOURCES, 1000):
            backend.add_bulk(ResourcePage, list(queryset[start : start + 1000]))

    from courses.services import database_statistics_refresh

    with step("planner statistics"):
        database_statistics_refresh(force=True)

    # The measured resource page: text, sheet music, a recording and an image.
    with step("measured page"):
        page = _measured_page()
    county = County.objects.first()
    municipality = Municipality.objects.create(name="Bergen", slug="bergen", county=county)
    school = School.objects.create(
        name="Bergen kulturskole", slug="bergen", municipality=municipality
    )
    teacher = User.objects.create(email="laerer@example.org", display_name="Lærer")
    SchoolMembership.objects.create(user=teacher, school=school, role="teacher")
    return page, teacher
