"""Category and topic lists: author initials, replies, last activity and who, unread
counts, solved and pinned marks; the query count stays fixed with 5 or 50 topics."""

import re

import pytest

from forums import services
from forums.models import TopicKind
from tests.factories.forums import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _row(page: str, title: str) -> str:
    for row in page.split('<li class="row topic-row')[1:]:
        if f">{title}</a>" in row:
            return row.split("</li>", 1)[0]
    raise AssertionError(f"no row for {title}")


def test_topic_rows_show_what_a_reader_scans_for(
    client, open_category, astrid_teacher, kari_other_school_teacher
):
    question = TopicFactory(
        category=open_category,
        author=astrid_teacher,
        title="Pedal",
        kind=TopicKind.QUESTION,
        posts=3,
    )
    question.solution = question.posts.get(number=2)
    question.last_post_author = kari_other_school_teacher
    question.save()
    TopicFactory(
        category=open_category, author=kari_other_school_teacher, title="Regler", is_pinned=True
    )
    services.read_state_update(user=kari_other_school_teacher, topic=question, number=1)
    client.force_login(kari_other_school_teacher)

    page = client.get(open_category.get_absolute_url()).content.decode()
    row = _row(page, "Pedal")
    assert re.search(r'class="avatar[^"]*"[^>]*>A<', row)  # Astrid's initials
    assert "<strong>2</strong> replies" in row and "solved" in row
    assert "<strong>2</strong> unread" in row and "is-unread" in page.split(">Pedal<")[0][-900:]
    assert "Kari" in row.split("row__aside", 1)[1]  # the last post's author
    pinned_row = _row(page, "Regler")
    assert "pinned" in pinned_row and "<strong>0</strong> replies" in pinned_row
    assert "unread" not in pinned_row  # never opened: no count to show
    # Pinned first.
    assert page.index(">Regler</a>") < page.index(">Pedal</a>")


def test_topic_list_queries_stay_fixed_from_5_to_50_topics(
    client,
    open_category,
    astrid_teacher,
    kari_other_school_teacher,
    django_assert_max_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(kari_other_school_teacher)
    url = open_category.get_absolute_url()

    def grow(n):
        for _ in range(n):
            topic = TopicFactory(category=open_category, author=astrid_teacher, posts=2)
            services.read_state_update(user=kari_other_school_teacher, topic=topic, number=1)
            PostFactory(topic=topic, author=kari_other_school_teacher)

    grow(5)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(45)
    with django_assert_max_num_queries(len(small)):
        page = client.get(url).content.decode()
    assert page.count('<li class="row topic-row') == 25
