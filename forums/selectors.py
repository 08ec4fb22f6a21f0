"""Reads of the forums, with their joins, and the permission-checked getters."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    OuterRef,
    PositiveIntegerField,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import (
    Viewer,
    active_suspension,
    can_post,
    can_read,
    readable_categories_q,
    viewer_for,
)
from .models import (
    Category,
    ModerationLogEntry,
    Post,
    PostRevision,
    ReactionKind,
    ReadState,
    Report,
    Subscription,
    Topic,
)

TOPICS_PER_PAGE = 25
POSTS_PER_PAGE = 20


class CountedPosts:
    """A Paginator source that knows its length from the topic's counter (no COUNT).

    A page's posts stay an unevaluated slice until something reads them, so a page
    whose post list comes from the cache (forums/cache.py) never queries them.
    """

    def __init__(self, queryset, count: int):
        self.queryset = queryset
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        return self.queryset[item]


def categories_for(viewer: Viewer):
    """Readable categories, top level first with their readable children."""
    readable = list(
        Category.objects.filter(readable_categories_q(viewer)).order_by("position", "title")
    )
    by_parent: dict = {}
    for category in readable:
        by_parent.setdefault(category.parent_id, []).append(category)
    readable_ids = {category.pk for category in readable}
    tops = [c for c in readable if c.parent_id is None or c.parent_id not in readable_ids]
    for category in readable:
        category.readable_children = by_parent.get(category.pk, [])
    return tops


def access_category_by_slug(viewer: Viewer, slug: str) -> Category:
    category = Category.objects.select_related("parent").filter(slug=slug).first()
    if category is None:
        raise Http404(_("No such category."))
    if not can_read(viewer, category):
        if not viewer.is_authenticated:
            raise PermissionDenied(_("Log in to read this category."))
        raise PermissionDenied(_("This category is not open to you."))
    return category


def topics_in(viewer: Viewer, category: Category):
    queryset = (
        Topic.objects.filter(category=category)
        .select_related("author", "last_post_author")
        .order_by("-is_pinned", "-last_post_at")
    )
    if not viewer.is_moderator:
        queryset = queryset.filter(is_hidden=False)
    if viewer.is_authenticated:
        queryset = queryset.annotate(
            last_read=Subquery(
                ReadState.objects.filter(topic=OuterRef("pk"), user_id=viewer.pk).values(
                    "last_read_number"
                )[:1]
            )
        ).annotate(
            # Posts after the last one read; NULL for a topic never opened.
            unread=F("last_number") - F("last_read")
        )
    return queryset


# Fixed SQL with the values as parameters; the tables are the models' own (their
# db_table), checked by tests/forums/test_member_page.py on SQLite and PostgreSQL.
_LAST_READ_SQL = (
    "SELECT last_read_number FROM forums_readstate WHERE topic_id = %s AND user_id = %s"
)
_FOLLOWED_SQL = "EXISTS(SELECT 1 FROM forums_subscription WHERE topic_id = %s AND user_id = %s)"
_DRAFT_SQL = (
    "SELECT body FROM forums_draft WHERE topic_id = %s AND user_id = %s ORDER BY id LIMIT 1"
)
_SOLUTION_NUMBER_SQL = (
    "SELECT number FROM forums_post WHERE forums_post.id = forums_topic.solution_id"
)
_SUSPENDED_SQL = "EXISTS(SELECT 1 FROM forums_suspension WHERE user_id = %s AND until > %s)"


def _member_facts_sql(user_id: int, topic_id: int, *, for_page: bool) -> dict:
    """The member's read state and follow (and for the page: draft, suspension) on a
    topic, as annotations of plain SQL with parameters."""
    pair = (topic_id, user_id)
    facts = {
        "last_read": RawSQL(_LAST_READ_SQL, pair, PositiveIntegerField()),  # noqa: S611
        "is_followed": RawSQL(_FOLLOWED_SQL, pair, BooleanField()),  # noqa: S611
    }
    if for_page:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        facts["draft_body"] = RawSQL(_DRAFT_SQL, pair, TextField())  # noqa: S611
        facts["viewer_suspended"] = RawSQL(  # noqa: S611
            _SUSPENDED_SQL, (user_id, now), BooleanField()
        )
    return facts


def access_topic_by_id(viewer: Viewer, pk: int, *, for_page: bool = False) -> Topic:
    """The topic with its category, if the viewer may read it; else 404 or 403.

    For members, the read state and whether they follow the topic come in the same query;
    `for_page` adds what the topic page needs about them (their draft reply and whether
    they are suspended), so the page costs no query of its own for those.
    """
    if for_page:
        # The page shows the best answer's number only: one column, not the post's row
        # (its whole text) and the author's, which the page never shows.
        queryset = Topic.objects.select_related("category").annotate(
            solution_number=RawSQL(_SOLUTION_NUMBER_SQL, (), PositiveIntegerField())  # noqa: S611
        )
    else:
        queryset = Topic.objects.select_related("category", "author", "solution")
    if viewer.is_authenticated:
        # Plain subqueries on the topic's id rather than Subquery()/Exists(): the same
        # SQL, but compiling four ORM subqueries was most of this query's CPU cost.
        queryset = queryset.annotate(**_member_facts_sql(viewer.pk, pk, for_page=for_page))
    topic = queryset.filter(pk=pk).first()
    if topic is None or (
        topic.is_hidden
        and not viewer.is_moderator
        and not (viewer.is_authenticated and topic.author_id == viewer.pk)
    ):
        raise Http404(_("No such topic."))
    if not can_read(viewer, topic.category):
        if not viewer.is_authenticated:
            raise PermissionDenied(_("Log in to read this topic."))
        raise PermissionDenied(_("This topic is not open to you."))
    return topic


def access_post_by_id(viewer: Viewer, pk: int) -> Post:
    post = Post.objects.select_related("topic__category", "author").filter(pk=pk).first()
    if post is None:
        raise Http404(_("No such post."))
    access_topic_by_id(viewer, post.topic_id)
    if not post.is_approved and not viewer.is_moderator and post.author_id != viewer.pk:
        raise Http404(_("No such post."))
    return post


def posts_of(topic: Topic):
    """The thread as everyone sees it: approved posts (hidden and removed show as stubs)."""
    return (
        Post.objects.filter(topic=topic, is_approved=True)
        .select_related("author")
        .order_by("number")
    )


def thread_source(topic: Topic) -> CountedPosts:
    return CountedPosts(posts_of(topic), topic.post_count)


def thread_page(topic: Topic, number) -> Page:
    """The page `number` of the thread (the first or last page when out of range)."""
    return Paginator(thread_source(topic), POSTS_PER_PAGE).get_page(number)


def page_of_number(topic: Topic, number: int) -> int:
    """The page on which post `number` (or the first approved one after it) appears."""
    before = Post.objects.filter(topic=topic, is_approved=True, number__lt=number).count()
    return before // POSTS_PER_PAGE + 1


def my_reactions(viewer: Viewer, posts) -> set[tuple[int, str]]:
    return my_reactions_on(viewer, [p.pk for p in posts])


def my_reactions_on(viewer: Viewer, post_ids: list[int]) -> set[tuple[int, str]]:
    if not viewer.is_authenticated or not post_ids:
        return set()
    # Plain SQL: on a member's topic page this runs on every view, and compiling the ORM
    # query cost more than running it.
    marks = ", ".join(["%s"] * len(post_ids))
    sql = f"SELECT post_id, kind FROM forums_reaction WHERE user_id = %s AND post_id IN ({marks})"  # noqa: S608 - only placeholders
    with connection.cursor() as cursor:
        cursor.execute(sql, [viewer.pk, *post_ids])
        return {(post_id, kind) for post_id, kind in cursor.fetchall()}


def posts_by_ids(topic: Topic, ids: list[int]) -> list[Post]:
    """Posts of the thread by id, as `posts_of` shows them (for cache misses)."""
    return list(posts_of(topic).filter(pk__in=ids))


def with_reactions(viewer: Viewer, posts, last_read: int | None = None) -> list[Post]:
    """The posts, each with `reaction_list` [(kind, label, count, mine)], `is_new`
    (after the member's `last_read`) and `is_own`."""
    posts = list(posts)
    mine = my_reactions(viewer, posts)
    for post in posts:
        post.is_new = viewer.is_authenticated and post.number > (last_read or 0)
        post.is_own = viewer.is_authenticated and post.author_id == viewer.pk
        post.reaction_list = [
            (kind, label, post.reaction_counts.get(kind, 0), (post.pk, kind) in mine)
            for kind, label in ReactionKind.choices
        ]
    return posts


def _suspended(viewer: Viewer, topic: Topic) -> bool:
    known = getattr(topic, "viewer_suspended", None)  # access_topic_by_id(for_page=True)
    if known is not None:
        return known
    return active_suspension(viewer.user) is not None


@dataclass
class TopicPermissions:
    can_reply: bool
    is_moderator: bool
    # May edit their own posts here: may post, and is not suspended (services.can_edit).
    can_edit_own: bool = False


def topic_permissions(viewer: Viewer, topic: Topic) -> TopicPermissions:
    may_post = can_post(viewer, topic.category)
    allowed = may_post and (not topic.is_locked or viewer.is_moderator)
    can_edit_own = (
        may_post
        and not topic.is_locked
        and viewer.is_authenticated
        and not _suspended(viewer, topic)
    )
    return TopicPermissions(
        can_reply=allowed, is_moderator=viewer.is_moderator, can_edit_own=can_edit_own
    )


def category_followed(viewer: Viewer, category: Category) -> bool:
    if not viewer.is_authenticated:
        return False
    return Subscription.objects.filter(user_id=viewer.pk, category=category).exists()


def revisions_of(post: Post):
    return PostRevision.objects.filter(post=post).select_related("edited_by")


def open_reports():
    return (
        Report.objects.filter(resolved_at__isnull=True)
        .select_related("post__topic__category", "post__author", "reporter")
        .order_by("created_at")
    )


def pending_posts():
    return (
        Post.objects.filter(is_approved=False)
        .select_related("topic__category", "author")
        .order_by("created_at")
    )


def moderation_log():
    return ModerationLogEntry.objects.select_related(
        "actor", "topic", "post", "category", "target_user"
    )


def active_discussions(viewer: Viewer, limit: int = 5):
    return list(
        Topic.objects.filter(readable_categories_q(viewer, prefix="category__"), is_hidden=False)
        .select_related("category", "last_post_author")
        .order_by("-last_post_at")[:limit]
    )


def search_posts(viewer: Viewer, query: str, *, category_slug: str = "", author: str = ""):
    words = query.split()[:8]
    queryset = Post.objects.filter(
        readable_categories_q(viewer, prefix="topic__category__"),
        is_approved=True,
        is_hidden=False,
        is_removed=False,
        topic__is_hidden=False,
    )
    for word in words:
        queryset = queryset.filter(Q(body__icontains=word) | Q(topic__title__icontains=word))
    if category_slug:
        queryset = queryset.filter(topic__category__slug=category_slug)
    if author:
        queryset = queryset.filter(author__display_name__icontains=author)
    return queryset.select_related("topic__category", "author").order_by("-created_at")


def home_section(user) -> dict:
    """The home page's "Active discussions": the latest topics the member may read."""
    from .access import viewer_for

    return {
        "template": "forums/components/home_section.html",
        "forum_active_topics": active_discussions(viewer_for(user)),
    }


def followed_unread(viewer: Viewer, *, limit: int = 6) -> dict:
    """Topics the member follows with posts they have not read, newest activity first,
    each with `unread` (how many new posts). Two queries whatever the number of follows:
    the rows and their total."""
    if not viewer.is_authenticated:
        return {"rows": [], "count": 0}
    last_read = Subquery(
        ReadState.objects.filter(topic=OuterRef("pk"), user_id=viewer.pk).values(
            "last_read_number"
        )[:1]
    )
    unread = (
        Topic.objects.filter(
            readable_categories_q(viewer, prefix="category__"),
            Exists(Subscription.objects.filter(topic=OuterRef("pk"), user_id=viewer.pk)),
            is_hidden=False,
        )
        .annotate(last_read=Coalesce(last_read, Value(0)))
        .annotate(unread=F("last_number") - F("last_read"))
        .filter(unread__gt=0)
    )
    rows = list(
        unread.select_related("category", "last_post_author").order_by("-last_post_at")[:limit]
    )
    return {"rows": rows, "count": unread.count()}


def start_followed(user) -> dict:
    return {
        "slot": "main",
        "template": "forums/components/start_followed.html",
        **followed_unread(viewer_for(user)),
    }


def start_discussions(user) -> dict:
    return {
        "slot": "aside",
        "template": "forums/components/start_discussions.html",
        "topics": active_discussions(viewer_for(user)),
    }
