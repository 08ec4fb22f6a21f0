"""A quote-reply keeps what the member typed; the author of a hidden post is told why."""

import pytest

from community.notifications.models import Notification
from forums import services

pytestmark = pytest.mark.django_db


def test_quoting_keeps_the_draft(client, open_topic, kari_other_school_teacher):
    client.force_login(kari_other_school_teacher)
    client.post("/forums/drafts/", {"topic": open_topic.pk, "body": "Mitt eget utkast"})
    quoted = open_topic.posts.get(number=2)
    page = client.get(f"/forums/t/{open_topic.pk}/reply/", {"quote": quoted.pk}).content.decode()
    assert "Mitt eget utkast" in page
    assert f"&gt; **{quoted.author}:**" in page or f"> **{quoted.author}:**" in page


def test_the_author_of_a_hidden_post_is_told_why(
    client, open_topic, kari_other_school_teacher, magnus_moderator
):
    reply = services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Spam")
    services.post_hide(user=magnus_moderator, post=reply, reason="Reklame")
    note = Notification.objects.get(recipient=kari_other_school_teacher, kind="forums.hidden")
    assert open_topic.title in note.title and "Reklame" in note.body
    client.force_login(kari_other_school_teacher)
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert "A moderator hid your post: Reklame" in page
