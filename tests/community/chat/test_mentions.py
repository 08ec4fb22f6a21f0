"""Mentions in chat reach only those who can read the room, in their own language;
a published transcript mentions nobody."""

import pytest
from django.utils import translation

from community.chat import services
from community.chat.models import Room
from community.gatherings import services as gathering_services
from community.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _group_room(gathering, member):
    room = Room.objects.get(gathering=gathering, kind="group", breakout_group__members=member)
    room.opened_manually = True
    room.save()
    return room


def test_group_room_mentions_notify_only_the_group(
    live_gathering, astrid_teacher, jon_leader, kari_other_school_teacher
):
    """Kari (Lørenskog's group) is a participant but cannot read Bergen's group room."""
    room = _group_room(live_gathering, astrid_teacher)
    services.message_send(room=room, user=astrid_teacher, text="@Kari @Jon se her", client_id="a")
    mentioned = set(
        Notification.objects.filter(kind="chat.mention").values_list("recipient__email", flat=True)
    )
    assert mentioned == {jon_leader.email}


def test_a_mention_is_written_in_the_recipients_language(
    live_gathering, astrid_teacher, jon_leader
):
    jon_leader.language = "da"
    jon_leader.save()
    room = Room.objects.get(gathering=live_gathering, kind="lobby")
    with translation.override("en"):  # the sender's language
        services.message_send(room=room, user=astrid_teacher, text="@Jon hei", client_id="b")
    title = Notification.objects.get(recipient=jon_leader, kind="chat.mention").title
    with translation.override("da"):
        expected = translation.gettext("%(name)s mentioned you in %(room)s") % {
            "name": "Astrid",
            "room": room.title,
        }
    assert title == expected and "mentioned you" not in title


def test_a_published_transcript_mentions_nobody(
    live_gathering, oda_organiser, astrid_teacher, jon_leader
):
    gathering_services.exchange_space_open(gathering=live_gathering, user=oda_organiser)
    live_gathering.refresh_from_db()
    room = Room.objects.get(gathering=live_gathering, kind="session", session__kind="panel")
    room.opened_manually = True
    room.save()
    services.message_send(room=room, user=astrid_teacher, text="@Jon se her", client_id="c")
    Notification.objects.all().delete()
    post = services.transcript_publish(room=room, user=oda_organiser)
    assert "@Jon se her" in post.body
    assert not Notification.objects.filter(kind__endswith="mention").exists()
