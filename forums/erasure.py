"""What an erasure does to the forums (one rule, documented in docs/forums.md):

- a topic only the member posted in is deleted, with its posts;
- a post that nobody answered (no later post by someone else in its topic) becomes
  *removed*: its text and earlier versions are deleted;
- a post others answered stays readable, shown as "Former member" (the author becomes
  NULL when the account goes);
- drafts, follows, read state and reactions go with the account (CASCADE).
"""

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q

from .cache import topic_bump_on_commit
from .models import Category, Post, PostRevision, Topic


@transaction.atomic
def member_forum_content_erase(*, user) -> None:
    only_theirs = Topic.objects.annotate(
        others=Count("posts", filter=~Q(posts__author=user))
    ).filter(posts__author=user, others=0)
    for topic in only_theirs.distinct():
        Category.objects.filter(pk=topic.category_id).update(
            topic_count=F("topic_count") - 1, post_count=F("post_count") - topic.post_count
        )
        topic_bump_on_commit(topic.pk)
        topic.delete()
    answered_later = Post.objects.filter(
        topic=OuterRef("topic"), number__gt=OuterRef("number")
    ).exclude(author=user)
    unanswered = Post.objects.filter(author=user).exclude(Exists(answered_later))
    for topic_id in set(unanswered.values_list("topic_id", flat=True)):
        topic_bump_on_commit(topic_id)
    PostRevision.objects.filter(post__in=unanswered).delete()
    unanswered.update(is_removed=True, body="", body_html="")
