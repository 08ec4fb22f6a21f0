"""Whole visitor pages from the cache (community/pagecache.py): stored once, served
without a query, invalidated by the services that change them, never for members or
for responses that set cookies, one per language, and a 304 on a repeat visit."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from community import pagecache
from forums import services as forum_services
from tests.factories.courses import resource
from tests.factories.forums import TopicFactory
from tests.factories.gatherings import build_gathering

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.SAMSPILL_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def topic():
    return TopicFactory(posts=3)


def _url(topic):
    return f"/forums/t/{topic.pk}/"


def test_visitor_page_is_stored_and_served_without_queries(
    client, topic, django_assert_num_queries
):
    first = client.get(_url(topic))
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    with django_assert_num_queries(0):
        second = client.get(_url(topic))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The security headers are the outer middleware's: a stored page gets them too.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]


def test_repeat_visit_gets_304(client, topic):
    first = client.get(_url(topic))
    again = client.get(_url(topic), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(_url(topic), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_a_new_post_invalidates_the_topic(
    client, topic, astrid_teacher, django_capture_on_commit_callbacks
):
    client.get(_url(topic))
    with django_capture_on_commit_callbacks(execute=True):
        forum_services.post_create(user=astrid_teacher, topic=topic, body="Helt ny tekst her")
    response = client.get(_url(topic))
    assert "X-Page-Cache" not in response
    assert "Helt ny tekst her" in response.content.decode()


def test_library_change_invalidates_the_listing_and_a_resource(
    client, django_capture_on_commit_callbacks
):
    page = resource(title="Første ressurs", slug="forste")
    client.get("/resources/")
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Endret tittel"
        page.save_revision().publish()
        resource(title="Andre ressurs", slug="andre")
    listing = client.get("/resources/")
    assert "X-Page-Cache" not in listing
    assert "Andre ressurs" in listing.content.decode()
    assert "Endret tittel" in client.get(page.url).content.decode()


def test_registration_invalidates_the_gathering(
    client, astrid_teacher, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from community.gatherings import services as gathering_services

    gathering = build_gathering(start=timezone.now() + timedelta(days=7))
    client.get(gathering.url)
    assert client.get(gathering.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        gathering_services.registration_create(
            gathering=gathering, user=astrid_teacher, mode=gathering.modes[0]
        )
    assert "X-Page-Cache" not in client.get(gathering.url)


def test_members_are_never_served_or_stored(topic, astrid_teacher):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    visitor.get(_url(topic))  # stored for visitors
    member = Client(HTTP_ACCEPT_LANGUAGE="en")
    member.force_login(astrid_teacher)
    page = member.get(_url(topic))
    assert "X-Page-Cache" not in page
    assert astrid_teacher.display_name in page.content.decode()
    pagecache.bump()
    member.get(_url(topic))  # a member's page is not stored for the next visitor
    following = visitor.get(_url(topic))
    assert "X-Page-Cache" not in following
    assert astrid_teacher.display_name not in following.content.decode()


def test_one_page_per_language(topic):
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(_url(topic))
    danish = Client(HTTP_ACCEPT_LANGUAGE="da").get(_url(topic))
    assert "X-Page-Cache" not in danish
    assert danish["Content-Language"] == "da" and english["Content-Language"] == "en"
    cookie = Client()
    cookie.cookies["samspill_language"] = "da"
    by_cookie = cookie.get(_url(topic))
    assert by_cookie["X-Page-Cache"] == "hit"
    assert by_cookie.content == danish.content


def test_responses_that_set_cookies_are_not_stored(rf: RequestFactory):
    def view(request):
        response = HttpResponse("<p>form</p>", content_type="text/html")
        response.set_cookie("csrftoken", "x" * 32)
        return response

    middleware = pagecache.VisitorPageCacheMiddleware(view)
    middleware(rf.get("/forms/"))
    assert "X-Page-Cache" not in middleware(rf.get("/forms/"))


def test_requests_with_a_session_cookie_bypass_the_cache(client, topic):
    client.get(_url(topic))
    client.cookies["sessionid"] = "stale"
    assert "X-Page-Cache" not in client.get(_url(topic))


def test_token_is_remembered_per_process_for_a_bounded_time(client, topic, settings):
    """Another process's bump (the token replaced in the shared cache, not through this
    process's `bump()`) reaches this process once its copy is older than
    SAMSPILL_PAGE_TOKEN_SECONDS; a bump here applies at once."""
    import time

    from django.core.cache import cache

    settings.SAMSPILL_PAGE_TOKEN_SECONDS = 60
    pagecache.bump()
    client.get(_url(topic))
    cache.set(pagecache.TOKEN_KEY, 12345, 60)  # another process's bump
    assert client.get(_url(topic))["X-Page-Cache"] == "hit"
    token, _read = pagecache._remembered
    pagecache._remembered = (token, time.monotonic() - 61)  # the copy is too old now
    assert "X-Page-Cache" not in client.get(_url(topic))
    assert client.get(_url(topic))["X-Page-Cache"] == "hit"
    pagecache.bump()  # in this process: at once
    assert "X-Page-Cache" not in client.get(_url(topic))


def test_page_cache_comes_before_the_site_lookup_and_the_session(settings):
    order = settings.MIDDLEWARE
    position = order.index("community.pagecache.VisitorPageCacheMiddleware")
    assert position < order.index("community.sites.SiteCacheMiddleware")
    assert position < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert position > order.index("community.csp.ContentSecurityPolicyMiddleware")
