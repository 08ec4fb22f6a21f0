"""The rendered post list of a topic page, kept in Django's cache for visitors.

Rendering 20 posts in templates is most of a topic page's cost, and every visitor sees
the same list. The fragment's key holds everything the HTML depends on:

- the topic's *version*, a token that every forums service changing what the page shows
  replaces after commit (`topic_bump_on_commit`);
- the members' *generation*, replaced when a member's name changes or an account is
  erased (forums/signals.py), as the list shows the authors' names;
- the page number, the language and time zone (translated strings and dates), and the
  topic row's own fields the list shows (read fresh on every request anyway).

Tokens are random rather than counters, so a token the cache evicted can never come
back as a value an old fragment was stored under. Permission checks are not cached:
the view reads the topic and its category and checks them before asking for the list.

Only visitors' lists are cached: a member's list has their reactions, their controls
and their unread markers in it.
"""

import secrets
from collections.abc import Callable
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from community import pagecache

FRAGMENT_TIMEOUT = 300  # seconds
# A lost token only costs a fresh one (every old fragment then misses).
TOKEN_TIMEOUT = 7 * 24 * 3600

_GENERATION_KEY = "forums:members:generation"


def _version_key(topic_id: int) -> str:
    return f"forums:topic:{topic_id}:version"


def _new_token() -> int:
    return secrets.randbits(62)


def _tokens(keys: list[str]) -> list[int]:
    """The current token of each key, creating the missing ones (in one round trip
    when they all exist)."""
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            token = _new_token()
            if not cache.add(key, token, TOKEN_TIMEOUT):
                token = cache.get(key, token)
        tokens.append(token)
    return tokens


def topic_version(topic_id: int) -> int:
    return _tokens([_version_key(topic_id)])[0]


def topic_bump(topic_id: int) -> None:
    """Every cached post list of the topic is out of date."""
    cache.set(_version_key(topic_id), _new_token(), TOKEN_TIMEOUT)
    pagecache.bump()  # the topic, its category and lists showing it, as visitors see them


def topic_bump_on_commit(*topic_ids: int) -> None:
    """Bump once the transaction commits, so no request can cache the old rows under
    the new version (and a rolled-back change bumps nothing)."""
    for topic_id in {pk for pk in topic_ids if pk is not None}:
        transaction.on_commit(partial(topic_bump, topic_id))


def members_generation() -> int:
    return _tokens([_GENERATION_KEY])[0]


def members_bump() -> None:
    """Every cached post list is out of date (an author's name changed)."""
    cache.set(_GENERATION_KEY, _new_token(), TOKEN_TIMEOUT)
    pagecache.bump()


def members_bump_on_commit() -> None:
    transaction.on_commit(members_bump)


def visitor_posts_key(topic, page_number: int) -> str:
    version, generation = _tokens([_version_key(topic.pk), _GENERATION_KEY])
    category = topic.category
    return ":".join(
        str(part)
        for part in (
            "forums:posts:visitor",
            topic.pk,
            version,
            generation,
            page_number,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            topic.kind,
            topic.solution_id,
            topic.post_count,
            topic.last_number,
            topic.category_id,
            category.read_audience,
        )
    )


def visitor_posts_html(topic, page_number: int, render: Callable[[], str]) -> SafeString:
    """The visitor's post list of this page: from the cache, or `render()` and kept.

    The key is taken before `render()` reads the posts, so rows read before a change
    are never stored under the version that follows it.
    """
    key = visitor_posts_key(topic, page_number)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_TIMEOUT)
    return mark_safe(html)  # noqa: S308 - our own template's output
