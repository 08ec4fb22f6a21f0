"""Presence in a big room: the count and the first names (organisers first, then by
name) go to everybody; "Show everyone" answers the one socket that asked, rate-limited
and after the same fresh access check as every frame. Small rooms list everybody.

The caps are lowered through settings so a handful of people make a "big" room.
"""

import pytest

from community.chat import presence, selectors
from community.chat.consumers import AccessLost
from community.chat.models import Presence
from community.gatherings import services as gathering_services
from community.gatherings.models import Registration
from tests.community.chat.conftest import drain, joined
from tests.community.chat.test_pipeline import _pipe, _run
from tests.factories.community import UserFactory
from tests.factories.gatherings import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(lobby, oda_organiser, jon_leader, astrid_teacher):
    """Oda (organiser), Jon (in the hall), Astrid and four more online: seven people,
    Astrid with two windows open (one person, counted once)."""
    people = [(oda_organiser, "organiser"), (jon_leader, "on-site"), (astrid_teacher, "online")]
    for name in ["Eva", "Berit", "Dag", "Cecilie"]:
        member = UserFactory(display_name=name)
        register(lobby.gathering, member, "online")
        people.append((member, "online"))
    for n, (user, mode) in enumerate(people):
        Presence.objects.create(room=lobby, user=user, channel_name=f"c{n}", mode=mode)
    Presence.objects.create(room=lobby, user=astrid_teacher, channel_name="c-2nd", mode="online")
    return lobby


def test_a_big_room_sends_the_count_and_the_first_names_organisers_first(crowd, settings):
    settings.SAMSPILL_CHAT_PRESENCE_CAP = 5
    settings.SAMSPILL_CHAT_PRESENCE_NAMES = 3
    state = selectors.presence_state(crowd)
    assert state.capped is True
    assert (state.count, state.organiser_count, state.on_site_count, state.online_count) == (
        7,
        1,
        1,
        5,
    )
    # Oda first (organiser), then the next two by name, whichever way they joined.
    assert (state.organisers, state.on_site, state.online) == (["Oda"], [], ["Astrid", "Berit"])
    # The frame everybody gets is small: three names, not seven.
    text = state.to_message()["text"]
    assert '"capped":true' in text and "Cecilie" not in text and "Jon" not in text


def test_a_small_room_lists_everybody_as_before(crowd, settings):
    settings.SAMSPILL_CHAT_PRESENCE_CAP = 7  # seven people: not above the cap
    settings.SAMSPILL_CHAT_PRESENCE_NAMES = 3
    state = selectors.presence_state(crowd)
    assert state.capped is False
    assert state.organisers == ["Oda"]
    assert state.on_site == ["Jon"]
    assert state.online == ["Astrid", "Berit", "Cecilie", "Dag", "Eva"]
    assert (state.count, state.on_site_count, state.online_count) == (7, 1, 5)


def test_show_everyone_lists_the_whole_room_to_the_asker_and_is_rate_limited(
    crowd, settings, jon_leader
):
    settings.SAMSPILL_CHAT_PRESENCE_CAP = 5
    settings.SAMSPILL_CHAT_PRESENCE_NAMES = 3
    jon = _pipe(crowd, jon_leader)
    frame = {"type": "presence_all", "client_id": "presence-all"}
    [full] = _run(jon, frame)
    assert full["type"] == "chat.presence.full" and full["capped"] is False
    assert full["online"] == ["Astrid", "Berit", "Cecilie", "Dag", "Eva"]
    assert (full["organisers"], full["on_site"], full["count"]) == (["Oda"], ["Jon"], 7)
    _run(jon, frame)
    _run(jon, frame)
    [refused] = _run(jon, frame)  # the fourth in a minute
    assert (refused["type"], refused["code"], refused["client_id"]) == (
        "error",
        "rate_limited",
        "presence-all",
    )


def test_a_pupil_who_lost_access_gets_no_names(crowd, settings, ingrid_pupil_14):
    settings.SAMSPILL_CHAT_PRESENCE_CAP = 1
    registration = register(crowd.gathering, ingrid_pupil_14, "online")
    ingrid = _pipe(crowd, ingrid_pupil_14)
    assert [f["type"] for f in _run(ingrid, {"type": "presence_all"})] == ["chat.presence.full"]
    gathering_services.registration_cancel(
        registration=Registration.objects.get(pk=registration.pk)
    )
    with pytest.raises(AccessLost):  # the consumer sends "forbidden" and closes, no list
        _run(ingrid, {"type": "presence_all"})


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_only_the_asking_socket_gets_everyone(lobby, astrid_teacher, jon_leader, settings):
    settings.SAMSPILL_CHAT_PRESENCE_CAP = 1
    settings.SAMSPILL_CHAT_PRESENCE_NAMES = 1
    astrid, _ = await joined(lobby, astrid_teacher)
    jon, _ = await joined(lobby, jon_leader)
    await presence.flush_now()
    broadcast = [f for f in await drain(astrid, 0.3) if f["type"] == "chat.presence"][-1]
    assert broadcast["capped"] and broadcast["count"] == 2
    assert broadcast["on_site"] + broadcast["online"] == ["Astrid"]  # first by name
    await drain(jon, 0.2)
    await jon.send_json_to({"type": "presence_all", "client_id": "presence-all"})
    [full] = [f for f in await drain(jon, 0.3) if f["type"] == "chat.presence.full"]
    assert (full["on_site"], full["online"]) == (["Jon"], ["Astrid"])
    assert not [f for f in await drain(astrid, 0.3) if f["type"] == "chat.presence.full"]
    await jon.disconnect()
    await astrid.disconnect()


def test_a_join_in_a_big_room_costs_a_fixed_number_of_queries(
    crowd, settings, kari_other_school_teacher, django_assert_max_num_queries
):
    """Connect (room, access, window count, one INSERT) and the resume that follows
    (fresh access, missed messages, room state, a capped list, polls): no query per
    person present, and the presence row is not looked up before it is written."""
    from community.chat import services
    from community.chat.consumers import ChatConsumer

    settings.SAMSPILL_CHAT_PRESENCE_CAP = 5
    kari = kari_other_school_teacher
    with django_assert_max_num_queries(6):
        room, access, _sockets = ChatConsumer()._load(kari, crowd.pk)
        services.presence_join(room=room, user=kari, channel_name="kari", mode=access.mode)
    with django_assert_max_num_queries(10):
        replies = _run(_pipe(crowd, kari), {"type": "resume", "last_seq": 0})
    [listed] = [r for r in replies if r["type"] == "chat.presence"]
    assert listed["capped"] and listed["count"] == 8
