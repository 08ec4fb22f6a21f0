"""The Site and route caches: fewer queries, and never a wrong answer after a change."""

import pytest
from wagtail.models import Site

from tests.factories.courses import resource

pytestmark = pytest.mark.django_db


def test_site_is_remembered_and_forgotten_when_sites_change(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SAMSPILL_SITE_CACHE_SECONDS = 300
    page = resource(title="Vårsang", slug="varsang")

    def site_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return [q for q in captured.captured_queries if '"wagtailcore_site"' in q["sql"]]

    site_queries()
    assert not site_queries()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Samspill 2"
    site.save()
    assert site_queries(), "a changed Site is looked up again"
    assert not site_queries()


def test_route_cache_follows_renames_and_unpublishing(client):
    page = resource(title="Vårsang", slug="varsang")
    assert client.get("/resources/varsang/").status_code == 200
    assert client.get("/resources/varsang/").status_code == 200  # from the route cache
    page.slug = "vaarsang"
    page.save_revision().publish()
    assert client.get("/resources/varsang/").status_code == 404
    assert client.get("/resources/vaarsang/").status_code == 200
    page.refresh_from_db()
    page.unpublish()
    assert client.get("/resources/vaarsang/").status_code == 404


def test_route_cache_saves_queries(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.home import route_cache
    from community.home.models import HomePage

    page = resource(title="Vårsang", slug="varsang")
    client.get("/resources/varsang/")
    home = HomePage.objects.get()
    assert route_cache.cached_page(home, ["resources", "varsang"]) == page
    with CaptureQueriesContext(connection) as remembered:
        client.get("/resources/varsang/")
    cache.delete(route_cache._key(home, ["resources", "varsang"]))
    with CaptureQueriesContext(connection) as walked:
        client.get("/resources/varsang/")
    assert len(remembered) < len(walked)
