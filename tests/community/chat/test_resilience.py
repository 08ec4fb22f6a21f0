"""Sockets that say why they are refused, close when access ends, presence that expires,
and pages that do not depend on Redis."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from django.utils import timezone

from community.asgi import application
from community.chat import presence, selectors, services
from community.chat.models import Presence
from community.realtime.consumers import CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, CLOSE_UNAUTHENTICATED
from community.realtime.origin import origin_allowed
from tests.community.chat.conftest import connect_code, joined

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("origin", "host", "allowed"),
    [
        ("http://localhost:8000", "localhost:8000", True),
        ("http://localhost:9999", "localhost:8000", False),  # another program on the host
        ("https://localhost", "localhost", True),  # behind a TLS proxy
        ("http://localhost:8000", "localhost", False),
        ("https://evil.example", "localhost", False),
        ("null", "localhost", False),
        ("", "localhost", False),
        ("http://not-allowed.example:8000", "not-allowed.example:8000", False),
    ],
)
def test_origin_must_be_this_host_and_port(origin, host, allowed):
    assert origin_allowed(origin, host) is allowed


def test_an_unrouted_socket_path_is_a_clear_4404():
    comm = WebsocketCommunicator(
        application,
        "/ws/nowhere/",
        headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")],
    )
    assert async_to_sync(connect_code)(comm) == CLOSE_NOT_FOUND


def test_a_room_number_beyond_64_bits_is_not_found(astrid_teacher):
    comm = WebsocketCommunicator(
        application,
        "/ws/chat/99999999999999999999999/",
        headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")],
    )
    comm.scope["user"] = astrid_teacher
    assert async_to_sync(connect_code)(comm) == CLOSE_NOT_FOUND


@pytest.mark.asyncio
async def test_cancelled_registration_closes_the_open_socket_at_once(lobby, astrid_teacher):
    from channels.db import database_sync_to_async

    from community.gatherings import services as gathering_services
    from community.gatherings.models import Registration

    astrid, _ = await joined(lobby, astrid_teacher)
    registration = await database_sync_to_async(Registration.objects.get)(user=astrid_teacher)
    await database_sync_to_async(gathering_services.registration_cancel)(registration=registration)
    # No frame from Astrid is needed: the change reaches the socket by itself.
    frames = []
    while True:
        output = await astrid.receive_output(timeout=3)
        if output["type"] == "websocket.close":
            break
        frames.append(output)
    assert output["code"] == CLOSE_FORBIDDEN
    assert any('"forbidden"' in f.get("text", "") for f in frames)


@pytest.mark.asyncio
async def test_logging_out_closes_the_members_sockets(lobby, astrid_teacher):
    from channels.db import database_sync_to_async
    from django.test import Client

    astrid, _ = await joined(lobby, astrid_teacher)

    def log_out():
        client = Client()
        client.force_login(astrid_teacher)
        client.post("/accounts/logout/")

    await database_sync_to_async(log_out)()
    while (output := await astrid.receive_output(timeout=3))["type"] != "websocket.close":
        pass
    assert output["code"] == CLOSE_UNAUTHENTICATED


def test_expired_presence_counts_for_nothing_and_is_swept(lobby, oda_organiser, astrid_teacher):
    for n in range(3):
        Presence.objects.create(
            room=lobby, user=astrid_teacher, channel_name=f"ghost-{n}", mode="online"
        )
    Presence.objects.create(room=lobby, user=oda_organiser, channel_name="oda", mode="organiser")
    assert selectors.moderator_present(lobby)
    assert selectors.sockets_of(astrid_teacher) == 3
    # A killed process renews nothing: after the expiry its rows are ghosts.
    Presence.objects.update(last_seen=timezone.now() - timedelta(minutes=5))
    assert not selectors.moderator_present(lobby)
    assert selectors.sockets_of(astrid_teacher) == 0
    assert selectors.presence_state(lobby).organisers == []
    # Another process's heartbeat renews its own sockets and sweeps the ghosts.
    live = Presence.objects.create(
        room=lobby, user=astrid_teacher, channel_name="live", mode="online"
    )
    assert services.presence_heartbeat(channel_names=["live"]) == 4
    assert list(Presence.objects.values_list("channel_name", flat=True)) == [live.channel_name]


@pytest.mark.asyncio
async def test_the_heartbeat_keeps_open_sockets_alive(lobby, astrid_teacher, settings):
    from channels.db import database_sync_to_async

    astrid, _ = await joined(lobby, astrid_teacher)
    await database_sync_to_async(
        lambda: Presence.objects.update(last_seen=timezone.now() - timedelta(minutes=5))
    )()
    await presence.beat()
    assert await database_sync_to_async(selectors.sockets_of)(astrid_teacher) == 1
    await astrid.disconnect()


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "community.cache.ResilientRedisCache",
            # Nothing listens there: Redis is "away".
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    },
    SAMSPILL_SITE_CACHE_SECONDS=300,
)
def test_pages_render_without_redis_and_health_names_the_cache(client, astrid_teacher):
    assert client.get("/").status_code == 200
    client.force_login(astrid_teacher)
    assert client.get("/forums/").status_code == 200
    health = client.get("/health/")
    assert health.status_code == 503
    assert health.json()["cache"] == "failing"
    assert health.json()["database"] == "ok"


def test_the_layer_reads_without_a_timeout_and_keeps_connections_alive(monkeypatch):
    """With any redis client of the pinned range: an idle socket's blocking receive
    (channels-redis waits 5 s) must never hit a read timeout, and no read runs under one
    (on Python 3.11 that lost cancels: tests/community/test_redis_cancel.py); TCP
    keepalive notices a dead server instead."""
    import importlib
    import socket

    from channels_redis.utils import create_pool

    from community.settings import base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    reloaded = importlib.reload(base)
    try:
        host = reloaded.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]
        # What the layer's connections really get (redis-py 8 would default to 5 s).
        connection = create_pool(host).make_connection()
        assert connection.socket_timeout is None
        assert connection.socket_keepalive is True
        assert connection.socket_keepalive_options[socket.TCP_KEEPIDLE] == 5
        assert connection.socket_connect_timeout == 3
        assert reloaded.CACHES["default"]["BACKEND"] == "community.cache.ResilientRedisCache"
    finally:
        monkeypatch.undo()
        importlib.reload(base)


@pytest.mark.asyncio
async def test_crafted_frames_leave_the_socket_open(lobby, astrid_teacher):
    astrid, _ = await joined(lobby, astrid_teacher)
    crafted = [
        '{"type": "resume", "last_seq": 1e309}',
        '{"type": "mute", "user": 1, "minutes": 1e309}',
        '{"type": "poll_vote", "poll": 99999999, "option": 1}',
        '{"type": "poll_close", "poll": 1}',
        '{"type": "vote", "question": -1}',
        '{"type": "send", "text": null, "client_id": "<script>"}',
        '{"type": "edit", "seq": [], "text": {}}',
        "not json",
        "[]",
        '"send"',
    ]

    async def reply():
        # The coalesced presence list may arrive in between; it is not a reply.
        while (frame := await astrid.receive_json_from(timeout=3))["type"] == "chat.presence":
            pass
        return frame

    for text in crafted:
        await astrid.send_to(text_data=text)
        assert (await reply())["type"] == "error", text
    await astrid.send_to(bytes_data=b"\x00\x01")
    assert (await reply())["type"] == "error"
    # Still open and answering.
    await astrid.send_json_to({"type": "resume", "last_seq": 0})
    frames = []
    while not frames or frames[-1]["type"] != "synced":
        frames.append(await astrid.receive_json_from(timeout=3))
    await astrid.disconnect()


async def own_join_lists(socket, frames):
    """Wait for both presence lists a lone joiner gets: the one with the sync and the
    one its own join broadcasts at the next short flush. On a busy machine, or through
    Redis, the broadcast can land after joined() stops listening; a test that counts
    lists must not mistake it for one of its own."""
    while sum(f["type"] == "chat.presence" for f in frames) < 2:
        frames.append(await socket.receive_json_from(timeout=5))


@pytest.mark.asyncio
async def test_a_burst_of_joins_sends_one_presence_list(lobby, astrid_teacher, settings):
    from channels.db import database_sync_to_async

    from tests.community.chat.conftest import drain
    from tests.factories.community import UserFactory
    from tests.factories.gatherings import register

    astrid, frames = await joined(lobby, astrid_teacher)
    await own_join_lists(astrid, frames)
    # No timed flush during the test: the joins below all fall in one interval.
    settings.SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS = 600

    def newcomers():
        members = [UserFactory(display_name=f"Deltaker {n}") for n in range(12)]
        for member in members:
            register(lobby.gathering, member, "online")
        return members

    others = await database_sync_to_async(newcomers)()
    import asyncio

    sockets = [s for s, _ in await asyncio.gather(*(joined(lobby, m) for m in others))]
    assert not [f for f in await drain(astrid, 0.2) if f["type"] == "chat.presence"]
    await presence.flush_now()  # what the interval's end does
    lists = [f for f in await drain(astrid, 0.5) if f["type"] == "chat.presence"]
    assert len(lists) == 1  # one list for twelve joins, not twelve
    assert len(lists[-1]["online"]) == 1 + len(others)
    for socket in sockets:
        await socket.disconnect()
    await astrid.disconnect()


@pytest.mark.asyncio
async def test_processes_sharing_a_room_send_one_list_per_interval(
    lobby, astrid_teacher, settings, monkeypatch
):
    """Two Daphne processes whose members join the same room in one interval: the first
    to flush claims the interval in the shared cache and sends the list; the other keeps
    the room marked and sends the fresh list in the next interval (never drops it)."""
    import time as clock

    from tests.community.chat.conftest import drain

    astrid, frames = await joined(lobby, astrid_teacher)
    await own_join_lists(astrid, frames)
    settings.SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS = 600
    presence.changed(lobby.pk)  # a join through process A
    await presence.flush_now()
    presence.changed(lobby.pk)  # a join through process B, same interval
    await presence.flush_now()
    lists = [f for f in await drain(astrid, 0.5) if f["type"] == "chat.presence"]
    assert len(lists) == 1
    assert lobby.pk in presence._changed_rooms  # deferred, not dropped
    now = clock.time()
    monkeypatch.setattr(presence.time, "time", lambda: now + 600)  # the next interval
    await presence.flush_now()
    lists = [f for f in await drain(astrid, 0.5) if f["type"] == "chat.presence"]
    assert len(lists) == 1 and not presence._changed_rooms
    await astrid.disconnect()
