"""Shared fixtures: named personas, so tests about roles and minors read plainly."""

import pytest

from tests.factories.community import DEFAULT_PASSWORD
from tests.personas import (
    make_admin_user,
    make_astrid_teacher,
    make_bergen,
    make_emil_pupil_11,
    make_eva_editor,
    make_ingrid_pupil_14,
    make_jon_leader,
    make_kari_other_school_teacher,
    make_lars_leader,
    make_lorenskog,
    make_magnus_moderator,
    make_oda_organiser,
    people_dict,
)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache; every test starts with none spent. The page cache's
    token copy in this process goes with the cache (community/pagecache.py)."""
    from django.core.cache import cache

    from community import pagecache

    cache.clear()
    pagecache._remembered = None
    yield
    cache.clear()
    pagecache._remembered = None


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def bergen(db):
    return make_bergen()


@pytest.fixture
def lorenskog(db):
    return make_lorenskog()


@pytest.fixture
def astrid_teacher(bergen):
    return make_astrid_teacher(bergen)


@pytest.fixture
def jon_leader(bergen):
    return make_jon_leader(bergen)


@pytest.fixture
def lars_leader(lorenskog):
    return make_lars_leader(lorenskog)


@pytest.fixture
def kari_other_school_teacher(lorenskog):
    return make_kari_other_school_teacher(lorenskog)


@pytest.fixture
def ingrid_pupil_14(bergen):
    return make_ingrid_pupil_14(bergen)


@pytest.fixture
def emil_pupil_11(bergen):
    return make_emil_pupil_11(bergen)


@pytest.fixture
def oda_organiser(db):
    return make_oda_organiser()


@pytest.fixture
def magnus_moderator(db):
    return make_magnus_moderator()


@pytest.fixture
def eva_editor(db):
    return make_eva_editor()


@pytest.fixture
def admin_user(db):
    return make_admin_user()


@pytest.fixture
def client():
    """Tests read English; the language tests set their own headers."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def people(
    bergen,
    lorenskog,
    ingrid_pupil_14,
    emil_pupil_11,
    astrid_teacher,
    kari_other_school_teacher,
    jon_leader,
    lars_leader,
    oda_organiser,
    magnus_moderator,
    eva_editor,
    admin_user,
):
    """Every persona of the authorisation matrix, by its name there."""
    return people_dict(
        bergen=bergen,
        lorenskog=lorenskog,
        ingrid_pupil_14=ingrid_pupil_14,
        emil_pupil_11=emil_pupil_11,
        astrid_teacher=astrid_teacher,
        kari_other_school_teacher=kari_other_school_teacher,
        jon_leader=jon_leader,
        lars_leader=lars_leader,
        oda_organiser=oda_organiser,
        magnus_moderator=magnus_moderator,
        eva_editor=eva_editor,
        admin_user=admin_user,
    )


def pytest_collection_modifyitems(items):
    """Transactional tests (browser, sockets, concurrency) flush the database when
    they end. With serialized rollback, Django restores what the data migrations
    made (home page, site roles, counties) so every later test sees a whole site."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


def ensure_base_data():
    """Recreate what the data migrations made (locale, page tree root, home page,
    default site, site-role groups, counties) when a flush removed it.

    Browser tests need this: Playwright's event loop gives their ORM calls a
    connection of their own, which Django's serialized rollback does not restore.
    """
    import importlib

    from django.apps import apps
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from community.home.models import HomePage

    if Site.objects.filter(is_default_site=True).exists():
        return
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    for module, function in [
        ("community.members.migrations.0002_site_roles", "add_roles"),
        ("community.schools.migrations.0002_counties", "add_counties"),
    ]:
        getattr(importlib.import_module(module), function)(apps, None)
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = HomePage.objects.first() or root.add_child(
        instance=HomePage(title="Velkommen til Samspill", slug="home", locale=locale)
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Samspill"},
    )
    from courses.setup import library_setup_with_permissions

    library_setup_with_permissions()


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """A new channel layer per test: channels-redis binds its locks to the event loop
    that first used them, and every async test runs in a loop of its own."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
