"""The rows of ResourceFacetTerm: what facet values a resource has.

Shared by the services that keep the table in step (courses/services.py), the data
migration that first filled it, the rebuild command and the benchmark's seeding, so
the table means the same whoever writes it. Reads (the counts) are in selectors.py.
"""

from django.conf import settings

# facet key -> ResourcePage's many-to-many field
M2M_FIELDS = {
    "discipline": "disciplines",
    "instrument": "instruments",
    "level": "levels",
    "age": "age_groups",
}
# media type (MediaType's values) -> flag; a resource with none of them is "text".
# The listing's filters use it too (selectors.py), so a count and its filter agree.
MEDIA_FLAGS = {
    "score": "has_document",
    "audio": "has_audio",
    "video": "has_video",
    "image": "has_image",
}
TEXT = "text"
BATCH = 2000


def page_rows(page) -> list[tuple[str, str]]:
    """(facet, term) pairs of a resource, read from the instance: on a first save of a
    live page the many-to-many values are still in memory (modelcluster commits them
    after post_save), so they must not be read back from the database."""
    rows = [
        (facet, str(term.pk))
        for facet, field in M2M_FIELDS.items()
        for term in getattr(page, field).all()
    ]
    if page.language_id:
        rows.append(("language", str(page.language_id)))
    rows.append(("licence", page.licence))
    media = [value for value, flag in MEDIA_FLAGS.items() if getattr(page, flag)]
    rows.extend(("media", value) for value in media or [TEXT])
    return rows


def rebuild(apps) -> int:
    """Fill the table from scratch in a few bulk statements; `apps` is Django's registry
    or a migration's historical one. Returns the number of rows written."""
    ResourcePage = apps.get_model("courses", "ResourcePage")
    FacetTerm = apps.get_model("courses", "ResourceFacetTerm")
    FacetTerm.objects.all().delete()
    live = ResourcePage.objects.filter(live=True, locale__language_code=settings.LANGUAGE_CODE)
    audience = dict(live.values_list("pk", "audience"))
    written = 0

    def write(rows):
        nonlocal written
        FacetTerm.objects.bulk_create(
            [
                FacetTerm(resource_id=pk, facet=facet, term=term, audience=audience[pk])
                for pk, facet, term in rows
            ],
            batch_size=BATCH,
        )
        written += len(rows)

    for facet, field in M2M_FIELDS.items():
        through = ResourcePage._meta.get_field(field).remote_field.through
        column = next(
            f.attname
            for f in through._meta.concrete_fields
            if f.is_relation and f.related_model is not ResourcePage
        )
        links = through.objects.filter(resourcepage_id__in=live.values("pk")).values_list(
            "resourcepage_id", column
        )
        write([(pk, facet, str(term)) for pk, term in links.iterator(chunk_size=BATCH)])
    flags = list(MEDIA_FLAGS.values())
    rows = []
    for pk, language, licence, *present in live.values_list(
        "pk", "language_id", "licence", *flags
    ).iterator(chunk_size=BATCH):
        if language:
            rows.append((pk, "language", str(language)))
        rows.append((pk, "licence", licence))
        media = [value for value, on in zip(MEDIA_FLAGS, present, strict=True) if on]
        rows.extend((pk, "media", value) for value in media or [TEXT])
    write(rows)
    return written
