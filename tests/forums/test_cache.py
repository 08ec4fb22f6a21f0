"""The visitors' cached post list of a topic page (forums/cache.py).

Cases: a second visitor view serves the stored HTML without reading posts; a lost version
token never brings an old list back; visitor views write nothing and set no cookie; every
service that changes what the page shows bumps the topic's version after commit, and the
next visitor view shows the change (reply, edit, delete, hide/restore, approve, reactions,
best answer, lock/pin, hidden topic, move, merge, split, category audience, rename and
erasure of an author); a Danish visitor never gets the Norwegian list; members are never
served the visitors' list and never see each other's controls.

Changes bump after commit, and the test database never commits: tests that change
something and then look wrap the change in `committed()` (Django's on-commit capture).
"""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.members import services as member_services
from forums import services
from forums.cache import _version_key, members_generation, topic_version
from forums.models import Audience, Post, Topic, TopicKind
from forums.selectors import POSTS_PER_PAGE
from tests.factories.community import UserFactory
from tests.factories.forums import CategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the bumps) of what happens inside, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def visit(url: str, language: str = "en") -> str:
    """A visitor's view of the page: a fresh client, so no cookie carries over."""
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def post_list(page: str) -> str:
    return page[page.index('<ol class="posts">') : page.index("</ol>")]


def _post_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if 'FROM "forums_post"' in q["sql"]]


# --- served from the cache ----------------------------------------------------------


def test_second_visitor_view_serves_the_cached_list_without_reading_posts(
    open_topic, django_assert_max_num_queries
):
    url = open_topic.get_absolute_url()
    with CaptureQueriesContext(connection) as first_queries:
        first = visit(url)
    assert _post_queries(first_queries), "the first view reads the posts"
    # Behind the services' back, so nothing bumps: the stored HTML is what is served.
    Post.objects.filter(topic=open_topic, number=2).update(body_html="<p>Sneaky change</p>")
    with django_assert_max_num_queries(len(first_queries) - 1) as second_queries:
        second = visit(url)
    assert _post_queries(second_queries) == []
    assert second == first
    assert "Post 2 text" in second and "Sneaky change" not in second


def test_each_page_is_cached_on_its_own(astrid_teacher, open_category):
    topic = TopicFactory(category=open_category, author=astrid_teacher, posts=POSTS_PER_PAGE + 2)
    url = topic.get_absolute_url()
    assert "Post 1 text" in visit(url) and "Post 21 text" not in visit(url)
    last = visit(f"{url}?page=2")
    assert "Post 21 text" in last and "<p>Post 1 text</p>" not in last
    # An out-of-range page is the last page, under the same key.
    assert post_list(visit(f"{url}?page=99")) == post_list(last)


def test_a_lost_version_token_never_brings_back_an_old_list(open_topic):
    url = open_topic.get_absolute_url()
    visit(url)
    Post.objects.filter(topic=open_topic, number=2).update(body_html="<p>Newer text</p>")
    cache.delete(_version_key(open_topic.pk))
    assert "Newer text" in visit(url)


def test_visitor_views_write_nothing_and_set_no_cookie(open_topic):
    url = open_topic.get_absolute_url()
    for _view in ("stores the list", "served from the cache"):
        with CaptureQueriesContext(connection) as queries:
            response = Client(HTTP_ACCEPT_LANGUAGE="en").get(url)
        assert response.status_code == 200
        writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
        assert writes == []
        assert not response.cookies
        assert not response.has_header("Set-Cookie")
    assert Session.objects.count() == 0


# --- every change bumps the version, after commit -------------------------------------


def _question(astrid_teacher, open_category):
    return TopicFactory(
        category=open_category, author=astrid_teacher, kind=TopicKind.QUESTION, posts=3
    )


def _pending_post(topic):
    topic.category.approve_first_posts = True
    topic.category.save()
    return services.post_create(user=UserFactory(), topic=topic, body="Waiting for approval")


def _old(post):
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(days=1))
    post.refresh_from_db()
    return post


CHANGES = {
    "reply": lambda t, p: services.post_create(user=p["kari"], topic=t, body="A new reply"),
    "edit": lambda t, p: services.post_edit(user=p["astrid"], post=p["post2"], body="Changed"),
    "remove": lambda t, p: services.post_delete(user=p["astrid"], post=_old(p["post2"])),
    "delete": lambda t, p: services.post_delete(user=p["astrid"], post=p["post3"]),
    "react": lambda t, p: services.reaction_toggle(user=p["kari"], post=p["post2"], kind="👍"),
    "hide": lambda t, p: services.post_hide(user=p["magnus"], post=p["post2"], reason="Rude"),
    "restore": lambda t, p: services.post_hide(
        user=p["magnus"], post=p["post2"], reason="Fine after all", hide=False
    ),
    "approve": lambda t, p: services.post_approve(user=p["magnus"], post=p["pending"]),
    "solution": lambda t, p: services.topic_mark_solution(
        user=p["astrid"], post=p["post2"], topic=t
    ),
    "lock": lambda t, p: services.topic_moderate(
        user=p["magnus"], topic=t, action="lock", reason="Done"
    ),
    "unlock": lambda t, p: services.topic_moderate(
        user=p["magnus"], topic=t, action="unlock", reason="Open again"
    ),
    "pin": lambda t, p: services.topic_moderate(
        user=p["magnus"], topic=t, action="pin", reason="Important"
    ),
    "hide topic": lambda t, p: services.topic_moderate(
        user=p["magnus"], topic=t, action="hide_topic", reason="Spam"
    ),
    "move": lambda t, p: services.topic_move(
        user=p["magnus"], topic=t, category=CategoryFactory(), reason="Wrong place"
    ),
    "merge": lambda t, p: services.topic_merge(
        user=p["magnus"], source=p["other"], target=t, reason="Same question"
    ),
    "merge away": lambda t, p: services.topic_merge(
        user=p["magnus"], source=t, target=p["other"], reason="Same question"
    ),
    "split": lambda t, p: services.topic_split(
        user=p["magnus"], topic=t, numbers=[2], title="Side track", reason="Off topic"
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_bumps_the_topic_version_after_commit(
    change,
    astrid_teacher,
    kari_other_school_teacher,
    magnus_moderator,
    open_category,
    django_capture_on_commit_callbacks,
):
    topic = _question(astrid_teacher, open_category)
    other = TopicFactory(category=open_category, author=astrid_teacher, posts=2)
    parts = {
        "astrid": astrid_teacher,
        "kari": kari_other_school_teacher,
        "magnus": magnus_moderator,
        "post2": topic.posts.get(number=2),
        "post3": topic.posts.get(number=3),
        "other": other,
    }
    if change == "approve":
        parts["pending"] = _pending_post(topic)
    if change == "restore":
        services.post_hide(user=magnus_moderator, post=parts["post2"], reason="Rude")
    if change == "unlock":
        services.topic_moderate(user=magnus_moderator, topic=topic, action="lock", reason="x")
    topic.refresh_from_db()
    pk, other_pk = topic.pk, other.pk  # a merged-away topic loses its pk
    before, before_other = topic_version(pk), topic_version(other_pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CHANGES[change](topic, parts)
    assert topic_version(pk) == before, "no bump before the commit"
    for callback in callbacks:
        callback()
    assert topic_version(pk) != before
    if change.startswith("merge"):
        assert topic_version(other_pk) != before_other, "both topics of a merge"
    if change == "split":
        new = Topic.objects.get(title="Side track")
        assert cache.get(_version_key(new.pk)) is not None, "the new topic is bumped too"


def test_a_page_view_or_following_bumps_nothing(open_topic, kari_other_school_teacher, committed):
    before = topic_version(open_topic.pk)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(kari_other_school_teacher)
    with committed():
        client.get(open_topic.get_absolute_url())
        services.topic_follow(user=kari_other_school_teacher, topic=open_topic, follow=True)
    assert topic_version(open_topic.pk) == before


# --- the next visitor view shows the change ---------------------------------------


def test_reply_appears_for_visitors(open_topic, kari_other_school_teacher, committed):
    url = open_topic.get_absolute_url()
    assert "A fresh reply" not in visit(url)
    with committed():
        services.post_create(user=kari_other_school_teacher, topic=open_topic, body="A fresh reply")
    assert "A fresh reply" in visit(url)


def test_edit_appears_for_visitors(open_topic, astrid_teacher, committed):
    url = open_topic.get_absolute_url()
    post = open_topic.posts.get(number=2)
    assert "Post 2 text" in visit(url)
    with committed():
        services.post_edit(user=astrid_teacher, post=post, body="Better wording")
    page = visit(url)
    assert "Better wording" in page and "Post 2 text" not in page and ">edited<" in page


def test_deleted_and_removed_posts_go_for_visitors(open_topic, astrid_teacher, committed):
    url = open_topic.get_absolute_url()
    assert "Post 3 text" in visit(url) and "Post 2 text" in visit(url)
    with committed():
        services.post_delete(user=astrid_teacher, post=open_topic.posts.get(number=3))
        services.post_delete(user=astrid_teacher, post=_old(open_topic.posts.get(number=2)))
    page = visit(url)
    assert "Post 3 text" not in page and "Post 2 text" not in page
    assert "The author removed this post." in page


def test_hidden_post_disappears_and_restored_post_returns(open_topic, magnus_moderator, committed):
    url = open_topic.get_absolute_url()
    post = open_topic.posts.get(number=2)
    assert "Post 2 text" in visit(url)
    with committed():
        services.post_hide(user=magnus_moderator, post=post, reason="Rude")
    page = visit(url)
    assert "Post 2 text" not in page and "A moderator hid this post." in page
    with committed():
        services.post_hide(user=magnus_moderator, post=post, reason="Fine", hide=False)
    page = visit(url)
    assert "Post 2 text" in page and "A moderator hid this post." not in page


def test_approved_post_appears_for_visitors(open_topic, magnus_moderator, committed):
    url = open_topic.get_absolute_url()
    pending = _pending_post(open_topic)
    assert "Waiting for approval" not in visit(url)
    with committed():
        services.post_approve(user=magnus_moderator, post=pending)
    assert "Waiting for approval" in visit(url)


def test_reaction_counts_follow_adds_and_removals(open_topic, kari_other_school_teacher, committed):
    url = open_topic.get_absolute_url()
    post = open_topic.posts.get(number=2)
    # Reactions are drawn as icons; the emoji is the data-kind, the count is beside it.
    one_idea = re.compile(r'data-kind="💡">.*?<span class="reaction__count">1</span>', re.S)
    assert not one_idea.search(visit(url))
    with committed():
        services.reaction_toggle(user=kari_other_school_teacher, post=post, kind="💡")
    assert one_idea.search(visit(url))
    with committed():
        services.reaction_toggle(user=kari_other_school_teacher, post=post, kind="💡")
    assert not one_idea.search(visit(url))


def test_best_answer_follows_the_solution(astrid_teacher, open_category, committed):
    topic = _question(astrid_teacher, open_category)
    url = topic.get_absolute_url()
    assert "best answer" not in visit(url)
    with committed():
        services.topic_mark_solution(
            user=astrid_teacher, post=topic.posts.get(number=2), topic=topic
        )
    page = visit(url)
    assert 'id="post-2" class="post is-solution"' in page
    assert '<a class="tag" href="#post-2">' in page  # the topic head links the answer
    with committed():
        services.topic_mark_solution(user=astrid_teacher, post=None, topic=topic)
    assert "best answer" not in visit(url)


def test_lock_and_pin_show_for_visitors(open_topic, magnus_moderator, committed):
    url = open_topic.get_absolute_url()
    assert "This topic is locked" not in visit(url)
    with committed():
        services.topic_moderate(user=magnus_moderator, topic=open_topic, action="lock", reason="x")
        services.topic_moderate(user=magnus_moderator, topic=open_topic, action="pin", reason="x")
    page = visit(url)
    assert "This topic is locked" in page and ">pinned<" in page


def test_hidden_topic_is_gone_for_visitors_though_its_list_was_cached(
    open_topic, magnus_moderator, committed
):
    url = open_topic.get_absolute_url()
    visit(url)
    with committed():
        services.topic_moderate(
            user=magnus_moderator, topic=open_topic, action="hide_topic", reason="Spam"
        )
    assert Client().get(url).status_code == 404


def test_move_to_a_members_category_sends_visitors_to_log_in(
    open_topic, magnus_moderator, committed
):
    url = open_topic.get_absolute_url()
    visit(url)
    members_only = CategoryFactory(read_audience=Audience.MEMBERS)
    with committed():
        services.topic_move(
            user=magnus_moderator, topic=open_topic, category=members_only, reason="Internal"
        )
    response = Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_category_audience_change_applies_to_a_cached_page(open_topic):
    """No service bumps here: the permission check runs on every view regardless."""
    url = open_topic.get_absolute_url()
    visit(url)
    open_topic.category.read_audience = Audience.TEACHERS
    open_topic.category.save()
    response = Client().get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_merge_and_split_show_the_moved_posts(
    open_topic, open_category, astrid_teacher, magnus_moderator, committed
):
    target = TopicFactory(category=open_category, author=astrid_teacher, posts=1)
    Post.objects.filter(topic=target).update(body_html="<p>Target opening</p>")
    Post.objects.filter(topic=open_topic, number=3).update(body_html="<p>Merged reply</p>")
    source_url, target_url = open_topic.get_absolute_url(), target.get_absolute_url()
    assert "Merged reply" in visit(source_url) and "Merged reply" not in visit(target_url)
    with committed():
        services.topic_merge(user=magnus_moderator, source=open_topic, target=target, reason="Dup")
    assert Client().get(source_url).status_code == 404
    assert "Merged reply" in visit(target_url)
    target.refresh_from_db()
    with committed():
        new = services.topic_split(
            user=magnus_moderator, topic=target, numbers=[4], title="Side track", reason="Off"
        )
    assert "Merged reply" not in visit(target_url)
    assert "Merged reply" in visit(new.get_absolute_url())


def test_renamed_author_appears_for_visitors(open_topic, astrid_teacher, committed):
    url = open_topic.get_absolute_url()
    assert "<strong>Astrid</strong>" in visit(url)
    with committed():
        member_services.profile_update(
            user=astrid_teacher, display_name="Astrid Haugen", language="nb"
        )
    page = visit(url)
    assert "<strong>Astrid Haugen</strong>" in page and "<strong>Astrid</strong>" not in page


def test_rename_by_a_plain_save_counts_too(open_topic, astrid_teacher, committed):
    """The admin saves the whole user, not through the members' services."""
    url = open_topic.get_absolute_url()
    visit(url)
    with committed():
        astrid_teacher.display_name = "A. Haugen"
        astrid_teacher.save()
    assert "<strong>A. Haugen</strong>" in visit(url)


def test_unrelated_member_saves_keep_the_cache(astrid_teacher, committed):
    before = members_generation()
    with committed():
        astrid_teacher.last_login = timezone.now()
        astrid_teacher.save(update_fields=["last_login"])
        astrid_teacher.set_password("another-password-1")
        astrid_teacher.save()
        UserFactory()
    assert members_generation() == before


def test_erased_author_shows_as_former_member(
    open_topic, astrid_teacher, kari_other_school_teacher, committed
):
    # Someone answered, so the erased author's posts stay (forums/erasure.py).
    with committed():
        services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Svar")
    url = open_topic.get_absolute_url()
    assert "Former member" not in visit(url)
    with committed():
        member_services.member_erase(user=astrid_teacher)
    page = visit(url)
    assert "<strong>Former member</strong>" in page and "<strong>Astrid</strong>" not in page


# --- languages and members -----------------------------------------------------------


def test_danish_visitor_never_gets_the_norwegian_list(open_topic):
    Post.objects.filter(topic=open_topic, number=2).update(is_removed=True)
    url = open_topic.get_absolute_url()
    norwegian, danish = "Forfatteren fjernet dette innlegget.", "Forfatteren fjernede dette indlæg."
    assert norwegian in visit(url, "nb")
    page = visit(url, "da")
    assert danish in page and norwegian not in page
    assert "The author removed this post." in visit(url, "en")
    assert norwegian in visit(url, "nb")


def test_members_never_get_the_visitors_list_or_each_others_controls(
    open_topic, astrid_teacher, kari_other_school_teacher
):
    url = open_topic.get_absolute_url()
    services.reaction_toggle(
        user=kari_other_school_teacher, post=open_topic.posts.get(number=1), kind="🎵"
    )
    visitor = visit(url)
    assert "csrfmiddlewaretoken" not in visitor and "/edit/" not in visitor
    pages = {}
    for member in (astrid_teacher, kari_other_school_teacher, astrid_teacher):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(member)
        pages[member.display_name] = client.get(url).content.decode()
    astrid, kari = pages["Astrid"], pages["Kari"]
    # Astrid wrote the posts: hers are the edit and delete buttons, and no pressed 🎵.
    assert f"/forums/p/{open_topic.posts.get(number=1).pk}/edit/" in astrid
    assert "/delete/" in astrid and "/report/" not in astrid
    assert 'aria-pressed="true"' not in astrid
    # Kari sees her own reaction pressed and may only report Astrid's posts.
    assert "/edit/" not in kari and "/delete/" not in kari and "/report/" in kari
    assert 'class="reaction is-mine" aria-pressed="true"' in kari
    for page in (astrid, kari):
        assert "csrfmiddlewaretoken" in page and 'class="post__reactions"' in page
    assert visit(url) == visitor
