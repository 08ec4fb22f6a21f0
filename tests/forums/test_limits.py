"""Rate limits on topics, posts and reports, with when one may post again; duplicates."""

import pytest

from forums import services
from forums.models import Post

pytestmark = pytest.mark.django_db


def test_post_rate_limit_says_when(open_topic, kari_other_school_teacher, settings):
    settings.FORUMS_RATE_LIMITS = {"post": (2, 600)}
    services.post_create(user=kari_other_school_teacher, topic=open_topic, body="One")
    services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Two")
    with pytest.raises(services.ForumError, match="You can post again at"):
        services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Three")
    assert Post.objects.filter(author=kari_other_school_teacher).count() == 2


def test_topic_rate_limit_shows_message_and_keeps_text(
    open_category, kari_other_school_teacher, client, settings
):
    settings.FORUMS_RATE_LIMITS = {"topic": (1, 3600)}
    kari_other_school_teacher.language = "en"
    kari_other_school_teacher.save()
    client.force_login(kari_other_school_teacher)
    client.post("/forums/c/piano/new/", {"title": "A", "kind": "discussion", "body": "First"})
    response = client.post(
        "/forums/c/piano/new/", {"title": "B", "kind": "discussion", "body": "Second topic text"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "You can post again at" in page and "Second topic text" in page


def test_report_rate_limit(open_topic, kari_other_school_teacher, settings):
    settings.FORUMS_RATE_LIMITS = {"report": (1, 3600)}
    posts = list(open_topic.posts.all())
    services.report_create(user=kari_other_school_teacher, post=posts[0], reason="Spam")
    with pytest.raises(services.ForumError, match="report again at"):
        services.report_create(user=kari_other_school_teacher, post=posts[1], reason="Spam")


def test_duplicate_post_guard(open_topic, kari_other_school_teacher):
    services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Same  text")
    with pytest.raises(services.ForumError, match="same text"):
        services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Same text")


def test_moderators_are_not_rate_limited(open_topic, magnus_moderator, settings):
    settings.FORUMS_RATE_LIMITS = {"post": (1, 600)}
    for n in range(3):
        services.post_create(user=magnus_moderator, topic=open_topic, body=f"Note {n}")
