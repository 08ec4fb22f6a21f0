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

A member's page is assembled from cached posts instead (`member_posts_html`): each post
is kept per topic version and per combination of the facts about the member it shows.
"""

import hashlib
import secrets
from collections.abc import Callable
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from community import pagecache

from .models import ReactionKind

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


# --- members: the page assembled from cached posts ------------------------------------

# Rendered in place of the CSRF token in a cached post and replaced by the request's own
# token when the page is assembled: a member's token never reaches another member.
CSRF_PLACEHOLDER = "csrfplaceholder0e5c4b9d7a31f2c8"  # noqa: S105 (not a secret)
_KINDS = [kind for kind, _label in ReactionKind.choices]


def _page_index_key(topic, version: int, generation: int, page_number: int) -> str:
    # The topic row's counters are read fresh with every page: a post added without a
    # bump (yet) still changes the key.
    return ":".join(
        str(part)
        for part in (
            "forums:page",
            topic.pk,
            version,
            generation,
            page_number,
            topic.post_count,
            topic.last_number,
        )
    )


def _member_post_prefix(topic, version, generation) -> str:
    """What every post's key on the page shares (joined once per page, not per post)."""
    return ":".join(
        str(part)
        for part in (
            "forums:post:member",
            topic.pk,
            version,
            generation,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            topic.kind,
            topic.solution_id,
            topic.post_count,
            topic.last_number,
        )
    )


def member_posts_html(
    topic,
    page,
    *,
    user_id: int,
    permissions,
    last_read: int,
    reactions_of: Callable[[list[int]], set[tuple[int, str]]],
    load_posts: Callable[[list[int]], list],
    render_post: Callable[[object, dict], str],
    csrf_token: str,
) -> tuple[SafeString, int | None]:
    """A member's post list of `page`, and the number of its last post.

    Each post is rendered once per topic version and per combination of the facts about
    the member that it shows (new to them, their own, their reactions, their rights), and
    kept: most members share a combination, so a page is mostly cache hits. The joined
    list is kept too, under a digest of its posts' keys (so it changes with any of them). Queries: the
    member's reactions on the page (one, `reactions_of`), and on a miss the page's posts
    (one, `page.object_list` or `load_posts`). The page's post ids come from the cache too.
    """
    version, generation = _tokens([_version_key(topic.pk), _GENERATION_KEY])
    index_key = _page_index_key(topic, version, generation, page.number)
    index = cache.get(index_key)
    posts = None
    if index is None:
        posts = list(page.object_list)
        index = [(post.pk, post.number, post.author_id) for post in posts]
        cache.set(index_key, index, FRAGMENT_TIMEOUT)
    if not index:
        return mark_safe('<ol class="posts">\n</ol>'), None  # noqa: S308 - fixed markup
    mine = reactions_of([pk for pk, _number, _author in index])
    common = "".join(
        str(int(flag))
        for flag in (
            topic.author_id == user_id,
            permissions.can_reply,
            permissions.can_edit_own,
            permissions.is_moderator,
        )
    )
    facts, keys = {}, {}
    prefix = _member_post_prefix(topic, version, generation)
    for pk, number, author_id in index:
        mask = sum(1 << i for i, kind in enumerate(_KINDS) if (pk, kind) in mine)
        facts[pk] = {
            "is_new": number > last_read,
            "is_own": author_id is not None and author_id == user_id,
            "mine": {kind for kind in _KINDS if (pk, kind) in mine},
        }
        flags = f"{int(facts[pk]['is_new'])}{int(facts[pk]['is_own'])}{common}{mask}"
        keys[pk] = f"{prefix}:{pk}:{flags}"
    # The whole list for this combination of keys, kept too: a member's repeat view (or
    # another member with the same facts) reads one entry instead of one per post.
    digest = hashlib.md5("|".join(keys.values()).encode(), usedforsecurity=False).hexdigest()
    page_key = f"forums:posts:member:{topic.pk}:{digest}"
    html = cache.get(page_key)
    if html is None:
        found = cache.get_many(list(keys.values()))
        missing = [pk for pk in keys if keys[pk] not in found]
        complete = True
        if missing:
            if posts is None:
                by_pk = {post.pk: post for post in load_posts(missing)}
            else:
                by_pk = {post.pk: post for post in posts}
            fresh = {}
            for pk in missing:
                post = by_pk.get(pk)
                if post is None:  # gone since the index was stored; the next bump drops it
                    found[keys[pk]], complete = "", False
                    continue
                fresh[keys[pk]] = found[keys[pk]] = render_post(post, facts[pk])
            cache.set_many(fresh, FRAGMENT_TIMEOUT)
        html = "".join(found[keys[pk]] for pk, _number, _author in index)
        if complete:
            cache.set(page_key, html, FRAGMENT_TIMEOUT)
    html = f'<ol class="posts">\n{html}</ol>'.replace(CSRF_PLACEHOLDER, csrf_token)
    return mark_safe(html), index[-1][1]  # noqa: S308 - our own templates' output


# --- the reply form -------------------------------------------------------------------

# Stands for the member's draft in the reply form's stored HTML.
_DRAFT_PLACEHOLDER = "draftplaceholder7c1e9a53b08d4f26"
# The empty reply form's HTML per form class and language. It depends on the code and
# the language only (labels, help text, limits), so a process keeps it for its lifetime.
_reply_forms: dict[tuple[type, str], str] = {}


def reply_form_html(form_class, draft: str) -> SafeString:
    """`form_class(initial={"body": draft}).as_div()`, from a copy rendered once per
    language: rendering the form's templates cost more than the rest of the page head."""
    key = (form_class, translation.get_language())
    html = _reply_forms.get(key)
    if html is None:
        html = str(form_class(initial={"body": _DRAFT_PLACEHOLDER}).as_div())
        _reply_forms[key] = html
    return mark_safe(html.replace(_DRAFT_PLACEHOLDER, escape(draft)))  # noqa: S308 - escaped
