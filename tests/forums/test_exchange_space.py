"""The contract with community.gatherings: exchange_space_create / exchange_space_add_members.

Cases: members read and post, others (even moderators' absence aside) do not; one topic per
pair by created_by; adding members later opens the space to them; the URL works.
"""

import pytest

from forums import services
from forums.access import can_post, can_read, viewer_for
from forums.models import Post, Topic


@pytest.fixture
def space(astrid_teacher, kari_other_school_teacher, oda_organiser):
    return services.exchange_space_create(
        title="Samling Gjøvik 24 Oct",
        description="Share what you learned.",
        topics=[("Session 1: Meeting practice", "How did it go?"), ("Panel", "Questions?")],
        members=[astrid_teacher],
        created_by=oda_organiser,
    )


def test_space_has_one_topic_per_session_by_the_creator(space, oda_organiser):
    topics = Topic.objects.filter(category=space).order_by("pk")
    assert [t.title for t in topics] == ["Session 1: Meeting practice", "Panel"]
    assert all(t.author == oda_organiser for t in topics)
    first = Post.objects.get(topic=topics[0], number=1)
    assert first.body == "How did it go?"
    assert "<p>How did it go?</p>" in first.body_html
    space.refresh_from_db()
    assert space.topic_count == 2 and space.post_count == 2


def test_only_members_and_moderators_read_and_post(
    space, astrid_teacher, kari_other_school_teacher, magnus_moderator
):
    assert can_read(viewer_for(astrid_teacher), space)
    assert can_post(viewer_for(astrid_teacher), space)
    assert not can_read(viewer_for(kari_other_school_teacher), space)
    assert can_post(viewer_for(magnus_moderator), space)


def test_added_members_get_access(space, kari_other_school_teacher, client):
    services.exchange_space_add_members(category=space, members=[kari_other_school_teacher])
    client.force_login(kari_other_school_teacher)
    response = client.get(space.get_absolute_url())
    assert response.status_code == 200
    assert "Panel" in response.content.decode()


def test_outsider_gets_403_and_visitor_login(space, kari_other_school_teacher, client):
    assert client.get(space.get_absolute_url()).status_code == 302
    client.force_login(kari_other_school_teacher)
    assert client.get(space.get_absolute_url()).status_code == 403
