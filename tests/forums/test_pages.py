"""Page query counts do not grow with topics, posts or reactions shown; search; home."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums import services
from forums.models import Audience, Reaction
from tests.factories.community import UserFactory
from tests.factories.forums import CategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(category, author, topics: int, posts: int, reactors: int):
    for _ in range(topics):
        topic = TopicFactory(category=category, author=author, posts=posts)
        for member in UserFactory.create_batch(reactors):
            for post in topic.posts.all()[:5]:
                services.reaction_toggle(user=member, post=post, kind="👍")
    return topic


@pytest.mark.parametrize("persona", ["visitor", "teacher", "moderator"])
def test_query_counts_do_not_grow(persona, people, client):
    if persona != "visitor":
        client.force_login(people[persona])
    author = people["teacher"]
    category = CategoryFactory(slug="grow", read_audience=Audience.EVERYONE)
    CategoryFactory(slug="sub", parent=category)
    small_topic = _grow(category, author, topics=1, posts=2, reactors=1)
    urls = lambda topic: ["/forums/", "/forums/c/grow/", topic.get_absolute_url(), "/"]  # noqa: E731
    # Warm up once: a member's first visit creates their read state.
    for url in urls(small_topic):
        client.get(url)
    small = [_queries(client, url) for url in urls(small_topic)]
    big_topic = _grow(category, author, topics=6, posts=30, reactors=3)
    client.get(big_topic.get_absolute_url())
    client.get(big_topic.get_absolute_url() + "?page=2")
    big = [_queries(client, url) for url in urls(big_topic)]
    # The last page (with the reply form) also matches the one-page topic.
    last_page = _queries(client, big_topic.get_absolute_url() + "?page=2")
    assert big[:2] == small[:2] and big[3] == small[3]
    assert big[2] <= small[2] and last_page == small[2]
    assert max(small[:3]) <= 10


def test_topic_page_shows_reaction_counts_and_mine(
    open_topic, kari_other_school_teacher, astrid_teacher, client
):
    post = open_topic.posts.get(number=1)
    services.reaction_toggle(user=kari_other_school_teacher, post=post, kind="🎵")
    services.reaction_toggle(user=astrid_teacher, post=post, kind="🎵")
    visitor_page = client.get(open_topic.get_absolute_url()).content.decode()
    assert re.search(
        r'data-kind="🎵">.*?<span class="reaction__count">2</span>', visitor_page, re.S
    )
    client.force_login(kari_other_school_teacher)
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert 'class="reaction is-mine" aria-pressed="true"' in page
    assert Reaction.objects.count() == 2


def test_search_finds_only_readable_posts_with_filters(
    astrid_teacher, kari_other_school_teacher, ingrid_pupil_14, client
):
    open_category = CategoryFactory(slug="open", title="Open")
    staff = CategoryFactory(slug="staff", title="Staff", read_audience=Audience.TEACHERS)
    services.topic_create(
        user=astrid_teacher, category=open_category, title="Metronome apps", body="Which metronome?"
    )
    services.topic_create(
        user=kari_other_school_teacher, category=staff, title="Salary", body="metronome budget"
    )
    client.force_login(ingrid_pupil_14)
    page = client.get("/search/", {"q": "metronome", "type": "forums"}).content.decode()
    assert "Metronome apps" in page and "Salary" not in page
    client.force_login(astrid_teacher)
    page = client.get("/search/", {"q": "metronome", "type": "forums"}).content.decode()
    assert "Metronome apps" in page and "Salary" in page
    page = client.get(
        "/search/", {"q": "metronome", "type": "forums", "category": "staff"}
    ).content.decode()
    assert "Metronome apps" not in page and "Salary" in page
    page = client.get(
        "/search/", {"q": "metronome", "type": "forums", "author": "Astrid"}
    ).content.decode()
    assert "Metronome apps" in page and "Salary" not in page


def test_hidden_posts_are_not_found(open_topic, magnus_moderator, client):
    post = open_topic.posts.get(number=2)
    services.post_hide(user=magnus_moderator, post=post, reason="Spam")
    page = client.get("/search/", {"q": "Post 2 text", "type": "forums"}).content.decode()
    assert "Scales" not in page.split("<h1>", 1)[1]


def test_home_and_nav_show_forums(open_topic, client):
    page = client.get("/").content.decode()
    assert "Active discussions" in page and "Scales" in page
    assert re.search(r'<a href="/forums/"[^>]*>(<svg.*?</svg>)?Forums</a>', page, re.S)


def test_staff_topics_stay_off_the_home_page_for_visitors(
    teachers_category, astrid_teacher, client
):
    TopicFactory(category=teachers_category, author=astrid_teacher, title="Secret plans")
    assert "Secret plans" not in client.get("/").content.decode()
    client.force_login(astrid_teacher)
    assert "Secret plans" in client.get("/").content.decode()
