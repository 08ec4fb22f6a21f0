"""Unread tracking: last read post number per member and topic.

Cases: a visit marks the shown page read; "new since your last visit" marks the posts
that were new; the topic list flags topics with new replies; "jump to first unread" lands
on the right page and anchor; read state never moves backwards.
"""

import pytest

from forums import services
from forums.models import ReadState
from forums.selectors import POSTS_PER_PAGE
from tests.factories.forums import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_visit_marks_read_and_new_posts_are_marked(open_topic, kari_other_school_teacher, client):
    client.force_login(kari_other_school_teacher)
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert page.count("new since your last visit") == 3
    assert (
        ReadState.objects.get(user=kari_other_school_teacher, topic=open_topic).last_read_number
        == 3
    )
    PostFactory(topic=open_topic, author=open_topic.author, body="Fresh")
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert page.count("new since your last visit") == 1
    assert 'id="post-4" class="post is-new' in page


def test_topic_list_flags_new_replies(open_topic, open_category, kari_other_school_teacher, client):
    client.force_login(kari_other_school_teacher)
    services.read_state_update(user=kari_other_school_teacher, topic=open_topic, number=3)
    assert "new replies" not in client.get(open_category.get_absolute_url()).content.decode()
    PostFactory(topic=open_topic, author=open_topic.author)
    assert "new replies" in client.get(open_category.get_absolute_url()).content.decode()


def test_jump_to_first_unread(open_category, astrid_teacher, kari_other_school_teacher, client):
    topic = TopicFactory(category=open_category, author=astrid_teacher, posts=POSTS_PER_PAGE + 5)
    services.read_state_update(
        user=kari_other_school_teacher, topic=topic, number=POSTS_PER_PAGE + 2
    )
    client.force_login(kari_other_school_teacher)
    response = client.get(f"/forums/t/{topic.pk}/unread/")
    assert response["Location"] == f"/forums/t/{topic.pk}/?page=2#post-{POSTS_PER_PAGE + 3}"


def test_read_state_never_moves_backwards(open_topic, kari_other_school_teacher):
    services.read_state_update(user=kari_other_school_teacher, topic=open_topic, number=3)
    services.read_state_update(user=kari_other_school_teacher, topic=open_topic, number=1)
    assert ReadState.objects.get(user=kari_other_school_teacher).last_read_number == 3


def test_visitor_page_view_writes_nothing_and_creates_no_session(
    open_topic, client, django_assert_max_num_queries
):
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(open_topic.get_absolute_url())
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0
