"""Moderation: reports and the queue, hide/restore, lock, pin, move, merge, split, slow
mode, suspension; every action logged with who and why.
"""

import pytest
from django.core.exceptions import PermissionDenied

from forums import services
from forums.models import ModerationLogEntry, Post, Report, Topic
from tests.factories.forums import CategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def log_actions():
    return list(
        ModerationLogEntry.objects.order_by("created_at").values_list(
            "action", "reason", "actor__display_name"
        )
    )


def test_report_appears_in_queue_and_hiding_resolves_it(
    open_topic, kari_other_school_teacher, magnus_moderator, client
):
    post = open_topic.posts.get(number=2)
    client.force_login(kari_other_school_teacher)
    client.post(f"/forums/p/{post.pk}/report/", {"reason": "Advertising"})
    report = Report.objects.get()
    assert report.reason == "Advertising" and report.reporter == kari_other_school_teacher
    # Reporting twice is refused with a message, the form kept.
    response = client.post(f"/forums/p/{post.pk}/report/", {"reason": "Again"})
    assert response.status_code == 200 and Report.objects.count() == 1
    client.force_login(magnus_moderator)
    assert "Advertising" in client.get("/forums/moderation/").content.decode()
    client.post(
        f"/forums/p/{post.pk}/moderate/", {"action": "hide", "reason": "Spam", "next": "queue"}
    )
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.is_hidden and report.resolved_by == magnus_moderator
    assert log_actions() == [("hide", "Spam", "Magnus")]
    client.logout()
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert "A moderator hid this post." in page and "Post 2 text" not in page


def test_moderation_needs_a_reason_and_a_moderator(open_topic, astrid_teacher, magnus_moderator):
    post = open_topic.posts.get(number=2)
    with pytest.raises(PermissionDenied):
        services.post_hide(user=astrid_teacher, post=post, reason="Mine")
    with pytest.raises(services.ForumError):
        services.post_hide(user=magnus_moderator, post=post, reason="  ")
    assert ModerationLogEntry.objects.count() == 0


def test_lock_pin_restore_are_logged(open_topic, magnus_moderator, client):
    client.force_login(magnus_moderator)
    for action in ["lock", "pin", "unlock"]:
        client.post(
            f"/forums/t/{open_topic.pk}/moderate/",
            {"form": "state", "state-action": action, "state-reason": f"why {action}"},
        )
    open_topic.refresh_from_db()
    assert open_topic.is_pinned and not open_topic.is_locked
    assert [a for a, _r, _n in log_actions()] == ["lock", "pin", "unlock"]
    page = client.get("/forums/moderation/log/").content.decode()
    assert "why pin" in page and "Magnus" in page


def test_move_merge_and_split(open_topic, open_category, astrid_teacher, magnus_moderator, client):
    other = CategoryFactory(title="Strings", slug="strings")
    client.force_login(magnus_moderator)
    client.post(
        f"/forums/t/{open_topic.pk}/moderate/",
        {"form": "move", "move-category": other.pk, "move-reason": "Wrong place"},
    )
    open_topic.refresh_from_db()
    other.refresh_from_db()
    assert open_topic.category == other and other.topic_count == 1 and other.post_count == 3

    target = TopicFactory(category=other, author=astrid_teacher, posts=2)
    client.post(
        f"/forums/t/{open_topic.pk}/moderate/",
        {"form": "merge", "merge-target": target.pk, "merge-reason": "Same question"},
    )
    assert not Topic.objects.filter(pk=open_topic.pk).exists()
    target.refresh_from_db()
    assert list(target.posts.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert target.post_count == 5 and target.last_number == 5

    response = client.post(
        f"/forums/t/{target.pk}/moderate/",
        {
            "form": "split",
            "split-title": "Side track",
            "split-numbers": "4, 5",
            "split-reason": "Off topic",
        },
    )
    new = Topic.objects.get(title="Side track")
    assert response["Location"] == new.get_absolute_url()
    assert list(new.posts.values_list("number", flat=True)) == [1, 2]
    target.refresh_from_db()
    assert target.post_count == 3
    assert [a for a, _r, _n in log_actions()] == ["move", "merge", "split"]


def test_bad_split_input_keeps_the_form(open_topic, magnus_moderator, client):
    client.force_login(magnus_moderator)
    response = client.post(
        f"/forums/t/{open_topic.pk}/moderate/",
        {"form": "split", "split-title": "X", "split-numbers": "four", "split-reason": "r"},
    )
    assert response.status_code == 200
    assert (
        "Use numbers separated by commas." in response.content.decode()
        or "four" in response.content.decode()
    )
    assert Topic.objects.count() == 1


def test_suspended_member_cannot_post(
    open_topic, kari_other_school_teacher, magnus_moderator, client
):
    client.force_login(magnus_moderator)
    client.post(
        f"/forums/moderation/members/{kari_other_school_teacher.pk}/suspend/",
        {"days": 3, "reason": "Insults"},
    )
    with pytest.raises(services.ForumError, match="may not post until"):
        services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Hi")
    assert log_actions() == [("suspend", "Insults", "Magnus")]


def test_slow_mode(open_topic, open_category, kari_other_school_teacher, magnus_moderator):
    services.category_set_slow_mode(
        user=magnus_moderator, category=open_category, seconds=60, reason="Heated"
    )
    open_topic.category.refresh_from_db()
    services.post_create(user=kari_other_school_teacher, topic=open_topic, body="One")
    with pytest.raises(services.ForumError, match="slow mode"):
        services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Two")
    assert Post.objects.filter(author=kari_other_school_teacher).count() == 1


def test_the_log_reads_in_words_with_names_not_addresses(
    open_topic, open_category, kari_other_school_teacher, magnus_moderator, client
):
    services.category_set_slow_mode(
        user=magnus_moderator, category=open_category, seconds=30, reason="Heated"
    )
    services.member_suspend(
        user=magnus_moderator, member=kari_other_school_teacher, days=1, reason="Insults"
    )
    magnus_moderator.language = "en"
    magnus_moderator.save(update_fields=["language"])
    client.force_login(magnus_moderator)
    html = client.get("/forums/moderation/log/").content.decode()
    assert "one post every 30 seconds" in html
    assert "for 1 day" in html
    assert "(Kari" in html and kari_other_school_teacher.email not in html
    assert "Heated" in html and "Insults" in html
