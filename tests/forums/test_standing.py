"""A member who may not post may not edit or react either: a suspended member, or a
pupil whose school withdrew the consent."""

import pytest
from django.core.exceptions import PermissionDenied

from community.schools import services as school_services
from forums import services

pytestmark = pytest.mark.django_db


def test_a_suspended_member_cannot_edit_or_react(
    client, open_topic, kari_other_school_teacher, magnus_moderator
):
    reply = services.post_create(user=kari_other_school_teacher, topic=open_topic, body="Hei")
    services.member_suspend(
        user=magnus_moderator, member=kari_other_school_teacher, days=3, reason="Insults"
    )
    assert not services.can_edit(kari_other_school_teacher, reply)
    with pytest.raises(PermissionDenied):
        services.post_edit(user=kari_other_school_teacher, post=reply, body="Endret")
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(
            user=kari_other_school_teacher, post=open_topic.posts.get(number=1), kind="👍"
        )
    client.force_login(kari_other_school_teacher)
    page = client.get(open_topic.get_absolute_url()).content.decode()
    assert f"/forums/p/{reply.pk}/edit/" not in page


def test_a_pupil_whose_consent_was_withdrawn_cannot_edit(open_topic, ingrid_pupil_14):
    reply = services.post_create(user=ingrid_pupil_14, topic=open_topic, body="Fint!")
    school_services.pupil_consent_withdraw(membership=ingrid_pupil_14.memberships.get())
    # The next request sees the member afresh.
    ingrid_pupil_14 = type(ingrid_pupil_14).objects.get(pk=ingrid_pupil_14.pk)
    assert not services.can_edit(ingrid_pupil_14, reply)
    with pytest.raises(PermissionDenied):
        services.post_edit(user=ingrid_pupil_14, post=reply, body="Endret")
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(user=ingrid_pupil_14, post=reply, kind="👍")
