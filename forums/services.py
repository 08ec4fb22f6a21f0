"""Every write of the forums. Views and the gatherings app call these, nothing else."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.members.models import User
from community.notifications.services import notify
from community.realtime.publish import publish_on_commit

from . import limits
from .access import active_suspension, can_post, can_read, viewer_for
from .cache import topic_bump_on_commit
from .events import ForumPostCreated, topic_group
from .markup import render_markdown
from .models import (
    Audience,
    Category,
    Draft,
    ModerationAction,
    ModerationLogEntry,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadState,
    Report,
    Subscription,
    Suspension,
    Topic,
    TopicKind,
)

MAX_POST_LENGTH = getattr(settings, "FORUMS_MAX_POST_LENGTH", 20_000)
MAX_MENTIONS = 5
DELETE_GRACE = timedelta(minutes=getattr(settings, "FORUMS_DELETE_GRACE_MINUTES", 15))
_MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]{1,59})")


class ForumError(ValidationError):
    """A rule of the forums said no; the message is for the member."""


# --- helpers -----------------------------------------------------------------


def _unique_slug(title: str) -> str:
    base = slugify(title)[:120] or "category"
    slug, n = base, 2
    while Category.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _retry_message(hit: limits.LimitHit) -> str:
    when = timezone.localtime(timezone.now() + timedelta(seconds=hit.seconds))
    return _("You have posted a lot in a short time. You can post again at %(time)s.") % {
        "time": date_format(when, "TIME_FORMAT")
    }


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ForumError(_("Write something first."))
    if len(body) > MAX_POST_LENGTH:
        raise ForumError(
            _("A post can be at most %(max)d characters; this one has %(n)d.")
            % {"max": MAX_POST_LENGTH, "n": len(body)}
        )
    return body


def _check_can_post(*, user, category: Category, topic: Topic | None = None) -> None:
    viewer = viewer_for(user)
    if not can_post(viewer, category):
        raise PermissionDenied(_("You cannot post in this category."))
    if topic is not None and (topic.is_locked or topic.is_hidden) and not viewer.is_moderator:
        raise ForumError(_("This topic is locked."))
    suspension = active_suspension(user)
    if suspension is not None:
        raise ForumError(
            _("You may not post until %(date)s.")
            % {"date": date_format(timezone.localtime(suspension.until), "DATETIME_FORMAT")}
        )


def _check_limits(*, user, category: Category, action: str, body: str) -> None:
    if viewer_for(user).is_moderator:
        return
    hit = limits.check(action, user.pk)
    if hit is not None:
        raise ForumError(_retry_message(hit))
    hit = limits.slow_mode_check(category.pk, category.slow_mode_seconds, user.pk)
    if hit is not None:
        raise ForumError(
            _("This category is in slow mode. You can post again in %(n)d seconds.")
            % {"n": hit.seconds}
        )
    # Last, so a rejected post does not block the member's corrected retry.
    if limits.is_duplicate(user.pk, body):
        raise ForumError(_("You just posted this same text."))


def _needs_approval(*, user, category: Category) -> bool:
    if not category.approve_first_posts or viewer_for(user).is_moderator:
        return False
    return not Post.objects.filter(author=user, is_approved=True).exists()


def _log(
    *, actor, action, reason="", topic=None, post=None, category=None, target_user=None, details=""
):
    return ModerationLogEntry.objects.create(
        actor=actor,
        action=action,
        reason=reason[:300],
        topic=topic,
        post=post,
        category=category or (topic.category if topic else None),
        target_user=target_user,
        details=details[:300],
    )


def _require_moderator(user) -> None:
    if not viewer_for(user).is_moderator:
        raise PermissionDenied(_("Only moderators can do this."))


def _insert_post(*, topic: Topic, author, body: str, approved: bool = True) -> Post:
    """Give the post the topic's next number and keep the counters right."""
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    number = locked.last_number + 1
    post = Post(
        topic=topic,
        number=number,
        author=author,
        body=body,
        body_html=render_markdown(body),
        is_approved=approved,
    )
    post.full_clean(exclude=["topic", "author"])
    post.save()
    now = post.created_at
    topic_updates = {"last_number": number}
    if approved:
        topic_updates.update(
            post_count=F("post_count") + 1, last_post_at=now, last_post_author=author
        )
        Category.objects.filter(pk=topic.category_id).update(
            post_count=F("post_count") + 1, last_post_at=now
        )
    Topic.objects.filter(pk=topic.pk).update(**topic_updates)
    topic.last_number = number
    topic_bump_on_commit(topic.pk)
    return post


# --- notifications -------------------------------------------------------------


def _mentioned_members(body: str):
    names = []
    for name in _MENTION.findall(body):
        key = name.rstrip(".-").lower()
        if key not in names:
            names.append(key)
    names = names[:MAX_MENTIONS]
    if not names:
        return []
    from django.db.models import Value
    from django.db.models.functions import Lower, Replace

    return list(
        User.objects.annotate(handle=Lower(Replace("display_name", Value(" "), Value("")))).filter(
            handle__in=names, is_active=True
        )
    )


def mention_handle(user) -> str:
    return user.display_name.replace(" ", "")


def _notify_about_post(post: Post, *, new_topic: bool, mentions: bool = True) -> None:
    """Replies to topic followers, mentions, new topics to category followers.

    Each member hears of a post once, and only if they may read the topic.
    """
    topic = post.topic
    category = topic.category
    author = post.author
    notified = {author.pk} if author else set()
    url = post.get_absolute_url()

    def may_read(member) -> bool:
        return can_read(viewer_for(member), category) and not topic.is_hidden

    for member in _mentioned_members(post.body) if mentions else []:
        if member.pk in notified or not may_read(member):
            continue
        notified.add(member.pk)
        notify(
            recipient=member,
            kind="forums.mention",
            actor=author,
            url=url,
            title=format_lazy(
                gettext_lazy("{name} mentioned you in “{topic}”"), name=author, topic=topic.title
            ),
            body=post.body[:300],
        )
    if new_topic:
        followers = Subscription.objects.filter(category=category)
        kind, title = (
            "forums.new_topic",
            format_lazy(
                gettext_lazy("New topic in {category}: “{topic}”"),
                category=category.title,
                topic=topic.title,
            ),
        )
    else:
        followers = Subscription.objects.filter(topic=topic)
        kind, title = (
            "forums.reply",
            format_lazy(
                gettext_lazy("{name} replied in “{topic}”"), name=author, topic=topic.title
            ),
        )
    for subscription in followers.exclude(user_id__in=notified).select_related("user"):
        member = subscription.user
        if not member.is_active or not may_read(member):
            continue
        notified.add(member.pk)
        notify(
            recipient=member, kind=kind, actor=author, url=url, title=title, body=post.body[:300]
        )


def _announce(post: Post) -> None:
    publish_on_commit(
        topic_group(post.topic_id),
        ForumPostCreated(
            topic_id=post.topic_id,
            number=post.number,
            author_id=post.author_id,
            url=post.get_absolute_url(),
        ),
    )


# --- categories -----------------------------------------------------------------


@transaction.atomic
def category_create(
    *,
    title: str,
    description: str = "",
    parent: Category | None = None,
    read_audience: str = Audience.EVERYONE,
    post_audience: str = Audience.MEMBERS,
    school=None,
    county=None,
    allowed_members=(),
    allow_pupils: bool = False,
    approve_first_posts: bool = False,
    position: int = 0,
    slug: str = "",
) -> Category:
    category = Category(
        title=title,
        slug=slug or _unique_slug(title),
        description=description,
        parent=parent,
        read_audience=read_audience,
        post_audience=post_audience,
        school=school,
        county=county,
        allow_pupils=allow_pupils,
        approve_first_posts=approve_first_posts,
        position=position,
    )
    category.full_clean()
    category.save()
    if allowed_members:
        category.allowed_members.add(*allowed_members)
    return category


@transaction.atomic
def exchange_space_create(
    *, title: str, description: str, topics: list[tuple[str, str]], members, created_by
) -> Category:
    """A gathering's experience-exchange space (the contract with community.gatherings).

    Read and written by exactly `members` (plus moderators); pupils among them post only
    with recorded consent. One topic per (title, first-post body) pair, by `created_by`.
    """
    category = category_create(
        title=title,
        description=description,
        read_audience=Audience.SELECTED,
        post_audience=Audience.SELECTED,
        allowed_members=list(members),
        allow_pupils=True,
        position=1000,
    )
    for topic_title, body in topics:
        _topic_insert(category=category, author=created_by, title=topic_title, body=body)
    return category


@transaction.atomic
def exchange_space_add_members(*, category: Category, members) -> None:
    category.allowed_members.add(*list(members))


# --- topics and posts -------------------------------------------------------------


def _topic_insert(*, category, author, title, body, kind=TopicKind.DISCUSSION, approved=True):
    title = title.strip()
    if not title:
        raise ForumError(_("Give the topic a title."))
    body = _check_body(body)
    topic = Topic(
        category=category,
        title=title,
        kind=kind,
        author=author,
        last_post_at=timezone.now(),
        last_post_author=author,
        is_hidden=not approved,
    )
    topic.full_clean(exclude=["category", "author", "last_post_author"])
    topic.save()
    post = _insert_post(topic=topic, author=author, body=body, approved=approved)
    Category.objects.filter(pk=category.pk).update(topic_count=F("topic_count") + 1)
    if author is not None:
        Subscription.objects.get_or_create(user=author, topic=topic)
    topic.refresh_from_db()
    return topic, post


@transaction.atomic
def topic_create(*, user, category: Category, title: str, body: str, kind=TopicKind.DISCUSSION):
    _check_can_post(user=user, category=category)
    body = _check_body(body)
    if kind not in TopicKind.values:
        raise ForumError(_("Choose a kind of topic."))
    _check_limits(user=user, category=category, action="topic", body=body)
    approved = not _needs_approval(user=user, category=category)
    topic, post = _topic_insert(
        category=category, author=user, title=title, body=body, kind=kind, approved=approved
    )
    Draft.objects.filter(user=user, category=category).delete()
    if approved:
        _notify_about_post(post, new_topic=True)
    return topic


@transaction.atomic
def post_create(*, user, topic: Topic, body: str, mentions: bool = True) -> Post:
    """A reply. Followers and mentioned members are notified; open pages hear of it.

    `mentions=False` for text quoted from elsewhere (a chat transcript), whose @names
    are a record and must not notify."""
    _check_can_post(user=user, category=topic.category, topic=topic)
    body = _check_body(body)
    _check_limits(user=user, category=topic.category, action="post", body=body)
    approved = not _needs_approval(user=user, category=topic.category)
    post = _insert_post(topic=topic, author=user, body=body, approved=approved)
    Subscription.objects.get_or_create(user=user, topic=topic)
    Draft.objects.filter(user=user, topic=topic).delete()
    if approved:
        # The author has read up to their own post.
        read_state_update(user=user, topic=topic, number=post.number)
        _notify_about_post(post, new_topic=False, mentions=mentions)
        _announce(post)
    return post


def can_edit(user, post: Post) -> bool:
    viewer = viewer_for(user)
    if viewer.is_moderator:
        return True
    # Editing is posting again: a suspended member, or a pupil whose consent was
    # withdrawn, may no more change a post than write one.
    return (
        viewer.is_authenticated
        and post.author_id == user.pk
        and not post.is_removed
        and not post.is_hidden
        and not post.topic.is_locked
        and can_post(viewer, post.topic.category)
        and active_suspension(user) is None
    )


@transaction.atomic
def post_edit(*, user, post: Post, body: str) -> Post:
    if not can_edit(user, post):
        raise PermissionDenied(_("You cannot edit this post."))
    body = _check_body(body)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=user)
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    topic_bump_on_commit(post.topic_id)
    return post


def can_delete(user, post: Post) -> bool:
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and not post.is_removed
        and not post.is_hidden
    )


@transaction.atomic
def post_delete(*, user, post: Post) -> str:
    """The author takes a post back: gone within the grace period, "removed" after it.

    The first post of a topic with replies always becomes "removed", so the thread
    stays readable. Returns "deleted" or "removed".
    """
    if not can_delete(user, post):
        raise PermissionDenied(_("You cannot delete this post."))
    topic = post.topic
    topic_bump_on_commit(topic.pk)
    within_grace = timezone.now() - post.created_at <= DELETE_GRACE
    is_last = post.number == topic.last_number
    if within_grace and is_last and post.number > 1:
        post.delete()
        if post.is_approved:
            Topic.objects.filter(pk=topic.pk).update(post_count=F("post_count") - 1)
            Category.objects.filter(pk=topic.category_id).update(post_count=F("post_count") - 1)
        return "deleted"
    PostRevision.objects.create(post=post, body=post.body, edited_by=user)
    post.is_removed = True
    post.body = ""
    post.body_html = ""
    post.save(update_fields=["is_removed", "body", "body_html"])
    return "removed"


@transaction.atomic
def reaction_toggle(*, user, post: Post, kind: str) -> bool:
    """Add the member's reaction of this kind, or take it back. True if now present."""
    if kind not in ReactionKind.values:
        raise ForumError(_("Unknown reaction."))
    viewer = viewer_for(user)
    if not viewer.is_authenticated or not can_read(viewer, post.topic.category):
        raise PermissionDenied(_("You cannot react to this post."))
    if viewer.is_pupil and not viewer.pupil_consent:
        raise PermissionDenied(_("You cannot react to this post."))
    if active_suspension(user) is not None:
        raise PermissionDenied(_("You cannot react to this post."))
    deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if not deleted:
        Reaction.objects.create(post=post, user=user, kind=kind)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    counts = dict(locked.reaction_counts)
    counts[kind] = max(0, counts.get(kind, 0) + (-1 if deleted else 1))
    if not counts[kind]:
        del counts[kind]
    locked.reaction_counts = counts
    locked.save(update_fields=["reaction_counts"])
    post.reaction_counts = counts
    topic_bump_on_commit(post.topic_id)
    return not deleted


@transaction.atomic
def topic_mark_solution(*, user, post: Post | None, topic: Topic) -> None:
    """The asker (or a moderator) marks the best answer; None clears it."""
    viewer = viewer_for(user)
    if topic.kind != TopicKind.QUESTION:
        raise ForumError(_("Only questions can be marked solved."))
    if not (viewer.is_moderator or topic.author_id == user.pk):
        raise PermissionDenied(_("Only the person who asked can mark the answer."))
    if post is not None and (post.topic_id != topic.pk or not post.is_visible):
        raise ForumError(_("That post cannot be the answer."))
    topic.solution = post
    topic.save(update_fields=["solution"])
    topic_bump_on_commit(topic.pk)


# --- following, reading, drafts ----------------------------------------------------


@transaction.atomic
def topic_follow(*, user, topic: Topic, follow: bool) -> None:
    if follow:
        if not can_read(viewer_for(user), topic.category):
            raise PermissionDenied(_("You cannot follow this topic."))
        Subscription.objects.get_or_create(user=user, topic=topic)
    else:
        Subscription.objects.filter(user=user, topic=topic).delete()


@transaction.atomic
def category_follow(*, user, category: Category, follow: bool) -> None:
    if follow:
        if not can_read(viewer_for(user), category):
            raise PermissionDenied(_("You cannot follow this category."))
        Subscription.objects.get_or_create(user=user, category=category)
    else:
        Subscription.objects.filter(user=user, category=category).delete()


def read_state_update(*, user, topic: Topic, number: int, known: int | None = None) -> None:
    """Remember the highest post number the member has seen; never moves backwards.

    `known` is the stored number when the caller already read it with the topic, so a
    page view that brings nothing new writes nothing.
    """
    if known is not None and known >= number:
        return
    updated = ReadState.objects.filter(user=user, topic=topic, last_read_number__lt=number).update(
        last_read_number=number
    )
    if not updated:
        ReadState.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_number": number}
        )


@transaction.atomic
def draft_save(
    *,
    user,
    category: Category | None = None,
    topic: Topic | None = None,
    title: str = "",
    body: str = "",
) -> Draft | None:
    """Keep what the member is typing; an empty draft is discarded."""
    if (category is None) == (topic is None):
        raise ForumError(_("A draft belongs to a topic or a category."))
    target = category or topic.category
    if not can_post(viewer_for(user), target):
        raise PermissionDenied(_("You cannot post here."))
    lookup = {"user": user, "topic": topic} if topic else {"user": user, "category": category}
    if not body.strip() and not title.strip():
        Draft.objects.filter(**lookup).delete()
        return None
    draft, _created = Draft.objects.update_or_create(
        **lookup, defaults={"title": title[:160], "body": body[:MAX_POST_LENGTH]}
    )
    return draft


# --- reports and moderation --------------------------------------------------------


@transaction.atomic
def report_create(*, user, post: Post, reason: str) -> Report:
    viewer = viewer_for(user)
    if not viewer.is_authenticated or not can_read(viewer, post.topic.category):
        raise PermissionDenied(_("You cannot report this post."))
    reason = reason.strip()
    if not reason:
        raise ForumError(_("Tell the moderators what is wrong with the post."))
    if len(reason) > 1000:
        raise ForumError(_("Keep the reason under 1,000 characters."))
    if Report.objects.filter(post=post, reporter=user, resolved_at__isnull=True).exists():
        raise ForumError(_("You have already reported this post; the moderators will look at it."))
    hit = limits.check("report", user.pk)
    if hit is not None:
        raise ForumError(
            _("You have sent many reports. You can report again at %(time)s.")
            % {
                "time": date_format(
                    timezone.localtime(timezone.now() + timedelta(seconds=hit.seconds)),
                    "TIME_FORMAT",
                )
            }
        )
    report = Report(post=post, reporter=user, reason=reason)
    report.full_clean(exclude=["post", "reporter"])
    report.save()
    return report


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ForumError(_("Give a reason; it goes into the moderation log."))
    return reason[:300]


@transaction.atomic
def report_resolve(*, user, report: Report, reason: str) -> None:
    _require_moderator(user)
    reason = _require_reason(reason)
    Report.objects.filter(post=report.post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=user
    )
    _log(
        actor=user,
        action=ModerationAction.RESOLVE,
        reason=reason,
        topic=report.post.topic,
        post=report.post,
    )


@transaction.atomic
def post_hide(*, user, post: Post, reason: str, hide: bool = True) -> None:
    _require_moderator(user)
    reason = _require_reason(reason)
    post.is_hidden = hide
    post.hidden_reason = reason if hide else ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    topic_bump_on_commit(post.topic_id)
    if hide:
        Report.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=user
        )
    _log(
        actor=user,
        action=ModerationAction.HIDE if hide else ModerationAction.RESTORE,
        reason=reason,
        topic=post.topic,
        post=post,
        target_user=post.author,
    )
    if hide and post.author is not None and post.author.is_active:
        # The author is told why, in their own language, with the moderator's reason.
        notify(
            recipient=post.author,
            kind="forums.hidden",
            url=post.topic.get_absolute_url(),
            title=format_lazy(
                gettext_lazy("A moderator hid your post in “{topic}”"), topic=post.topic.title
            ),
            body=format_lazy(gettext_lazy("Reason: {reason}"), reason=reason),
        )


@transaction.atomic
def post_approve(*, user, post: Post, reason: str = "") -> None:
    _require_moderator(user)
    if post.is_approved:
        return
    topic = post.topic
    post.is_approved = True
    post.save(update_fields=["is_approved"])
    topic_bump_on_commit(topic.pk)
    Topic.objects.filter(pk=topic.pk).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at, last_post_author=post.author
    )
    Category.objects.filter(pk=topic.category_id).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at
    )
    if post.number == 1 and topic.is_hidden:
        topic.is_hidden = False
        topic.save(update_fields=["is_hidden"])
    _log(
        actor=user,
        action=ModerationAction.APPROVE,
        reason=reason or _("Approved"),
        topic=topic,
        post=post,
        target_user=post.author,
    )
    _notify_about_post(post, new_topic=post.number == 1)
    _announce(post)


@transaction.atomic
def topic_moderate(*, user, topic: Topic, action: str, reason: str) -> None:
    """Lock/unlock, pin/unpin, hide/restore a topic."""
    _require_moderator(user)
    reason = _require_reason(reason)
    changes = {
        ModerationAction.LOCK: ("is_locked", True),
        ModerationAction.UNLOCK: ("is_locked", False),
        ModerationAction.PIN: ("is_pinned", True),
        ModerationAction.UNPIN: ("is_pinned", False),
        ModerationAction.HIDE_TOPIC: ("is_hidden", True),
        ModerationAction.RESTORE_TOPIC: ("is_hidden", False),
    }
    if action not in changes:
        raise ForumError(_("Unknown moderation action."))
    field_name, value = changes[action]
    setattr(topic, field_name, value)
    topic.save(update_fields=[field_name])
    topic_bump_on_commit(topic.pk)
    _log(actor=user, action=action, reason=reason, topic=topic, target_user=topic.author)


@transaction.atomic
def topic_move(*, user, topic: Topic, category: Category, reason: str) -> None:
    _require_moderator(user)
    reason = _require_reason(reason)
    old = topic.category
    if old.pk == category.pk:
        return
    visible = topic.post_count
    Category.objects.filter(pk=old.pk).update(
        topic_count=F("topic_count") - 1, post_count=F("post_count") - visible
    )
    Category.objects.filter(pk=category.pk).update(
        topic_count=F("topic_count") + 1,
        post_count=F("post_count") + visible,
        last_post_at=topic.last_post_at,
    )
    topic.category = category
    topic.save(update_fields=["category"])
    topic_bump_on_commit(topic.pk)
    _log(
        actor=user,
        action=ModerationAction.MOVE,
        reason=reason,
        topic=topic,
        category=category,
        details=f"{old.title} → {category.title}",
    )


def _renumber_into(*, posts, target: Topic) -> None:
    """Append `posts` (in order) to `target`, giving them the target's next numbers."""
    locked = Topic.objects.select_for_update().get(pk=target.pk)
    number = locked.last_number
    for post in posts:
        number += 1
        post.topic = target
        post.number = number
    # Each row changes topic and number together, and the new numbers are free in the
    # target, so the unique (topic, number) constraint holds at every step.
    Post.objects.bulk_update(posts, ["topic", "number"])
    visible = sum(1 for post in posts if post.is_approved)
    last = max((p for p in posts if p.is_approved), key=lambda p: p.created_at, default=None)
    updates = {"last_number": number, "post_count": F("post_count") + visible}
    if last is not None and last.created_at > target.last_post_at:
        updates.update(last_post_at=last.created_at, last_post_author_id=last.author_id)
    Topic.objects.filter(pk=target.pk).update(**updates)


@transaction.atomic
def topic_merge(*, user, source: Topic, target: Topic, reason: str) -> None:
    """All posts of `source` move to the end of `target`; `source` disappears."""
    _require_moderator(user)
    reason = _require_reason(reason)
    if source.pk == target.pk:
        raise ForumError(_("A topic cannot be merged into itself."))
    posts = list(Post.objects.filter(topic=source).order_by("number"))
    _renumber_into(posts=posts, target=target)
    topic_bump_on_commit(source.pk, target.pk)
    for subscription in Subscription.objects.filter(topic=source):
        Subscription.objects.get_or_create(user_id=subscription.user_id, topic=target)
    Category.objects.filter(pk=source.category_id).update(
        topic_count=F("topic_count") - 1, post_count=F("post_count") - source.post_count
    )
    Category.objects.filter(pk=target.category_id).update(
        post_count=F("post_count") + source.post_count
    )
    title = source.title
    _log(
        actor=user,
        action=ModerationAction.MERGE,
        reason=reason,
        topic=target,
        details=f"“{title}” → “{target.title}”",
    )
    source.delete()


@transaction.atomic
def topic_split(*, user, topic: Topic, numbers: list[int], title: str, reason: str) -> Topic:
    """Selected replies become a new topic in the same category."""
    _require_moderator(user)
    reason = _require_reason(reason)
    title = title.strip()
    if not title:
        raise ForumError(_("Give the new topic a title."))
    posts = list(
        Post.objects.filter(topic=topic, number__in=numbers, number__gt=1).order_by("number")
    )
    if not posts:
        raise ForumError(_("Choose at least one reply (not the first post)."))
    first = posts[0]
    new = Topic(
        category=topic.category,
        title=title,
        author=first.author,
        last_post_at=first.created_at,
        last_post_author=first.author,
    )
    new.full_clean(exclude=["category", "author", "last_post_author"])
    new.save()
    _renumber_into(posts=posts, target=new)
    visible = sum(1 for post in posts if post.is_approved)
    Topic.objects.filter(pk=topic.pk).update(post_count=F("post_count") - visible)
    topic_bump_on_commit(topic.pk, new.pk)
    Category.objects.filter(pk=topic.category_id).update(topic_count=F("topic_count") + 1)
    new.refresh_from_db()
    _log(
        actor=user,
        action=ModerationAction.SPLIT,
        reason=reason,
        topic=new,
        details=f"“{topic.title}” → “{new.title}”",
    )
    return new


@transaction.atomic
def category_set_slow_mode(*, user, category: Category, seconds: int, reason: str) -> None:
    _require_moderator(user)
    reason = _require_reason(reason)
    if seconds < 0 or seconds > 24 * 3600:
        raise ForumError(_("Slow mode is between 0 seconds and one day."))
    category.slow_mode_seconds = seconds
    category.save(update_fields=["slow_mode_seconds"])
    _log(
        actor=user,
        action=ModerationAction.SLOW_MODE,
        reason=reason,
        category=category,
        details=str(seconds),
    )


@transaction.atomic
def member_suspend(*, user, member, days: int, reason: str) -> Suspension:
    _require_moderator(user)
    reason = _require_reason(reason)
    if days < 1 or days > 365:
        raise ForumError(_("Suspend for between 1 and 365 days."))
    if member.pk == user.pk:
        raise ForumError(_("You cannot suspend yourself."))
    suspension = Suspension.objects.create(
        user=member, until=timezone.now() + timedelta(days=days), reason=reason, created_by=user
    )
    _log(
        actor=user,
        action=ModerationAction.SUSPEND,
        reason=reason,
        target_user=member,
        details=str(days),
    )
    return suspension
