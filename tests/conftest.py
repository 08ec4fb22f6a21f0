"""Shared fixtures: named personas, so tests about roles and minors read plainly."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from community.members.models import AgeBand
from community.members.roles import SiteRole
from tests.factories.community import (
    DEFAULT_PASSWORD,
    MembershipFactory,
    MunicipalityFactory,
    SchoolFactory,
    UserFactory,
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
    municipality = MunicipalityFactory(name="Bergen", slug="bergen")
    return SchoolFactory(
        name="Bergen kulturskole", slug="bergen-kulturskole", municipality=municipality
    )


@pytest.fixture
def lorenskog(db):
    municipality = MunicipalityFactory(name="Lørenskog", slug="lorenskog")
    return SchoolFactory(
        name="Lørenskog kulturskole", slug="lorenskog-kulturskole", municipality=municipality
    )


def _member(school, role, **user_fields):
    user = UserFactory(**user_fields)
    membership = MembershipFactory(user=user, school=school, role=role)
    return user, membership


@pytest.fixture
def astrid_teacher(bergen):
    return _member(bergen, "teacher", email="astrid@example.org", display_name="Astrid")[0]


@pytest.fixture
def jon_leader(bergen):
    return _member(bergen, "leader", email="jon@example.org", display_name="Jon")[0]


@pytest.fixture
def lars_leader(lorenskog):
    return _member(lorenskog, "leader", email="lars@example.org", display_name="Lars")[0]


@pytest.fixture
def kari_other_school_teacher(lorenskog):
    return _member(lorenskog, "teacher", email="kari@example.org", display_name="Kari")[0]


@pytest.fixture
def ingrid_pupil_14(bergen):
    user, membership = _member(
        bergen,
        "pupil",
        email="ingrid@example.org",
        display_name="Ingrid",
        age_band=AgeBand.OVER_CONSENT_AGE,
    )
    membership.consent_recorded_at = timezone.now()
    membership.save()
    return user


@pytest.fixture
def emil_pupil_11(bergen):
    return _member(
        bergen,
        "pupil",
        email="emil@example.org",
        display_name="Emil",
        age_band=AgeBand.UNDER_CONSENT_AGE,
    )[0]


def _with_role(user, role: SiteRole):
    user.groups.add(Group.objects.get(name=role.value))
    return user


@pytest.fixture
def oda_organiser(db):
    return _with_role(UserFactory(email="oda@example.org", display_name="Oda"), SiteRole.ORGANISER)


@pytest.fixture
def magnus_moderator(db):
    return _with_role(
        UserFactory(email="magnus@example.org", display_name="Magnus"), SiteRole.MODERATOR
    )


@pytest.fixture
def eva_editor(db):
    return _with_role(UserFactory(email="eva@example.org", display_name="Eva"), SiteRole.EDITOR)


@pytest.fixture
def admin_user(db):
    return UserFactory(
        email="admin@example.org", display_name="Admin", is_staff=True, is_superuser=True
    )


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
    return {
        "bergen": bergen,
        "lorenskog": lorenskog,
        "pupil": ingrid_pupil_14,
        "pupil_no_consent": emil_pupil_11,
        "teacher": astrid_teacher,
        "other_school_teacher": kari_other_school_teacher,
        "leader": jon_leader,
        "other_school_leader": lars_leader,
        "organiser": oda_organiser,
        "moderator": magnus_moderator,
        "editor": eva_editor,
        "admin": admin_user,
    }


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
