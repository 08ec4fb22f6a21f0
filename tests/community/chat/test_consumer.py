"""The chat socket: who may enter which room, gap-free resume, limits, Q&A, polls, moderation."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from community.asgi import application
from community.chat.models import Message, Room
from community.gatherings.models import BreakoutGroup
from tests.community.chat.conftest import communicator, connect_code, drain, joined, until

pytestmark = pytest.mark.django_db(transaction=True)


async def _connect_code(room, user):
    comm = communicator(room, user)
    code = await connect_code(comm)
    if code is None:
        await comm.disconnect()
        return True, None
    return False, code


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, (False, 4401)),
        ("astrid_teacher", (True, None)),  # registered online
        ("jon_leader", (True, None)),  # registered on site
        ("oda_organiser", (True, None)),
        ("magnus_moderator", (True, None)),
        ("lars_leader", (False, 4403)),  # not registered
        ("ingrid_pupil_14", (False, 4403)),
    ],
)
def test_lobby_access(request, lobby, persona, expected):
    from asgiref.sync import async_to_sync

    user = request.getfixturevalue(persona) if persona else None
    connected, code = async_to_sync(_connect_code)(lobby, user)
    assert (connected, code if not connected else None) == expected


@pytest.mark.asyncio
async def test_breakout_room_only_for_its_group_and_organisers(
    live_gathering, astrid_teacher, kari_other_school_teacher, oda_organiser
):
    astrid_group = await database_sync_to_async(
        lambda: BreakoutGroup.objects.get(members=astrid_teacher)
    )()
    room = await database_sync_to_async(lambda: Room.objects.get(breakout_group=astrid_group))()
    assert (await _connect_code(room, astrid_teacher))[0]
    assert (await _connect_code(room, oda_organiser))[0]
    # Kari works in Lørenskog: by municipality she is in another group.
    assert await _connect_code(room, kari_other_school_teacher) == (False, 4403)


@pytest.mark.asyncio
async def test_foreign_origin_is_refused(lobby):
    comm = WebsocketCommunicator(
        application,
        f"/ws/chat/{lobby.pk}/",
        headers=[(b"origin", b"https://evil.example"), (b"host", b"localhost")],
    )
    connected, _ = await comm.connect()
    assert not connected


@pytest.mark.asyncio
async def test_message_is_stored_with_a_sequence_then_broadcast(lobby, astrid_teacher, jon_leader):
    astrid, _ = await joined(lobby, astrid_teacher)
    jon, _ = await joined(lobby, jon_leader)
    await drain(astrid)
    await drain(jon)
    await astrid.send_json_to({"type": "send", "text": "Hei fra nett!", "client_id": "c-1"})
    received = [f for f in await drain(jon, 1) if f["type"] == "chat.message"]
    assert [(m["seq"], m["text"], m["author"]) for m in received] == [
        (1, "Hei fra nett!", "Astrid")
    ]
    own = await drain(astrid, 0.5)
    assert {"type": "ack", "client_id": "c-1", "seq": 1} in own
    assert (
        await database_sync_to_async(lambda: Message.objects.get(seq=1).text)() == "Hei fra nett!"
    )
    await astrid.disconnect()
    await jon.disconnect()


@pytest.mark.asyncio
async def test_resend_with_the_same_client_id_is_not_doubled(lobby, astrid_teacher):
    astrid, _ = await joined(lobby, astrid_teacher)
    for _ in range(2):
        await astrid.send_json_to({"type": "send", "text": "Bare én gang", "client_id": "same"})
    frames = await drain(astrid, 0.5)
    acks = [f for f in frames if f["type"] == "ack"]
    assert [a["seq"] for a in acks] == [1, 1]
    assert await database_sync_to_async(Message.objects.count)() == 1
    await astrid.disconnect()


@pytest.mark.asyncio
async def test_resume_delivers_exactly_what_was_missed(lobby, astrid_teacher, jon_leader):
    astrid, _ = await joined(lobby, astrid_teacher)
    for i in range(1, 4):
        await astrid.send_json_to({"type": "send", "text": f"m{i}", "client_id": f"a{i}"})
    await drain(astrid, 0.5)
    jon, frames = await joined(lobby, jon_leader, last_seq=1)
    missed = [f["seq"] for f in frames if f["type"] == "chat.message"]
    assert missed == [2, 3]
    assert {"type": "synced", "last_seq": 3} in frames
    # Jon drops; Astrid keeps writing; Jon comes back with the last number he saw.
    await jon.disconnect()
    for i in range(4, 7):
        await astrid.send_json_to({"type": "send", "text": f"m{i}", "client_id": f"a{i}"})
    await drain(astrid, 0.5)
    jon, frames = await joined(lobby, jon_leader, last_seq=3)
    assert [f["text"] for f in frames if f["type"] == "chat.message"] == ["m4", "m5", "m6"]
    await astrid.send_json_to({"type": "send", "text": "m7", "client_id": "a7"})
    live = [f for f in await drain(jon, 1) if f["type"] == "chat.message"]
    assert [f["seq"] for f in live] == [7]
    await astrid.disconnect()
    await jon.disconnect()


@pytest.mark.asyncio
async def test_rate_limit_says_when_to_try_again(lobby, astrid_teacher, settings):
    settings.SAMSPILL_CHAT_RATE = (3, 60)
    astrid, _ = await joined(lobby, astrid_teacher)
    for i in range(4):
        await astrid.send_json_to({"type": "send", "text": f"fort {i}", "client_id": f"r{i}"})
    errors = [f for f in await until(astrid, "error") if f["type"] == "error"]
    assert len(errors) == 1
    assert errors[0]["code"] == "rate_limited" and errors[0]["client_id"] == "r3"
    assert 0 < errors[0]["retry_after"] <= 60
    assert "too fast" in errors[0]["message"]
    await astrid.disconnect()


@pytest.mark.asyncio
async def test_oversized_frame_is_refused_not_processed(lobby, astrid_teacher):
    astrid, _ = await joined(lobby, astrid_teacher)
    await astrid.send_to(text_data='{"type": "send", "text": "' + "x" * 9000 + '"}')
    frame = await astrid.receive_json_from(timeout=2)
    assert frame["code"] == "too_large"
    await astrid.send_to(text_data="not json")
    assert (await astrid.receive_json_from(timeout=2))["code"] == "invalid"
    assert await database_sync_to_async(Message.objects.count)() == 0
    await astrid.disconnect()


@pytest.mark.asyncio
async def test_slow_mode_and_mute(lobby, astrid_teacher, oda_organiser):
    oda, _ = await joined(lobby, oda_organiser)
    astrid, _ = await joined(lobby, astrid_teacher)
    await oda.send_json_to({"type": "room", "slow_mode_seconds": 30})
    await drain(astrid, 0.5)
    await astrid.send_json_to({"type": "send", "text": "en", "client_id": "s1"})
    await astrid.send_json_to({"type": "send", "text": "to", "client_id": "s2"})
    errors = [f for f in await until(astrid, "error") if f["type"] == "error"]
    assert [e["code"] for e in errors] == ["slow_mode"]
    await oda.send_json_to({"type": "room", "slow_mode_seconds": 0})
    await oda.send_json_to({"type": "mute", "user": astrid_teacher.pk, "minutes": 5})
    await drain(oda, 0.5)
    await drain(astrid, 0.3)
    await astrid.send_json_to({"type": "send", "text": "tre", "client_id": "s3"})
    errors = [f for f in await until(astrid, "error") if f["type"] == "error"]
    assert [e["code"] for e in errors] == ["muted"]
    # Only moderators may do either.
    await astrid.send_json_to({"type": "mute", "user": oda_organiser.pk, "minutes": 5})
    assert [f["code"] for f in await until(astrid, "error") if f["type"] == "error"] == [
        "forbidden"
    ]
    from community.chat.models import ModerationAction

    actions = await database_sync_to_async(
        lambda: list(ModerationAction.objects.values_list("action", flat=True))
    )()
    assert sorted(actions) == ["mute", "slow_mode", "slow_mode"]
    await astrid.disconnect()
    await oda.disconnect()


@pytest.mark.asyncio
async def test_questions_sorted_by_votes_and_voted_once(
    panel_room, astrid_teacher, jon_leader, oda_organiser
):
    astrid, frames = await joined(panel_room, astrid_teacher)
    jon, _ = await joined(panel_room, jon_leader)
    oda, _ = await joined(panel_room, oda_organiser)
    await astrid.send_json_to({"type": "ask", "text": "Hvordan starter vi?", "anonymous": True})
    await jon.send_json_to({"type": "ask", "text": "Hva koster det?"})
    await drain(astrid, 0.5)
    await drain(oda, 0.3)
    frames = await drain(jon, 0.3)
    questions = [f for f in frames if f["type"] == "chat.questions"][-1]["questions"]
    second = next(q for q in questions if q["text"] == "Hva koster det?")
    await astrid.send_json_to({"type": "vote", "question": second["id"]})
    await astrid.send_json_to({"type": "vote", "question": second["id"]})
    frames = await drain(astrid, 0.5)
    assert [f["code"] for f in frames if f["type"] == "error"] == ["already_voted"]
    latest = [f for f in frames if f["type"] == "chat.questions"][-1]["questions"]
    assert [(q["text"], q["votes"]) for q in latest] == [
        ("Hva koster det?", 1),
        ("Hvordan starter vi?", 0),
    ]
    anonymous = next(q for q in latest if q["text"] == "Hvordan starter vi?")
    assert anonymous["author"] == "" and "asked_by" not in anonymous
    # Moderators see who asked, live after every change and after a resume.
    live = [f for f in await drain(oda, 0.3) if f["type"] == "chat.questions.moderator"]
    assert (
        next(q for q in live[-1]["questions"] if q["text"] == "Hvordan starter vi?")["asked_by"]
        == "Astrid"
    )
    await oda.disconnect()
    oda, frames = await joined(panel_room, oda_organiser)
    rest = await drain(oda, 0.5)
    mod_view = [f for f in frames + rest if f["type"] == "chat.questions.moderator"][-1][
        "questions"
    ]
    assert next(q for q in mod_view if q["text"] == "Hvordan starter vi?")["asked_by"] == "Astrid"
    for comm in (astrid, jon, oda):
        await comm.disconnect()


@pytest.mark.asyncio
async def test_poll_vote_once_with_live_results(lobby, astrid_teacher, jon_leader, oda_organiser):
    oda, _ = await joined(lobby, oda_organiser)
    astrid, _ = await joined(lobby, astrid_teacher)
    await oda.send_json_to(
        {"type": "poll", "question": "Best verktøy?", "options": ["MuseScore", "Noteflight"]}
    )
    poll = [f for f in await drain(astrid, 0.5) if f["type"] == "chat.poll"][-1]
    option = poll["options"][0]["id"]
    await astrid.send_json_to({"type": "poll_vote", "poll": poll["id"], "option": option})
    await astrid.send_json_to({"type": "poll_vote", "poll": poll["id"], "option": option})
    frames = await drain(astrid, 0.5)
    assert [f["code"] for f in frames if f["type"] == "error"] == ["already_voted"]
    latest = [f for f in frames if f["type"] == "chat.poll"][-1]
    assert (latest["options"][0]["votes"], latest["total"]) == (1, 1)
    # Only Astrid hears which option is hers, now and after a reconnect; the
    # broadcast names nobody.
    yours = {"type": "chat.poll.yours", "poll": poll["id"], "option": option}
    assert [f for f in frames if f["type"] == "chat.poll.yours"] == [yours]
    assert not [f for f in await drain(oda, 0.3) if f["type"] == "chat.poll.yours"]
    again, state = await joined(lobby, astrid_teacher)
    assert [f for f in state if f["type"] == "chat.poll.yours"] == [yours]
    await again.disconnect()
    _, oda_state = await joined(lobby, oda_organiser)
    assert not [f for f in oda_state if f["type"] == "chat.poll.yours"]
    await _.disconnect()
    # Participants cannot start polls.
    await astrid.send_json_to({"type": "poll", "question": "?", "options": ["a", "b"]})
    assert [f["code"] for f in await until(astrid, "error") if f["type"] == "error"] == [
        "forbidden"
    ]
    await astrid.disconnect()
    await oda.disconnect()


@pytest.mark.asyncio
async def test_closed_room_is_read_only_but_readable(lobby, astrid_teacher, oda_organiser):
    astrid, _ = await joined(lobby, astrid_teacher)
    await astrid.send_json_to({"type": "send", "text": "før", "client_id": "b1"})
    await drain(astrid, 0.5)
    oda, _ = await joined(lobby, oda_organiser)
    await oda.send_json_to({"type": "room", "open": False})
    states = [f for f in await drain(astrid, 0.5) if f["type"] == "chat.room"]
    assert states[-1]["open"] is False
    await astrid.send_json_to({"type": "send", "text": "etter", "client_id": "b2"})
    assert [f["code"] for f in await until(astrid, "error") if f["type"] == "error"] == ["closed"]
    await astrid.disconnect()
    astrid, frames = await joined(lobby, astrid_teacher)
    assert [f["text"] for f in frames if f["type"] == "chat.message"] == ["før"]
    await astrid.disconnect()
    await oda.disconnect()


@pytest.mark.asyncio
async def test_pupils_rooms_need_a_moderator_present(
    live_gathering, lobby, ingrid_pupil_14, oda_organiser
):
    from tests.factories.gatherings import register

    await database_sync_to_async(register)(live_gathering, ingrid_pupil_14, "online")
    ingrid, _ = await joined(lobby, ingrid_pupil_14)
    await ingrid.send_json_to({"type": "send", "text": "Hei!", "client_id": "p1"})
    assert [f["code"] for f in await until(ingrid, "error") if f["type"] == "error"] == [
        "unmoderated"
    ]
    oda, _ = await joined(lobby, oda_organiser)
    await drain(ingrid, 0.3)
    await ingrid.send_json_to({"type": "send", "text": "Hei!", "client_id": "p1"})
    assert any(f["type"] == "ack" for f in await drain(ingrid, 0.5))
    await ingrid.disconnect()
    await oda.disconnect()


@pytest.mark.asyncio
async def test_cancelled_registration_closes_the_socket_on_next_message(lobby, astrid_teacher):
    from community.gatherings import services
    from community.gatherings.models import Registration

    astrid, _ = await joined(lobby, astrid_teacher)
    registration = await database_sync_to_async(Registration.objects.get)(user=astrid_teacher)
    await database_sync_to_async(services.registration_cancel)(registration=registration)
    await astrid.send_json_to({"type": "send", "text": "Er jeg her?", "client_id": "x"})
    output = await astrid.receive_output(timeout=2)
    while output["type"] != "websocket.close":
        output = await astrid.receive_output(timeout=2)
    assert output["code"] == 4403


@pytest.mark.asyncio
async def test_presence_splits_hall_and_online(lobby, astrid_teacher, jon_leader):
    astrid, _ = await joined(lobby, astrid_teacher)
    jon, _ = await joined(lobby, jon_leader)
    presence = [f for f in await drain(astrid, 0.5) if f["type"] == "chat.presence"][-1]
    assert (presence["on_site"], presence["online"]) == (["Jon"], ["Astrid"])
    await jon.disconnect()
    presence = [f for f in await drain(astrid, 0.5) if f["type"] == "chat.presence"][-1]
    assert presence["on_site"] == []
    await astrid.disconnect()
