"""Languages: member setting, then cookie, then Accept-Language, then nb; complete catalogues."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_default_language_is_norwegian_bokmal():
    response = Client().get("/")
    assert _lang(response) == "nb"
    assert "Hopp til hovedinnholdet" in response.content.decode()


def test_browser_language_is_used():
    response = Client(HTTP_ACCEPT_LANGUAGE="da-DK,da;q=0.9").get("/")
    assert _lang(response) == "da"
    assert "Spring til hovedindholdet" in response.content.decode()


def test_cookie_beats_browser_language():
    client = Client(HTTP_ACCEPT_LANGUAGE="da")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _lang(client.get("/")) == "en"


def test_member_setting_beats_cookie(astrid_teacher):
    astrid_teacher.language = "da"
    astrid_teacher.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    client.force_login(astrid_teacher)
    assert _lang(client.get("/me/")) == "da"


def test_switcher_sets_cookie_and_member_language(astrid_teacher):
    client = Client()
    client.force_login(astrid_teacher)
    response = client.post("/language/", {"language": "da", "next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "da"
    astrid_teacher.refresh_from_db()
    assert astrid_teacher.language == "da"


def test_switcher_refuses_foreign_redirects_and_unknown_languages():
    response = Client().post("/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    # A bare word is no address (it gave a 500 when taken for a view name).
    assert Client().post("/language/", {"language": "da", "next": "abc"})["Location"] == "/"
    assert Client().get("/language/", {"next": "abc"})["Location"] == "/"


def test_a_get_never_changes_the_language(astrid_teacher):
    """A Markdown image pointing at the switcher changed the viewer's account language."""
    client = Client()
    client.force_login(astrid_teacher)
    response = client.get("/language/", {"language": "da", "next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    astrid_teacher.refresh_from_db()
    assert astrid_teacher.language != "da"


def test_visitor_pages_set_no_cookie():
    """No CSRF token or session for visitors: pages stay cacheable and cookie-free."""
    response = Client().get("/")
    assert not response.cookies


@pytest.mark.parametrize("language", ["nb", "da", "en"])
def test_catalogue_is_complete(language):
    for path in sorted((ROOT / "locale" / language / "LC_MESSAGES").glob("*.po")):
        catalogue = read_po(path.open("rb"), locale=language)
        missing = [
            message.id
            for message in catalogue
            if message.id
            and (
                message.fuzzy
                or not (
                    all(message.string) if isinstance(message.string, tuple) else message.string
                )
            )
        ]
        assert not missing, f"{path.name} ({language}): untranslated or fuzzy: {missing[:20]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_contain_every_string_in_the_code(tmp_path):
    """`make makemessages` would add nothing: every translatable string is in the .po files."""
    backup = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", backup)
    try:
        before = {p: _ids(p) for p in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))}
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale",
                "nb",
                "--ignore",
                ".venv/*",
                "--ignore",
                "tests/*",
                "--ignore",
                "bench/*",
                "--ignore",
                "staticfiles/*",
                "--no-obsolete",
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=300,
        )
        nb = ROOT / "locale/nb/LC_MESSAGES/django.po"
        new = _ids(nb) - before[nb]
    finally:
        shutil.rmtree(ROOT / "locale")
        shutil.copytree(backup, ROOT / "locale")
    assert not new, (
        f"strings missing from the catalogues (run make makemessages): {sorted(new)[:20]}"
    )


def _ids(path: Path) -> set:
    return {str(m.id) for m in read_po(path.open("rb")) if m.id}
