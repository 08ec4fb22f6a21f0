import pytest
from channels.testing import WebsocketCommunicator

from community.chat.consumers import ChatConsumer
from community.chat.models import Room
from community.gatherings import services as gathering_services
from tests.factories.gatherings import build_gathering, register


@pytest.fixture
def live_gathering(oda_organiser, astrid_teacher, jon_leader, kari_other_school_teacher):
    """Happening now, with Astrid online, Jon on site, Kari online, and breakout groups."""
    gathering = build_gathering(organisers=[oda_organiser], audience="anyone")
    register(gathering, astrid_teacher, "online")
    register(gathering, jon_leader, "on-site")
    register(gathering, kari_other_school_teacher, "online")
    session = gathering.sessions.get(kind="group-work")
    gathering_services.groups_create(session=session, method="by_municipality", size=5)
    from community.chat.services import rooms_sync

    rooms_sync(gathering=gathering)
    return gathering


@pytest.fixture
def lobby(live_gathering):
    return Room.objects.get(gathering=live_gathering, kind="lobby")


@pytest.fixture
def panel_room(live_gathering):
    """The panel's room, opened early by the organisers."""
    room = Room.objects.get(gathering=live_gathering, kind="session", session__kind="panel")
    room.opened_manually = True
    room.save()
    return room


def communicator(room, user):
    """A socket to the room's consumer, signed in as `user` (None: anonymous)."""
    from django.contrib.auth.models import AnonymousUser

    comm = WebsocketCommunicator(ChatConsumer.as_asgi(), f"/ws/chat/{room.pk}/")
    comm.scope["user"] = user or AnonymousUser()
    comm.scope["url_route"] = {"kwargs": {"room_id": room.pk}}
    return comm


async def joined(room, user, last_seq=0):
    """Connect, resume from `last_seq`, and return (socket, frames up to 'synced')."""
    comm = communicator(room, user)
    connected, code = await comm.connect()
    assert connected, code
    await comm.send_json_to({"type": "resume", "last_seq": last_seq})
    frames = []
    while True:
        frame = await comm.receive_json_from(timeout=5)
        frames.append(frame)
        if frame["type"] == "synced":
            break
    # Room state, presence, questions and polls follow the sync.
    frames += await drain(comm, 0.2)
    return comm, frames


async def until(comm, kind, timeout=5):
    """Frames up to the first of type `kind` (waiting up to `timeout` for it, so a busy
    machine is not mistaken for a missing reply), then whatever follows within 0.2 s."""
    frames = []
    while not frames or frames[-1]["type"] != kind:
        frames.append(await comm.receive_json_from(timeout=timeout))
    return frames + await drain(comm, 0.2)


async def drain(comm, timeout=0.3):
    frames = []
    while not await comm.receive_nothing(timeout=timeout):
        frames.append(await comm.receive_json_from())
    return frames


async def connect_code(comm):
    """None if the socket stays open, else the code it was closed with.

    Refusals accept and then close, so the browser learns the code."""
    connected, code = await comm.connect()
    if not connected:
        return code or 403
    if await comm.receive_nothing(timeout=0.3):
        return None
    output = await comm.receive_output()
    if output["type"] == "websocket.close":
        return output.get("code")
    return None
