"""Whole pages for visitors, kept in Django's cache.

Every visitor who is not signed in sees the same page for an address, in their language,
on a host: the forum topic, a resource, the library listing. Serving the stored response
skips the session, the view and the templates. Rules (each one is why the page is safe
to share):

- only GET/HEAD from a request without a session or messages cookie (the language and
  CSRF cookies are allowed: the language is part of the key, and any page that puts a
  CSRF token in its HTML answers with Set-Cookie and is therefore never stored);
- only a 200 text/html response without Set-Cookie, for a user who is not signed in,
  whose Cache-Control does not say private/no-store/no-cache;
- never the admin, accounts, the member's own pages, media or health checks.

Invalidation: one token for all stored pages, replaced after commit by every service
that changes what a visitor sees (forum writes via forums/cache.py, the library's
version in courses/services.py, Wagtail page publication, gathering registrations).
Visitors' pages show the site's navigation and cross-links, so one token keeps every
page consistent; a token rather than deleting keys, because caches cannot list keys.
Entries also expire after SAMSPILL_PAGE_CACHE_SECONDS, which bounds anything that
changes with the clock alone (a registration closing, a gathering starting).

A stored page carries its token. Each process also remembers the token it last read for
SAMSPILL_PAGE_TOKEN_SECONDS (1 s), so a hit is one cache round trip (the page alone); a
bump in this process replaces the remembered token at once, and one made by another
process is seen here at most that long after it committed. The middleware sits before
the Site lookup and the session, so a hit costs nothing else. Responses get an ETag and Last-Modified, and `Cache-Control:
no-cache` so browsers ask again and a repeat visit gets a 304.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_request

TOKEN_KEY = "pagecache:token"  # noqa: S105 (a cache key, not a secret)
TOKEN_TIMEOUT = 7 * 24 * 3600
EXCLUDED = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/me/",
    "/audit/",
    "/health/",
    "/language/",
    "/join/",
    "/documents/",
    "/static/",
)
# Response headers that describe this one transfer, not the page.
_NOT_STORED = {"date", "set-cookie", "x-queries", "content-length"}


# This process's copy of the token: (token, monotonic time read).
_remembered: tuple[int, float] | None = None


def bump() -> None:
    """Every stored visitor page is out of date."""
    global _remembered
    token = secrets.randbits(62)
    cache.set(TOKEN_KEY, token, TOKEN_TIMEOUT)
    _remembered = (token, time.monotonic())


def _current_token(found: dict | None = None) -> int:
    """The token, from this process's copy while it is fresh, else from the cache
    (`found` holds it when it was read together with the page)."""
    global _remembered
    now = time.monotonic()
    seconds = getattr(settings, "SAMSPILL_PAGE_TOKEN_SECONDS", 1.0)
    if _remembered is not None and now - _remembered[1] < seconds:
        return _remembered[0]
    token = found.get(TOKEN_KEY) if found is not None else cache.get(TOKEN_KEY)
    if token is None:
        token = secrets.randbits(62)
        if not cache.add(TOKEN_KEY, token, TOKEN_TIMEOUT):
            token = cache.get(TOKEN_KEY, token)
    _remembered = (token, now)
    return token


def _token_is_remembered() -> bool:
    seconds = getattr(settings, "SAMSPILL_PAGE_TOKEN_SECONDS", 1.0)
    return _remembered is not None and time.monotonic() - _remembered[1] < seconds


def bump_on_commit() -> None:
    """Bump once the transaction commits, so no request stores the old rows under the
    new token (and a rolled-back change bumps nothing)."""
    transaction.on_commit(bump)


def pages_changed(**kwargs) -> None:
    """Signal receiver: a Wagtail page was published, unpublished, moved or deleted."""
    bump_on_commit()


def _cookies_allow(request) -> bool:
    allowed = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return set(request.COOKIES) <= allowed


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
        and _cookies_allow(request)
        and not request.path.startswith(EXCLUDED)
        and not request.path.startswith(settings.MEDIA_URL)
    )


def _key(request) -> str:
    language = get_language_from_request(request)
    address = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:{request.get_host()}:{language}:{address}"


def _storable(request, response) -> bool:
    user = getattr(request, "user", None)
    control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not (user is not None and user.is_authenticated)
        and not any(word in control for word in ("private", "no-store", "no-cache"))
    )


def _validators(response, etag: str, modified: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, no_cache=True)


class VisitorPageCacheMiddleware:
    """Serve and store whole visitor pages; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "SAMSPILL_PAGE_CACHE_SECONDS", 0)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        if _token_is_remembered():
            stored, token = cache.get(key), _current_token()
        else:
            found = cache.get_many([TOKEN_KEY, key])
            stored, token = found.get(key), _current_token(found)
        if stored is not None and stored["token"] == token:
            return self._from_store(request, stored)
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        modified = time.time()
        _validators(response, etag, modified)
        headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
        cache.set(
            key,
            {"token": token, "content": response.content, "headers": headers,
             "etag": etag, "modified": modified},
            seconds,
        )  # fmt: skip
        return get_conditional_response(
            request, etag=etag, last_modified=int(modified), response=response
        )

    def _from_store(self, request, stored):
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(
            request, etag=stored["etag"], last_modified=int(stored["modified"]), response=response
        )
