"""The facet-term table and the counts drawn from it (courses/facets.py, selectors.py).

Cases: the counts equal a plain Python count over random libraries, audiences and
filter combinations (each facet counts within the other facets' filters); publish,
a new revision, unpublish, move, delete, a deleted term and a translation's copy keep
the table in step; the rebuild command writes the same rows the signals do; a new
filter combination costs the same number of queries whatever the number of facets
and filters; another page or sort of the same filters reuses the counts.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from courses import facets
from courses.models import ResourceFacetTerm, ResourcePage
from courses.selectors import RESOURCE_FACETS, resource_listing
from courses.snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level
from tests.factories.courses import ResourcePageFactory, resource, resource_index

pytestmark = pytest.mark.django_db

TERMS = {
    "discipline": (Discipline, "disciplines"),
    "instrument": (Instrument, "instruments"),
    "level": (Level, "levels"),
    "age": (AgeGroup, "age_groups"),
}
LICENCES = ["cc-by", "cc-by-sa", "all-rights-reserved"]
MEDIA = ["score", "audio", "video", "image"]


def _rows(page) -> set[tuple[str, str]]:
    return set(ResourceFacetTerm.objects.filter(resource_id=page.pk).values_list("facet", "term"))


def _slugs(model, n=3) -> list[str]:
    return list(model.objects.order_by("pk").values_list("slug", flat=True)[:n])


def _library_spec(vocab):
    one = st.fixed_dictionaries(
        {
            **{key: st.sets(st.sampled_from(vocab[key]), max_size=2) for key in TERMS},
            "language": st.sampled_from([*vocab["language"], ""]),
            "licence": st.sampled_from(LICENCES),
            "media": st.sets(st.sampled_from(MEDIA), max_size=2),
            "audience": st.sampled_from(["public", "members", "teachers"]),
        }
    )
    return st.lists(one, min_size=1, max_size=6)


def _filters_spec(vocab):
    values = {
        **{key: vocab[key] for key in TERMS},
        "language": vocab["language"],
        "licence": LICENCES,
        "media": [*MEDIA, "text"],
    }
    return st.fixed_dictionaries(
        {},
        optional={
            key: st.sets(st.sampled_from(v), min_size=1, max_size=2) for key, v in values.items()
        },
    )


def _make(spec):
    """A live resource made with add_child (no publish), its media flags then set as
    its content would (an empty body has none), and its rows rewritten."""
    from courses.services import resource_facets_sync

    page = ResourcePageFactory.build(licence=spec["licence"], audience=spec["audience"])
    for key, (model, field) in TERMS.items():
        getattr(page, field).set(model.objects.filter(slug__in=spec[key]))
    if spec["language"]:
        page.language = ContentLanguage.objects.get(slug=spec["language"])
    resource_index().add_child(instance=page)
    flags = {flag: value in spec["media"] for value, flag in facets.MEDIA_FLAGS.items()}
    ResourcePage.objects.filter(pk=page.pk).update(**flags)
    page.refresh_from_db()
    resource_facets_sync(page=page)
    return page


def _values(spec) -> dict[str, set[str]]:
    return {
        **{key: set(spec[key]) for key in TERMS},
        "language": {spec["language"]} - {""},
        "licence": {spec["licence"]},
        "media": set(spec["media"]) or {"text"},
    }


def _expected(library, filters, audiences) -> dict[str, dict[str, int]]:
    """A straightforward count: a value of facet f counts a resource that has it and
    passes every other facet's filter."""
    counts = {key: {} for key, _label in RESOURCE_FACETS}
    for spec in library:
        if spec["audience"] not in audiences:
            continue
        values = _values(spec)
        for key in counts:
            if all(values[j] & chosen for j, chosen in filters.items() if j != key):
                for value in values[key]:
                    counts[key][value] = counts[key].get(value, 0) + 1
    return counts


def _shown(listing) -> dict[str, dict[str, int]]:
    return {
        facet.key: {option.value: option.count for option in facet.options if option.count}
        for facet in listing["facets"]
    }


@pytest.fixture
def vocab():
    return {
        "discipline": _slugs(Discipline),
        "instrument": _slugs(Instrument),
        "level": _slugs(Level),
        "age": _slugs(AgeGroup),
        "language": _slugs(ContentLanguage, 2),
    }


def test_counts_match_a_plain_count_on_random_libraries(vocab, admin_user):
    # No shrinking: every example writes pages, and shrinking a failure took minutes;
    # the drawn library and filters are printed either way.
    @hypothesis_settings(
        max_examples=15,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(data):
        library = data.draw(_library_spec(vocab))
        with transaction.atomic():
            for spec in library:
                _make(spec)
            for user, audiences in (
                (AnonymousUser(), {"public"}),
                (admin_user, {"public", "members", "teachers"}),
            ):
                filters = data.draw(_filters_spec(vocab))
                cache.clear()
                params = QueryDict(mutable=True)
                for key, chosen in filters.items():
                    params.setlist(key, sorted(chosen))
                listing = resource_listing(user, params)
                expected = _expected(library, filters, audiences)
                assert _shown(listing) == expected, filters
                passing = [
                    spec
                    for spec in library
                    if spec["audience"] in audiences
                    and all(_values(spec)[key] & chosen for key, chosen in filters.items())
                ]
                assert listing["total"] == len(passing), filters
            transaction.set_rollback(True)

    check()


def test_publish_revision_unpublish_move_delete_and_term_deletion_keep_the_table(
    client, admin_user
):
    page = resource(
        title="Vårsang",
        disciplines=["music"],
        instruments=["cornet"],
        levels=["beginner"],
        language="nb",
        licence="cc-by",
        audience="members",
    )
    music, cornet = Discipline.objects.get(slug="music"), Instrument.objects.get(slug="cornet")
    beginner, nb = Level.objects.get(slug="beginner"), ContentLanguage.objects.get(slug="nb")
    assert _rows(page) == {
        ("discipline", str(music.pk)),
        ("instrument", str(cornet.pk)),
        ("level", str(beginner.pk)),
        ("language", str(nb.pk)),
        ("licence", "cc-by"),
        ("media", "text"),
    }
    assert set(ResourceFacetTerm.objects.values_list("audience", flat=True)) == {"members"}

    # A new revision with other terms and licence replaces the rows.
    dance = Discipline.objects.get(slug="dance")
    page.disciplines.set([dance])
    page.instruments.set([])
    page.licence = "cc-by-sa"
    page.audience = "teachers"
    page.save_revision().publish()
    assert _rows(page) == {
        ("discipline", str(dance.pk)),
        ("level", str(beginner.pk)),
        ("language", str(nb.pk)),
        ("licence", "cc-by-sa"),
        ("media", "text"),
    }
    assert set(ResourceFacetTerm.objects.values_list("audience", flat=True)) == {"teachers"}

    # A term deleted in the snippets admin leaves the counts.
    beginner.delete()
    assert ("level", str(beginner.pk)) not in _rows(page)

    page.refresh_from_db()
    page.unpublish()
    assert _rows(page) == set()
    page.refresh_from_db()
    page.save_revision().publish()
    assert _rows(page)

    # A move (here to the end of the same library) keeps the live page's rows.
    other = resource(title="Annen")
    page.refresh_from_db()
    page.move(other, pos="right")
    assert ("discipline", str(dance.pk)) in _rows(page)

    # A page made live without publishing (an import) gets rows from its in-memory terms.
    imported = ResourcePageFactory.build(title="Importert")
    imported.disciplines.set([music])
    resource_index().add_child(instance=imported)
    assert ("discipline", str(music.pk)) in _rows(imported)

    # The rebuild command writes exactly what the signals wrote.
    before = set(ResourceFacetTerm.objects.values_list("resource_id", "facet", "term", "audience"))
    ResourceFacetTerm.objects.all().delete()
    call_command("library_facets_rebuild", stdout=None)
    after = set(ResourceFacetTerm.objects.values_list("resource_id", "facet", "term", "audience"))
    assert after == before

    page.delete()
    assert _rows(page) == set()
    assert not ResourceFacetTerm.objects.filter(resource_id=page.pk).exists()


def test_translations_copy_is_not_counted():
    from wagtail.models import Locale

    page = resource(title="Vårsang", disciplines=["music"])
    danish = Locale.objects.get(language_code="da")
    copy = page.copy_for_translation(danish, copy_parents=True)
    copy.save_revision().publish()
    assert set(ResourceFacetTerm.objects.values_list("resource_id", flat=True)) == {page.pk}


def _facet_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum("courses_resourcefacetterm" in q["sql"] for q in queries.captured_queries)


def test_a_new_filter_combination_costs_the_same_queries_and_pages_reuse_the_counts(
    client, django_assert_max_num_queries
):
    resource(title="Vårsang", disciplines=["music"], levels=["beginner"], language="nb")
    resource(title="Dans", disciplines=["dance"], instruments=["piano"], licence="cc-by")
    client.get("/resources/")  # routing and terms warm
    with CaptureQueriesContext(connection) as one:
        client.get("/resources/?discipline=music")
    with CaptureQueriesContext(connection) as many:
        client.get(
            "/resources/?discipline=music&discipline=dance&level=beginner&instrument=piano"
            "&age=6-9&language=nb&licence=cc-by&media=text&q=dans"
        )
    # Seven facets and eight filters: one grouped query, as for one filter (the search
    # term adds only its own query to the results, not one per facet).
    assert len(many) <= len(one) + 1
    with django_assert_max_num_queries(len(one)):
        client.get("/resources/?discipline=dance&level=beginner")
    # The counts of one combination are shared by its pages and sorts.
    assert _facet_queries(client, "/resources/?discipline=music&sort=title") == 0
    assert _facet_queries(client, "/resources/?discipline=music&page=2") == 0
    assert _facet_queries(client, "/resources/?discipline=music&level=beginner") == 1
