"""What the forums hold about a member, for /me/data/ (community/members/privacy.py)."""

from .models import (
    Category,
    Draft,
    ModerationLogEntry,
    Post,
    PostRevision,
    Reaction,
    ReadState,
    Report,
    Subscription,
    Suspension,
    Topic,
)

MODELS = (
    "forums.Topic",
    "forums.Post",
    "forums.PostRevision",
    "forums.Reaction",
    "forums.Subscription",
    "forums.ReadState",
    "forums.Draft",
    "forums.Report",
    "forums.Suspension",
    "forums.ModerationLogEntry",
    "forums.Category",
)


def _at(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    return {
        "topics": [
            {"title": t.title, "category": t.category.title, "created_at": _at(t.created_at)}
            for t in Topic.objects.filter(author=user).select_related("category")
        ],
        "posts": [
            {
                "topic": p.topic.title,
                "number": p.number,
                "text": p.body,
                "created_at": _at(p.created_at),
                "edited_at": _at(p.edited_at),
                "removed": p.is_removed,
                "hidden": p.is_hidden,
            }
            for p in Post.objects.filter(author=user).select_related("topic")
        ],
        "earlier_versions": [
            {"topic": r.post.topic.title, "text": r.body, "at": _at(r.created_at)}
            for r in PostRevision.objects.filter(edited_by=user).select_related("post__topic")
        ],
        "reactions": [
            {"topic": r.post.topic.title, "post": r.post.number, "reaction": r.kind}
            for r in Reaction.objects.filter(user=user).select_related("post__topic")
        ],
        "follows": [
            {
                "topic": s.topic.title if s.topic else None,
                "category": s.category.title if s.category else None,
            }
            for s in Subscription.objects.filter(user=user).select_related("topic", "category")
        ],
        "read": [
            {"topic": r.topic.title, "last_read_post": r.last_read_number}
            for r in ReadState.objects.filter(user=user).select_related("topic")
        ],
        "drafts": [
            {"title": d.title, "text": d.body, "updated_at": _at(d.updated_at)}
            for d in Draft.objects.filter(user=user)
        ],
        "reports_made": [
            {"topic": r.post.topic.title, "reason": r.reason, "at": _at(r.created_at)}
            for r in Report.objects.filter(reporter=user).select_related("post__topic")
        ],
        "suspensions": [
            {"until": _at(s.until), "reason": s.reason}
            for s in Suspension.objects.filter(user=user)
        ],
        "moderation_about_me": [
            {"action": e.action, "reason": e.reason, "at": _at(e.created_at)}
            for e in ModerationLogEntry.objects.filter(target_user=user)
        ],
        "moderation_by_me": [
            {"action": e.action, "reason": e.reason, "at": _at(e.created_at)}
            for e in ModerationLogEntry.objects.filter(actor=user)
        ],
        "categories_opened_to_me": list(
            Category.objects.filter(allowed_members=user).values_list("title", flat=True)
        ),
    }
