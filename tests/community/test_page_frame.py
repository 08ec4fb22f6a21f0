"""Every page's frame: the main navigation marks the current section, and the parts that
depend only on the language (navigation, language choice, footer) are drawn once per
process and language, yet always in the page's own language."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from community.templatetags import samspill

pytestmark = pytest.mark.django_db

FRAME = {
    "components/main_nav.html",
    "components/language_choice.html",
    "components/site_footer.html",
}


@pytest.fixture(autouse=True)
def _fresh_frame():
    samspill._main_nav.cache_clear()
    samspill._drawn.cache_clear()
    yield
    samspill._main_nav.cache_clear()
    samspill._drawn.cache_clear()


def _get(path, language, member=None):
    client = Client()
    if member is not None:
        member.language = language  # a member's own setting beats the cookie
        member.save(update_fields=["language"])
        client.force_login(member)  # members' pages are drawn each time, not page-cached
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path)
    assert response.status_code == 200
    return response


def _current(html):
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_the_current_section_is_marked():
    assert _current(_get("/forums/", "nb").content.decode()) == ["/forums/"]
    assert _current(_get("/resources/", "nb").content.decode()) == ["/resources/"]
    assert _current(_get("/forums/", "nb").content.decode()) == ["/forums/"]
    assert _current(_get("/", "nb").content.decode()) == []


@pytest.mark.parametrize("order", [("nb", "en", "da", "nb"), ("en", "nb", "en", "da")])
def test_the_frame_speaks_the_page_language_in_any_order(order):
    for language in order:
        html = _get("/forums/", language).content.decode()
        with translation.override(language):
            privacy = str(translation.gettext("Privacy notice"))
            resources = str(translation.gettext("Resources"))
            change = str(translation.gettext("Change"))
        assert f">{privacy}</a>" in html, language
        assert f"{resources}</a>" in html, language
        assert f">{change}</button>" in html, language
        assert f'<option value="{language}" lang="{language}" selected>' in html


def test_the_frame_is_drawn_once_per_language(astrid_teacher):
    def drawn(path, language):
        response = _get(path, language, astrid_teacher)
        assert "site-footer" in response.content.decode()
        return {t.name for t in response.templates} & FRAME

    assert drawn("/forums/", "nb") == FRAME
    assert drawn("/forums/", "nb") == set()
    # Another section redraws only the navigation; another language, all three.
    assert drawn("/resources/", "nb") == {"components/main_nav.html"}
    assert drawn("/forums/", "en") == FRAME


def test_the_language_switcher_returns_to_this_very_page():
    html = _get("/forums/?page=1", "nb").content.decode()
    assert '<input type="hidden" name="next" value="/forums/?page=1">' in html
    html = _get("/resources/?q=%3Cb%3E", "nb").content.decode()
    assert 'name="next" value="/resources/?q=%3Cb%3E"' in html


def test_with_debug_on_template_edits_show_at_once(settings):
    settings.DEBUG = True
    _get("/forums/", "nb")
    assert {t.name for t in _get("/forums/", "nb").templates} >= FRAME
