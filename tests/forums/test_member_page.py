"""A member's topic page assembled from cached posts (forums/cache.py, member_posts_html).

Cases: the page costs the same four queries however long the topic grows (session, user,
the topic with the member's read state, follow, draft and suspension, the member's
reactions on the page; memberships and site roles come from the cache); one member never sees another's
controls, reactions or CSRF token, though both pages come from the same cached posts;
the page's forms carry the member's own token and work; a change made through a service
shows on the member's next view; the header's unread count is cached and follows new
and read notifications; the cached Viewer follows consent, roles and memberships; a page
sets no cookie when nothing changed; the stored reply form is the form as rendered.
"""

import re

import pytest
from django.test import Client

from community.notifications import services as notification_services
from forums import services
from forums.cache import CSRF_PLACEHOLDER
from forums.models import Post, Reaction, ReactionKind
from forums.selectors import POSTS_PER_PAGE
from tests.factories.forums import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIKE = ReactionKind.values[0]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def member_client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def post_html(page: str, number: int) -> str:
    start = page.index(f'<li id="post-{number}"')
    return page[start : page.index("</li>", start)]


def test_member_page_queries_stay_constant_as_the_topic_grows(
    open_category, astrid_teacher, kari_other_school_teacher, django_assert_max_num_queries
):
    topic = TopicFactory(category=open_category, author=astrid_teacher, posts=POSTS_PER_PAGE)
    client = member_client(kari_other_school_teacher)
    url = topic.get_absolute_url()
    for _grown in range(2):
        last = f"{url}?page={-(-topic.post_count // POSTS_PER_PAGE)}"
        client.get(last)  # marks the page read: the next view is the steady one
        client.get(last)
        with django_assert_max_num_queries(4):
            page = client.get(last).content.decode()
        assert f'id="post-{topic.post_count}"' in page
        assert 'name="body"' in page  # the reply form, with the draft from the topic query
        for _n in range(2 * POSTS_PER_PAGE):
            PostFactory(topic=topic, author=astrid_teacher)
        topic.refresh_from_db()


def test_members_never_see_each_others_controls_or_reactions(
    open_topic, astrid_teacher, kari_other_school_teacher
):
    Reaction.objects.create(post=Post.objects.get(topic=open_topic, number=2), user=astrid_teacher,
                            kind=LIKE)  # fmt: skip
    astrid, kari = member_client(astrid_teacher), member_client(kari_other_school_teacher)
    url = open_topic.get_absolute_url()
    for _view in ("renders and stores", "assembled from the cache"):
        mine, theirs = astrid.get(url).content.decode(), kari.get(url).content.decode()
        # Astrid wrote the posts and reacted to #2; Kari did neither.
        assert "/delete/" in post_html(mine, 2) and "/delete/" not in post_html(theirs, 2)
        assert "/report/" not in post_html(mine, 2) and "/report/" in post_html(theirs, 2)
        assert "is-mine" in post_html(mine, 2) and "is-mine" not in theirs
        assert CSRF_PLACEHOLDER not in mine and CSRF_PLACEHOLDER not in theirs
        tokens = {
            name: set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
            for name, html in (("astrid", mine), ("kari", theirs))
        }
        assert tokens["astrid"] and tokens["kari"]
        assert astrid.cookies["csrftoken"].value != kari.cookies["csrftoken"].value


def test_a_cached_posts_form_works_with_the_members_own_token(open_topic, astrid_teacher):
    client = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    client.force_login(astrid_teacher)
    url = open_topic.get_absolute_url()
    client.get(url)
    page = client.get(url).content.decode()
    post = Post.objects.get(topic=open_topic, number=3)
    form = page[page.index(f'action="/forums/p/{post.pk}/react/"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        f"/forums/p/{post.pk}/react/", {"kind": LIKE, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Reaction.objects.filter(post=post, user=astrid_teacher, kind=LIKE).exists()


def test_a_change_through_a_service_shows_on_the_members_next_view(
    open_topic, astrid_teacher, kari_other_school_teacher, committed
):
    client = member_client(kari_other_school_teacher)
    url = open_topic.get_absolute_url()
    client.get(url)
    post = Post.objects.get(topic=open_topic, number=2)
    with committed():
        services.post_edit(user=astrid_teacher, post=post, body="Edited for everyone")
    assert "Edited for everyone" in post_html(client.get(url).content.decode(), 2)
    with committed():
        services.reaction_toggle(user=kari_other_school_teacher, post=post, kind=LIKE)
    assert "is-mine" in post_html(client.get(url).content.decode(), 2)


def test_header_unread_count_follows_new_and_read_notifications(
    open_topic, astrid_teacher, committed
):
    client = member_client(astrid_teacher)
    url = open_topic.get_absolute_url()

    def badge() -> str:
        page = client.get(url).content.decode()
        return re.search(r"data-unread-count[^>]*>(\d+)<", page).group(1)

    assert badge() == "0"
    with committed():
        notification_services.notify(recipient=astrid_teacher, kind="reply", title="Hello")
    assert badge() == "1"
    assert badge() == "1"  # from the cache now
    with committed():
        notification_services.notifications_mark_read(user=astrid_teacher)
    assert badge() == "0"


def test_a_members_page_sets_no_cookie_when_nothing_changed(open_topic, astrid_teacher):
    """community/csrf.py: the CSRF cookie goes out once, not again with every page."""
    client = member_client(astrid_teacher)
    url = open_topic.get_absolute_url()
    first = client.get(url)
    assert "csrftoken" in first.cookies  # the browser had none: it gets one
    again = client.get(url)
    assert again.status_code == 200
    assert not again.cookies  # same token, same session, same language: no Set-Cookie
    assert "Set-Cookie" not in str(again.serialize_headers())
    assert 'name="csrfmiddlewaretoken" value="' in again.content.decode()
    client.cookies["csrftoken"] = "not-a-token"  # a bad cookie is replaced, and sent
    assert len(client.get(url).cookies["csrftoken"].value) == 32


def test_the_cached_viewer_follows_consent_roles_and_memberships(
    open_topic, teachers_category, ingrid_pupil_14, astrid_teacher, jon_leader, committed
):
    """forums/access.py keeps a member's memberships and site roles in the cache: each
    change made through a service, a group or the admin shows on their next request."""
    from django.contrib.auth.models import Group

    from community.members.roles import SiteRole
    from community.schools import services as school_services
    from community.schools.models import SchoolMembership

    url = open_topic.get_absolute_url()
    staff_topic = TopicFactory(category=teachers_category, author=astrid_teacher, posts=1)
    pupil, teacher = member_client(ingrid_pupil_14), member_client(astrid_teacher)
    assert 'name="body"' in pupil.get(url).content.decode()  # consent recorded: may reply
    membership = SchoolMembership.objects.get(user=ingrid_pupil_14)
    with committed():
        school_services.pupil_consent_withdraw(membership=membership, withdrawn_by=jon_leader)
    assert 'name="body"' not in pupil.get(url).content.decode()
    with committed():
        school_services.pupil_consent_record(membership=membership, recorded_by=jon_leader)
    assert 'name="body"' in pupil.get(url).content.decode()

    moderators = Group.objects.get(name=SiteRole.MODERATOR.value)
    assert "/moderate/" not in teacher.get(url).content.decode()
    with committed():
        astrid_teacher.groups.add(moderators)
    assert "/moderate/" in teacher.get(url).content.decode()
    with committed():
        moderators.user_set.remove(astrid_teacher)  # from the group's side
    assert "/moderate/" not in teacher.get(url).content.decode()

    assert teacher.get(staff_topic.get_absolute_url()).status_code == 200
    with committed():
        SchoolMembership.objects.filter(user=astrid_teacher).get().delete()
    assert teacher.get(staff_topic.get_absolute_url()).status_code == 403


def test_the_topic_query_brings_the_members_draft_follow_and_read_state(
    open_topic, astrid_teacher, kari_other_school_teacher
):
    """forums/selectors.py reads these four facts in plain SQL within the topic's query."""
    from forums.models import Draft, ReadState, Subscription

    Draft.objects.create(user=kari_other_school_teacher, topic=open_topic, body="Half <b>a")
    Draft.objects.create(user=astrid_teacher, topic=open_topic, body="Astrid's own")
    Subscription.objects.create(user=kari_other_school_teacher, topic=open_topic)
    ReadState.objects.create(user=kari_other_school_teacher, topic=open_topic, last_read_number=2)
    page = member_client(kari_other_school_teacher).get(open_topic.get_absolute_url())
    html = page.content.decode()
    assert "Half &lt;b&gt;a</textarea>" in html and "Astrid&#x27;s own" not in html
    assert "Stop following" in html
    assert "is-new" in post_html(html, 3) and "is-new" not in post_html(html, 2)
    other = member_client(astrid_teacher).get(open_topic.get_absolute_url()).content.decode()
    assert "Astrid&#x27;s own</textarea>" in other and "Half &lt;b&gt;a" not in other
    Subscription.objects.filter(user=kari_other_school_teacher).delete()
    html = member_client(kari_other_school_teacher).get(open_topic.get_absolute_url())
    assert "Follow replies" in html.content.decode()


@pytest.mark.parametrize("language", ["nb", "da", "en"])
def test_the_stored_reply_form_is_the_form_as_rendered(language):
    """forums/cache.py keeps the empty reply form per language and puts the draft in."""
    from django.utils import translation

    from forums.cache import reply_form_html
    from forums.forms import PostForm

    with translation.override(language):
        for draft in ("", 'Half <b>a "thought" & more', "two\nlines"):
            assert reply_form_html(PostForm, draft) == str(
                PostForm(initial={"body": draft}).as_div()
            )
