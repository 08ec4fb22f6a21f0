"""Topics and posts: who may post, quoting, editing with history, deleting, reactions,
mentions, solved answers, drafts.

Cases: pupil with consent posts where pupils are allowed and nowhere else; pupil without
consent only reads; edit keeps a revision visible to author and moderators; delete within
the grace period vs. "removed" after it; one reaction per member per kind; solved by the
asker only; drafts kept and cleared on posting; bad input keeps the text.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from forums import services
from forums.models import Draft, Post, Reaction, Topic, TopicKind
from tests.factories.forums import CategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_pupil_with_consent_posts_where_pupils_are_allowed(open_topic, ingrid_pupil_14):
    post = services.post_create(user=ingrid_pupil_14, topic=open_topic, body="I practise daily")
    assert post.number == 4


def test_pupil_without_consent_only_reads(open_topic, emil_pupil_11, client):
    with pytest.raises(PermissionDenied):
        services.post_create(user=emil_pupil_11, topic=open_topic, body="Hi")
    client.force_login(emil_pupil_11)
    response = client.get(open_topic.get_absolute_url())
    assert response.status_code == 200
    assert "Post reply" not in response.content.decode()


def test_pupil_with_consent_cannot_post_where_pupils_are_not_allowed(
    ingrid_pupil_14, astrid_teacher
):
    category = CategoryFactory(allow_pupils=False)
    topic = TopicFactory(category=category, author=astrid_teacher)
    with pytest.raises(PermissionDenied):
        services.post_create(user=ingrid_pupil_14, topic=topic, body="Hi")


def test_reply_through_the_page_and_quote(open_topic, kari_other_school_teacher, client):
    client.force_login(kari_other_school_teacher)
    first = open_topic.posts.get(number=1)
    response = client.get(f"/forums/t/{open_topic.pk}/reply/?quote={first.pk}")
    assert "&gt; **Astrid:**" in response.content.decode()
    response = client.post(f"/forums/t/{open_topic.pk}/reply/", {"body": "> quoted\n\nMy answer"})
    assert response.status_code == 302
    post = Post.objects.get(topic=open_topic, number=4)
    assert "<blockquote>" in post.body_html and post.author == kari_other_school_teacher
    open_topic.refresh_from_db()
    assert open_topic.post_count == 4 and open_topic.last_post_author == kari_other_school_teacher


def test_too_long_post_keeps_the_input(open_topic, astrid_teacher, client):
    astrid_teacher.language = "en"
    astrid_teacher.save()
    client.force_login(astrid_teacher)
    response = client.post(f"/forums/t/{open_topic.pk}/reply/", {"body": "x" * 20001})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 20000 characters" in page
    assert "x" * 100 in page


def test_new_topic_form_creates_topic_and_clears_draft(open_category, astrid_teacher, client):
    client.force_login(astrid_teacher)
    client.post("/forums/drafts/", {"category": "piano", "title": "Half", "body": "typing"})
    assert Draft.objects.get(user=astrid_teacher, category=open_category).body == "typing"
    response = client.get("/forums/c/piano/new/")
    assert "typing" in response.content.decode()
    response = client.post(
        "/forums/c/piano/new/", {"title": "Pedal tips", "kind": "question", "body": "How?"}
    )
    topic = Topic.objects.get(title="Pedal tips")
    assert response["Location"] == topic.get_absolute_url()
    assert topic.kind == TopicKind.QUESTION
    assert not Draft.objects.filter(user=astrid_teacher).exists()
    open_category.refresh_from_db()
    assert open_category.topic_count == 1 and open_category.post_count == 1


def test_edit_keeps_history_for_author_and_moderators(
    open_topic, astrid_teacher, kari_other_school_teacher, magnus_moderator, client
):
    post = open_topic.posts.get(number=2)
    services.post_edit(user=astrid_teacher, post=post, body="Better text")
    post.refresh_from_db()
    assert post.body_html == "<p>Better text</p>\n" and post.edited_at
    for member, status in [
        (astrid_teacher, 200),
        (magnus_moderator, 200),
        (kari_other_school_teacher, 403),
    ]:
        client.force_login(member)
        response = client.get(f"/forums/p/{post.pk}/history/")
        assert response.status_code == status
        if status == 200:
            assert "Post 2 text" in response.content.decode()
    with pytest.raises(PermissionDenied):
        services.post_edit(user=kari_other_school_teacher, post=post, body="Mine now")


def test_delete_within_grace_period_removes_the_last_post(open_topic, astrid_teacher):
    post = services.post_create(user=astrid_teacher, topic=open_topic, body="Oops")
    assert services.post_delete(user=astrid_teacher, post=post) == "deleted"
    assert not Post.objects.filter(pk=post.pk).exists()


def test_delete_after_grace_period_leaves_removed_stub(open_topic, astrid_teacher, client):
    post = open_topic.posts.get(number=2)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(hours=1))
    post.refresh_from_db()
    assert services.post_delete(user=astrid_teacher, post=post) == "removed"
    post.refresh_from_db()
    assert post.is_removed and post.body == ""
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert "The author removed this post." in page
    assert "Post 3 text" in page


def test_one_reaction_per_member_per_kind(open_topic, kari_other_school_teacher, astrid_teacher):
    post = open_topic.posts.get(number=1)
    assert services.reaction_toggle(user=kari_other_school_teacher, post=post, kind="👍")
    services.reaction_toggle(user=astrid_teacher, post=post, kind="👍")
    services.reaction_toggle(user=astrid_teacher, post=post, kind="💡")
    post.refresh_from_db()
    assert post.reaction_counts == {"👍": 2, "💡": 1}
    assert not services.reaction_toggle(user=kari_other_school_teacher, post=post, kind="👍")
    post.refresh_from_db()
    assert post.reaction_counts == {"👍": 1, "💡": 1}
    assert Reaction.objects.filter(post=post).count() == 2
    with pytest.raises(services.ForumError):
        services.reaction_toggle(user=astrid_teacher, post=post, kind="💩")


def test_only_the_asker_marks_the_answer(
    open_category, astrid_teacher, kari_other_school_teacher, client
):
    topic = TopicFactory(
        category=open_category, author=astrid_teacher, kind=TopicKind.QUESTION, posts=2
    )
    answer = topic.posts.get(number=2)
    with pytest.raises(PermissionDenied):
        services.topic_mark_solution(user=kari_other_school_teacher, topic=topic, post=answer)
    client.force_login(astrid_teacher)
    client.post(f"/forums/p/{answer.pk}/solution/")
    topic.refresh_from_db()
    assert topic.solution == answer
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "best answer" in page
    category_page = client.get(open_category.get_absolute_url()).content.decode()
    assert "solved" in category_page


def test_locked_topic_refuses_replies(open_topic, kari_other_school_teacher, magnus_moderator):
    services.topic_moderate(user=magnus_moderator, topic=open_topic, action="lock", reason="Done")
    with pytest.raises(services.ForumError):
        services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Late")


def test_first_posts_of_new_members_wait_for_approval(
    astrid_teacher, kari_other_school_teacher, magnus_moderator, client
):
    category = CategoryFactory(approve_first_posts=True)
    topic = services.topic_create(
        user=astrid_teacher, category=category, title="Hello", body="First"
    )
    assert topic.is_hidden
    assert client.get(category.get_absolute_url()).content.decode().count("Hello") == 0
    client.force_login(magnus_moderator)
    assert "First" in client.get("/forums/moderation/").content.decode()
    post = topic.posts.get()
    client.post(
        f"/forums/p/{post.pk}/moderate/", {"action": "approve", "reason": "", "next": "queue"}
    )
    topic.refresh_from_db()
    assert not topic.is_hidden and topic.post_count == 1
    # Once approved, the member's next post goes straight through.
    reply = services.post_create(user=astrid_teacher, topic=topic, body="Second")
    assert reply.is_approved
