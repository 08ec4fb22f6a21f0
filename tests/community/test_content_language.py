"""Site content in the member's language (community/l10n.py).

Cases: a Danish member sees the home page, the index pages, translated resources,
forum categories, terms and gathering kinds in Danish at the Norwegian addresses; a page
without a translation, and a field a translation leaves empty, stay Norwegian;
translations are never listed or found as pages of their own; listing queries do not grow
with translations; a page showing a translation is never saved; English dates read
"2 Nov 2026, 00:40".
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation
from wagtail.models import GroupPagePermission

from community import l10n
from community.demo import translate_page
from community.home.models import HomePage
from courses.learning.models import CourseIndexPage
from courses.models import ResourcePage
from tests.factories.courses import guide_index, resource, resource_index
from tests.factories.forums import CategoryFactory
from tests.factories.gatherings import build_gathering, gathering_index

pytestmark = pytest.mark.django_db


def _client(member, language):
    member.language = language
    member.save()
    client = Client()
    client.force_login(member)
    return client


def _home():
    return l10n.originals(HomePage.objects).get()


def test_danish_member_sees_danish_pages_and_norwegian_where_missing(astrid_teacher):
    translated = resource(title="Vårsang for kornett", summary="Enkel sats.", disciplines=["music"])
    untranslated = resource(title="Rytmelek på fem minutter", summary="Korte leker.")
    gatherings = gathering_index()
    translate_page(_home(), "da", {"title": "Velkommen, dansk", "intro": "Mødestedet."})
    da_index = translate_page(
        resource_index(), "da", {"title": "Ressourcer", "intro": "Noder og lyd."}
    )
    translate_page(guide_index(), "da", {"title": "Digitale værktøjer", "intro": ""})
    course_index = l10n.originals(CourseIndexPage.objects).get()
    translate_page(course_index, "da", {"title": "Kurser", "intro": "Efteruddannelse."})
    translate_page(translated, "da", {"title": "Forårssang for kornet"})
    danish = _client(astrid_teacher, "da")

    # A member's "/" is their start page, in Danish; the home page's own (translated)
    # content is the front page a Danish visitor gets.
    start = danish.get("/").content.decode()
    assert f"Hej, {astrid_teacher.display_name}" in start
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    home = visitor.get("/").content.decode()
    assert "<h1>Velkommen, dansk</h1>" in home and "Mødestedet." in home
    library = danish.get("/resources/").content.decode()
    assert "<h1>Ressourcer</h1>" in library and "Noder og lyd." in library
    # Cards: the translated title, the summary the copy kept in Norwegian, the untranslated
    # resource in Norwegian, and the translation never as a card of its own.
    assert library.count("Forårssang for kornet") == 1 and "Enkel sats." in library
    assert "Vårsang for kornett" not in library and untranslated.title in library
    guides = danish.get("/guides/").content.decode()
    assert "<h1>Digitale værktøjer</h1>" in guides
    assert guide_index().intro in guides  # the empty Danish intro falls back
    assert "<h1>Kurser</h1>" in danish.get("/courses/").content.decode()
    # No translation of the gathering list: Norwegian, at the same address.
    assert f"<h1>{gatherings.title}</h1>" in danish.get("/gatherings/").content.decode()
    page = danish.get(translated.url).content.decode()
    assert translated.url == "/resources/" + translated.slug + "/"
    assert "Forårssang for kornet" in page and "Enkel sats." in page
    # Search finds the original and shows the member's language.
    found = danish.get("/search/", {"q": "kornett"}).content.decode()
    assert found.count("Forårssang for kornet") == 1
    # A Danish word of the translation finds the page too.
    assert "Forårssang for kornet" in danish.get("/search/", {"q": "forårssang"}).content.decode()

    # The same addresses stay Norwegian for a Norwegian member; nothing was overwritten.
    norwegian = _client(astrid_teacher, "nb")
    assert f"Hei, {astrid_teacher.display_name}" in norwegian.get("/").content.decode()
    assert f"<h1>{_home().title}</h1>" in Client().get("/").content.decode()
    assert "Vårsang for kornett" in norwegian.get("/resources/").content.decode()
    assert ResourcePage.objects.get(pk=translated.pk).title == "Vårsang for kornett"
    # Editors keep their rights on the library's index in every language.
    grants = GroupPagePermission.objects.values_list("group__name", "permission__codename")
    assert set(grants.filter(page=da_index)) == set(grants.filter(page=resource_index()))
    assert set(grants.filter(page=da_index))


def test_category_term_and_gathering_kind_names_in_the_members_language(astrid_teacher):
    CategoryFactory(title="Musikk", title_da="Musik", description="Norsk.", description_da="")
    resource(title="Vårsang", disciplines=["music"])
    build_gathering(title="Herning", kind="conference")
    danish = _client(astrid_teacher, "da")
    forums = danish.get("/forums/").content.decode()
    assert ">Musik</a>" in forums and "Norsk." in forums  # empty Danish description falls back
    assert "Musik" in danish.get("/resources/").content.decode()  # the discipline facet
    assert "Konference" in danish.get("/gatherings/").content.decode()
    english = _client(astrid_teacher, "en")
    assert ">Musikk</a>" in english.get("/forums/").content.decode()  # no English title


def test_resource_listing_queries_do_not_grow_with_translations(astrid_teacher):
    from django.core.cache import cache

    client = _client(astrid_teacher, "da")

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/resources/").status_code == 200
        return len(captured)

    for n in range(2):
        translate_page(resource(title=f"Ressurs {n}"), "da", {"title": f"Ressource {n}"})
    few = queries()
    for n in range(2, 8):
        translate_page(resource(title=f"Ressurs {n}"), "da", {"title": f"Ressource {n}"})
    assert queries() <= few
    assert "Ressource 7" in client.get("/resources/").content.decode()


def test_a_page_showing_a_translation_is_never_saved(astrid_teacher):
    page = resource(title="Vårsang")
    translate_page(page, "en", {"title": "Spring song"})
    with translation.override("en"):
        shown = l10n.localize_page(ResourcePage.objects.get(pk=page.pk))
    assert shown.title == "Spring song"
    with pytest.raises(RuntimeError):
        shown.save()
    assert ResourcePage.objects.get(pk=page.pk).title == "Vårsang"


def test_english_dates_and_times_the_english_way(astrid_teacher):
    when = datetime.datetime(2026, 11, 2, 0, 40, tzinfo=ZoneInfo("Europe/Oslo"))
    with translation.override("en"):
        assert formats.date_format(when, "SHORT_DATETIME_FORMAT") == "2 Nov 2026, 00:40"
        assert formats.time_format(when) == "00:40"
    with translation.override("da"):
        assert formats.date_format(when, "DATETIME_FORMAT") == "2. november 2026, 00:40"
    build_gathering(title="Nattsamling", start=when)
    html = _client(astrid_teacher, "en").get("/gatherings/?when=past").content.decode()
    assert "2 November 2026, 00:40" in html
    assert "a.m." not in html and "p.m." not in html
