"""/resources/ and /guides/: facets with counts, search, sorting, pagination, audiences.

Cases: counts per value for combinations of filters (each facet counts within the
others); several values in one facet widen the result; search (SQLite FTS5 here,
PostgreSQL full-text on the real-services run) with filters; teachers-only pages
never appear for pupils and visitors, also not in /search/; a publish shows at once
despite the cache; bad parameters are ignored; query counts do not grow with results.
"""

import re

import pytest

from courses.models import ResourcePage
from tests.factories.courses import guide, make_image, resource

pytestmark = pytest.mark.django_db


def _library():
    resource(
        title="Vårsang for kornett",
        disciplines=["music"],
        instruments=["cornet"],
        levels=["beginner"],
        ages=["6-9"],
        language="nb",
        licence="cc-by-sa",
    )
    resource(
        title="Fiolin første time",
        disciplines=["music"],
        instruments=["violin"],
        levels=["beginner"],
        language="nb",
        licence="cc-by",
    )
    resource(
        title="Koreografiverksted",
        disciplines=["dance"],
        levels=["intermediate"],
        language="nb",
        licence="cc-by",
    )
    resource(
        title="Sammenspil for begyndere",
        disciplines=["music"],
        instruments=["trumpet"],
        levels=["beginner", "intermediate"],
        language="da",
        licence="cc-by-sa",
    )
    resource(title="Fordypning piano", disciplines=["music"], instruments=["piano"],
             levels=["in-depth"], language="nb", audience="teachers", licence="all-rights-reserved")  # fmt: skip


def _counts(html: str, facet: str) -> dict[str, int]:
    found = re.findall(
        rf'name="{facet}" value="([^"]+)" id="[^"]+"(?: checked)?>\s*<label[^>]*>[^<]*<span class="facet__count">\((\d+)\)',
        html,
    )
    return {value: int(n) for value, n in found}


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3><a [^>]*href="[^"]+"[^>]*>([^<]+)</a></h3>', html)


def test_facet_counts_for_combinations(client):
    _library()
    html = client.get("/resources/").content.decode()
    assert "4 resources" in html  # the teachers-only one is hidden from visitors
    assert _counts(html, "discipline") == {"music": 3, "dance": 1}
    assert _counts(html, "level") == {"beginner": 3, "intermediate": 2}
    assert _counts(html, "language") == {"nb": 3, "da": 1}
    assert _counts(html, "licence") == {"cc-by": 2, "cc-by-sa": 2}

    html = client.get("/resources/?discipline=music&level=beginner").content.decode()
    assert sorted(_titles(html)) == [
        "Fiolin første time",
        "Sammenspil for begyndere",
        "Vårsang for kornett",
    ]
    # Levels count within music; disciplines count within beginner.
    assert _counts(html, "level") == {"beginner": 3, "intermediate": 1}
    assert _counts(html, "discipline") == {"music": 3}
    assert _counts(html, "instrument") == {"cornet": 1, "violin": 1, "trumpet": 1}

    html = client.get("/resources/?level=beginner&level=intermediate&language=nb").content.decode()
    assert sorted(_titles(html)) == [
        "Fiolin første time",
        "Koreografiverksted",
        "Vårsang for kornett",
    ]

    html = client.get("/resources/?licence=cc-by&discipline=dance").content.decode()
    assert _titles(html) == ["Koreografiverksted"]
    assert 'value="cc-by" id="f-licence-cc-by" checked' in html


def test_teachers_see_teacher_only_resources_and_their_counts(
    client, astrid_teacher, ingrid_pupil_14
):
    _library()
    client.force_login(ingrid_pupil_14)
    assert "Fordypning piano" not in client.get("/resources/").content.decode()
    client.force_login(astrid_teacher)
    html = client.get("/resources/?level=in-depth").content.decode()
    assert _titles(html) == ["Fordypning piano"]
    assert "Teachers only" in html


def test_search_with_filters_and_in_site_search(client, ingrid_pupil_14):
    _library()
    html = client.get("/resources/?q=kornett").content.decode()
    assert _titles(html) == ["Vårsang for kornett"]
    assert "for “kornett”" in html
    html = client.get("/resources/?q=fiolin&discipline=dance").content.decode()
    assert _titles(html) == []
    assert "No resources match" in html
    assert "Vårsang for kornett" in client.get("/search/?q=kornett").content.decode()
    # Nobody finds a teachers-only page by searching for it.
    assert "Fordypning piano" not in client.get("/search/?q=piano").content.decode()
    client.force_login(ingrid_pupil_14)
    assert "Fordypning piano" not in client.get("/search/?q=fordypning").content.decode()
    assert "Fordypning piano" not in client.get("/resources/?q=fordypning").content.decode()


def test_guides_in_site_search_respect_audience(client, astrid_teacher):
    guide(title="Soundtrap for lærere", tool_name="Soundtrap", audience="teachers")
    assert (
        "Soundtrap for lærere"
        not in client.get("/search/?q=soundtrap&type=guides").content.decode()
    )
    client.force_login(astrid_teacher)
    assert "Soundtrap for lærere" in client.get("/search/?q=soundtrap&type=guides").content.decode()


def test_sorting_and_pagination_keep_the_filters(client):
    for n in range(23):
        resource(title=f"Øvelse {n:02}", disciplines=["music"])
    html = client.get("/resources/?discipline=music&sort=title").content.decode()
    assert _titles(html)[:2] == ["Øvelse 00", "Øvelse 01"]
    assert "discipline=music&amp;sort=title&amp;page=2" in html
    html = client.get("/resources/?discipline=music&sort=title&page=2").content.decode()
    assert _titles(html) == ["Øvelse 20", "Øvelse 21", "Øvelse 22"]


def test_bad_parameters_are_ignored_not_errors(client):
    _library()
    for query in [
        "?page=abc",
        "?page=999",
        "?discipline=<script>",
        "?sort=drop-table",
        "?level=" + "x" * 5000,
        "?q=" + "a" * 1000,
        "?q=%22unbalanced AND (",
        "?media=nope&licence=gpl",
    ]:
        response = client.get("/resources/" + query)
        assert response.status_code == 200, query
    assert (
        "shortened to 200 characters" in client.get("/resources/?q=" + "a" * 300).content.decode()
    )


def test_publishing_shows_at_once_despite_the_listing_cache(client):
    resource(title="Første")
    assert _titles(client.get("/resources/").content.decode()) == ["Første"]
    page = resource(title="Andre", publish=False)
    assert "Andre" not in client.get("/resources/").content.decode()
    page.save_revision().publish()
    assert "Andre" in client.get("/resources/").content.decode()
    page.refresh_from_db()
    page.unpublish()
    assert "Andre" not in client.get("/resources/").content.decode()


def test_cards_are_shared_by_filter_combinations_and_follow_edits(client):
    """A new filter combination draws only the cards no combination drew before; an edited
    resource's card changes at once, in every combination, and per language."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _library()
    client.get("/resources/")  # draws the four public cards
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/resources/?discipline=music&level=beginner").content.decode()
    assert sorted(_titles(html)) == ["Fiolin første time", "Sammenspil for begyndere",
                                     "Vårsang for kornett"]  # fmt: skip
    assert not [q for q in queries if 'FROM "courses_level"' in q["sql"]], (
        "every card of the new combination was drawn before"
    )
    page = ResourcePage.objects.get(title="Fiolin første time")
    page.title = "Fiolin, første time"
    page.save_revision().publish()
    assert "Fiolin, første time" in _titles(
        client.get("/resources/?discipline=music&level=beginner").content.decode()
    )
    assert "Fiolin, første time" in _titles(client.get("/resources/").content.decode())
    cards = re.compile(r'<span class="card__kind">.*?</svg>([^<]+)</span>', re.S)
    english = client.get("/resources/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert set(cards.findall(english)) == {"Text only"}
    norwegian = client.get("/resources/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert set(cards.findall(norwegian)) == {"Bare tekst"}


def test_media_type_facet(client):
    from tests.factories.courses import make_document

    resource(title="Med lyd", body=[("audio", {"title": "L", "audio": make_document("l", "wav")})])
    resource(title="Bare tekst")
    html = client.get("/resources/").content.decode()
    assert _counts(html, "media") == {"audio": 1, "text": 1}
    assert _titles(client.get("/resources/?media=audio").content.decode()) == ["Med lyd"]


@pytest.mark.parametrize("shown", [3, 20])
def test_listing_queries_do_not_grow_with_results(client, django_assert_max_num_queries, shown):
    for n in range(shown):
        resource(
            title=f"Ressurs {n}",
            disciplines=["music", "dance"],
            instruments=["piano"],
            levels=["beginner"],
            language="nb",
            cover_image=make_image(f"bilde {n}", n),
            cover_alt="Noter",
            tags=["a", "b"],
        )
    client.get("/resources/?discipline=music&level=beginner")  # renditions made once
    from django.core.cache import cache

    cache.clear()  # a cold cache: terms, facets and results all computed
    # +4 since pages have locales (Wagtail i18n): the active locale and the home page's
    # translation when routing, and, cold, the site's root paths and translated pages.
    with django_assert_max_num_queries(32):
        response = client.get("/resources/?discipline=music&level=beginner&q=ressurs")
    assert len(_titles(response.content.decode())) == shown
    # The same listing again: Wagtail's routing (with the locale: +2), the version, the cards.
    with django_assert_max_num_queries(15):
        client.get("/resources/?discipline=music&level=beginner&q=ressurs")


@pytest.mark.parametrize("shown", [2, 12])
def test_guide_listing_queries_do_not_grow(
    client, django_assert_max_num_queries, astrid_teacher, bergen, shown
):
    for _n in range(shown):
        guide(platforms=["web", "ipad"], audience="public",
              statuses=[{"municipality": bergen.municipality, "status": "approved"}])  # fmt: skip
    client.force_login(astrid_teacher)
    # +4 with page locales (see test_listing_queries_do_not_grow_with_results).
    with django_assert_max_num_queries(34):
        response = client.get("/guides/?platform=web")
    assert response.content.decode().count("Bergen: Approved") == shown


def test_resource_page_queries_do_not_grow_with_adaptations(
    client, django_assert_max_num_queries, astrid_teacher
):
    page = resource(title="Original", disciplines=["music"], levels=["beginner"])
    from courses import services

    for _n in range(5):
        copy = services.resource_adapt(resource=page, user=astrid_teacher)
        copy.save_revision().publish()
    client.force_login(astrid_teacher)
    with django_assert_max_num_queries(34):  # +4 with page locales, as above
        html = client.get(page.url).content.decode()
    assert "Adapted 5 times" in html


def test_unknown_page_ids_for_files_are_404(client):
    assert client.get("/library/999999/files/1/").status_code == 404
    assert ResourcePage.objects.count() == 0


def test_guide_facets_count_and_filter_by_my_municipalitys_status(client, astrid_teacher, bergen):
    approved = [{"municipality": bergen.municipality, "status": "approved"}]
    guide(title="MuseScore", platforms=["windows", "macos"], cost="free", audience="public",
          statuses=approved)  # fmt: skip
    guide(title="Flat", platforms=["web"], cost="municipal", audience="public",
          statuses=[{"municipality": bergen.municipality, "status": "not-approved"}])  # fmt: skip
    guide(title="GarageBand", platforms=["ipad", "macos"], cost="free", audience="public")
    html = client.get("/guides/").content.decode()
    assert _counts(html, "platform") == {"web": 1, "windows": 1, "macos": 2, "ipad": 1}
    assert _counts(html, "cost") == {"free": 2, "municipal": 1}
    assert 'name="status"' not in html  # no municipality for visitors
    client.force_login(astrid_teacher)
    html = client.get("/guides/?platform=macos").content.decode()
    assert sorted(_titles(html)) == ["GarageBand", "MuseScore"]
    assert _counts(html, "status") == {"approved": 1, "unknown": 1}
    html = client.get("/guides/?status=unknown").content.decode()
    assert _titles(html) == ["GarageBand"]
    html = client.get("/guides/?status=approved&status=not-approved&cost=free").content.decode()
    assert _titles(html) == ["MuseScore"]
