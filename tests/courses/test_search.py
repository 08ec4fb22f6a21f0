"""Search finds what a teacher types: word forms (stemming), the three languages of the
term names, tags, and never a 500 for punctuation."""

import pytest

from courses.models import ResourcePage
from courses.selectors import search_matches
from tests.factories.courses import resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged_gitar():
    return resource(
        title="Samspill for nybegynnere",
        summary="Enkle akkorder.",
        instruments=["guitar"],
        tags=["Gitar"],
    )


@pytest.mark.parametrize("typed", ["gitar", "Gitar", "gitarer", "gitaren", "guitar", "guitars"])
def test_a_resource_tagged_gitar_is_found_by_word_forms_and_languages(tagged_gitar, typed):
    found = search_matches(ResourcePage.objects.live(), typed)
    assert list(found) == [tagged_gitar], typed


def test_danish_and_norwegian_word_forms_of_the_body(db):
    page = resource(title="Sange i klassen", summary="Vi synger sangene sammen.")
    for typed in ("sang", "sangene", "sange"):
        assert list(search_matches(ResourcePage.objects.live(), typed)) == [page], typed
    assert not search_matches(ResourcePage.objects.live(), "fiolin").exists()


@pytest.mark.parametrize("typed", ['"', 'gitar "', "a AND OR", "*", "(", "-", "NEAR("])
def test_punctuation_never_breaks_search(client, tagged_gitar, typed):
    assert client.get("/resources/", {"q": typed}).status_code == 200
    assert client.get("/search/", {"q": typed}).status_code == 200


def test_gatherings_are_found_in_site_search(client):
    from tests.factories.gatherings import build_gathering

    build_gathering(title="Fordypningssamling Innlandet", slug="innlandet", venue="Gjøvik")
    page = client.get("/search/", {"q": "fordypningssamlinger", "type": "gatherings"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Fordypningssamling Innlandet" in html and "Gathering ·" in html


def test_courses_are_found_in_site_search(client):
    from tests.factories.learning import small_course

    small_course(title="Rytme for nybegynnere")
    html = client.get("/search/", {"q": "rytmer", "type": "courses"}).content.decode()
    assert "Rytme for nybegynnere" in html and "Course ·" in html
