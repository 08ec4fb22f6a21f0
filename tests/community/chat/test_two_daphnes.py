"""The live chat run the way docs/deployment.md tells a school to run it: several Daphne
processes sharing a real Redis (the "at scale" pass).

- a socket left idle for a minute stays open and hears the next message;
- a Daphne process killed with SIGKILL leaves no presence after the expiry, and a
  pupils' room then refuses pupils' messages, since no adult is really connected;
- logging out and a cancelled registration close the member's sockets on every process;
- Redis paused for 30 s, then killed and restarted, while four members type a message a
  second: every message typed is stored once and reaches all four, no request gives a
  500, and /health/ answers 503 during the outage.
"""

import asyncio
import contextlib
import http.client
import json
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import pytest
import websockets
from django.conf import settings

from community.chat.models import Message, Presence, Room
from tests.daphne import daphne_processes, session_cookie
from tests.factories.gatherings import register
from tests.services import free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs the Redis channel layer"),
]

FAST_PRESENCE = {
    "SAMSPILL_CHAT_HEARTBEAT_SECONDS": "1",
    "SAMSPILL_CHAT_PRESENCE_EXPIRY_SECONDS": "4",
    "SAMSPILL_CHAT_RATE_COUNT": "50",
}


def _ws(base: str, room: Room) -> str:
    return base.replace("http://", "ws://") + f"/ws/chat/{room.pk}/"


async def _open(base, room, cookie):
    socket = await websockets.connect(
        _ws(base, room), additional_headers={"Cookie": cookie, "Origin": base}, open_timeout=10
    )
    await socket.send(json.dumps({"type": "resume", "last_seq": 0}))
    await _until(socket, lambda f: f["type"] == "synced")
    return socket


async def _until(socket, predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), deadline - time.monotonic()))
        if predicate(frame):
            return frame


async def _closed_code(socket, timeout=5):
    with contextlib.suppress(websockets.ConnectionClosed):
        while True:
            await asyncio.wait_for(socket.recv(), timeout)
    return socket.close_code


def test_idle_socket_killed_process_logout_and_cancelled_registration(
    live_gathering,
    lobby,
    panel_room,
    astrid_teacher,
    jon_leader,
    kari_other_school_teacher,
    oda_organiser,
    ingrid_pupil_14,
):
    from community.gatherings import services as gathering_services
    from community.gatherings.models import Registration

    register(live_gathering, ingrid_pupil_14, "online")
    people = (astrid_teacher, jon_leader, kari_other_school_teacher, oda_organiser)
    cookies = {u.pk: session_cookie(u) for u in people}
    pupil_cookie = session_cookie(ingrid_pupil_14)

    with daphne_processes(3, extra_env=FAST_PRESENCE) as urls:
        first, second, doomed = urls

        async def scenario():
            started = time.monotonic()
            # Jon listens in the lobby and says nothing for a minute.
            idle = await _open(first, lobby, cookies[jon_leader.pk])

            # The organiser is in the panel room through the process that will die.
            oda = await _open(doomed, panel_room, cookies[oda_organiser.pk])
            ingrid = await _open(second, panel_room, pupil_cookie)
            await ingrid.send(json.dumps({"type": "send", "text": "Hei!", "client_id": "p-1"}))
            ack = await _until(ingrid, lambda f: f["type"] in {"ack", "error"})
            assert ack["type"] == "ack", ack
            urls.processes[2].send_signal(signal.SIGKILL)
            urls.processes[2].wait()
            del oda
            await asyncio.sleep(7)  # expiry 4 s, heartbeat 1 s
            await ingrid.send(
                json.dumps({"type": "send", "text": "Er noen der?", "client_id": "p-2"})
            )
            refused = await _until(ingrid, lambda f: f["type"] in {"ack", "error"})
            assert (refused["type"], refused["code"]) == ("error", "unmoderated")
            ghosts = await asyncio.to_thread(
                lambda: Presence.objects.filter(room=panel_room, user=oda_organiser).count()
            )
            assert ghosts == 0  # swept by the surviving processes' heartbeat

            # Astrid has the lobby open in both processes; cancelling her registration
            # closes both within five seconds.
            astrid_sockets = [
                await _open(base, lobby, cookies[astrid_teacher.pk]) for base in (first, second)
            ]
            await asyncio.to_thread(
                lambda: gathering_services.registration_cancel(
                    registration=Registration.objects.get(
                        user=astrid_teacher, gathering=live_gathering
                    )
                )
            )
            codes = await asyncio.gather(*(_closed_code(s) for s in astrid_sockets))
            assert codes == [4403, 4403]

            # The organiser's sockets on both processes close when she logs out.
            oda_sockets = [
                await _open(base, lobby, cookies[oda_organiser.pk]) for base in (first, second)
            ]
            await asyncio.to_thread(_log_out, oda_organiser)
            codes = await asyncio.gather(*(_closed_code(s) for s in oda_sockets))
            assert codes == [4401, 4401]

            # A minute after it opened, the idle socket is still there and hears news.
            await asyncio.sleep(max(0, 62 - (time.monotonic() - started)))
            # The organiser signs in again (a pupil is registered: an adult must speak).
            fresh = await asyncio.to_thread(session_cookie, oda_organiser)
            speaker = await _open(second, lobby, fresh)
            return idle, speaker

        async def run():
            idle, speaker = await scenario()
            await speaker.send(
                json.dumps({"type": "send", "text": "Fortsatt her?", "client_id": "j-1"})
            )
            ack = await _until(speaker, lambda f: f["type"] in {"ack", "error"})
            assert ack["type"] == "ack", ack
            heard = await _until(idle, lambda f: f["type"] == "chat.message", timeout=10)
            assert heard["text"] == "Fortsatt her?"
            assert idle.close_code is None
            await idle.close()
            await speaker.close()

        asyncio.run(run())


def _log_out(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    client.post("/accounts/logout/")


# --- Redis outage ---------------------------------------------------------------------


class ChatClient:
    """The page's protocol, as chat.js speaks it: an outbox of typed messages sent one at
    a time in order, acknowledged by the server, resent after every reconnect with the same
    client id, and a resume from the last sequence number seen."""

    def __init__(self, bases, room, cookie):
        self.bases, self.room, self.cookie = bases, room, cookie
        self.outbox: dict[str, str] = {}
        self.typed: list[str] = []
        self.seen: dict[int, str] = {}
        self.last_seq = 0
        self.done = False

    def type(self, text):
        client_id = uuid.uuid4().hex
        self.outbox[client_id] = text
        self.typed.append(client_id)

    async def run(self):
        attempt = 0
        while not self.done:
            base = self.bases[attempt % len(self.bases)]
            attempt += 1
            try:
                await self._session(base)
            except (TimeoutError, OSError, websockets.WebSocketException):
                await asyncio.sleep(0.5)

    async def _session(self, base):
        async with websockets.connect(
            _ws(base, self.room),
            additional_headers={"Cookie": self.cookie, "Origin": base},
            open_timeout=5,
        ) as socket:
            await socket.send(json.dumps({"type": "resume", "last_seq": self.last_seq}))
            synced, in_flight, sent_at, paused_until = False, None, 0.0, 0.0
            while not self.done:
                now = time.monotonic()
                if in_flight and now - sent_at > 8:
                    in_flight = None  # no ack: send again (same client id)
                if synced and not in_flight and self.outbox and now >= paused_until:
                    in_flight = next(iter(self.outbox))
                    sent_at = now
                    await socket.send(
                        json.dumps(
                            {"type": "send", "text": self.outbox[in_flight], "client_id": in_flight}
                        )
                    )
                try:
                    frame = json.loads(await asyncio.wait_for(socket.recv(), 0.3))
                except TimeoutError:
                    continue
                if frame["type"] == "chat.message":
                    if synced and frame["seq"] > self.last_seq + 1:
                        await socket.send(json.dumps({"type": "resume", "last_seq": self.last_seq}))
                    self.seen[frame["seq"]] = frame["client_id"]
                    self.last_seq = max(self.last_seq, frame["seq"])
                elif frame["type"] == "synced":
                    synced = True
                elif frame["type"] == "ack":
                    self.outbox.pop(frame["client_id"], None)
                    in_flight = None
                elif frame["type"] == "error" and frame.get("client_id") == in_flight:
                    assert frame["retry_after"], frame  # only a wait, never a refusal here
                    paused_until = time.monotonic() + frame["retry_after"]
                    in_flight = None


def _redis_server(port, datadir):
    return subprocess.Popen(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            datadir,
            "--timeout",
            "0",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
    )


def _wait_port(port, timeout=10):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError("redis did not start")


def _get(base, path):
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=20)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def test_redis_outage_loses_no_message_and_gives_no_500(
    lobby, astrid_teacher, jon_leader, kari_other_school_teacher, oda_organiser
):
    port = free_port()
    datadir = tempfile.mkdtemp(prefix="samspill-outage-")
    redis = _redis_server(port, datadir)
    _wait_port(port)
    members = (astrid_teacher, jon_leader, kari_other_school_teacher, oda_organiser)
    cookies = [session_cookie(m) for m in members]
    statuses: dict[str, list] = {"health_outage": [], "all": []}
    try:
        with daphne_processes(
            2, redis_url=f"redis://127.0.0.1:{port}/0", extra_env=FAST_PRESENCE
        ) as bases:
            clients = [
                ChatClient(bases if i % 2 else list(reversed(bases)), lobby, cookie)
                for i, cookie in enumerate(cookies)
            ]
            outage = {"on": False}

            async def typing(seconds):
                for _ in range(seconds):
                    for client in clients:
                        client.type(f"melding {len(client.typed)}")
                    await asyncio.sleep(1)

            async def probing():
                while not all(c.done for c in clients):
                    for base in bases:
                        for path in ("/health/", "/", "/gatherings/"):
                            status = await asyncio.to_thread(_get, base, path)
                            statuses["all"].append(status)
                            if path == "/health/" and outage["on"]:
                                statuses["health_outage"].append(status)
                    await asyncio.sleep(1)

            async def scenario():
                nonlocal redis
                runners = [asyncio.create_task(c.run()) for c in clients]
                probe = asyncio.create_task(probing())
                await typing(5)
                redis.send_signal(signal.SIGSTOP)
                outage["on"] = True
                await typing(30)
                redis.send_signal(signal.SIGKILL)
                redis.wait()
                await typing(3)
                redis = _redis_server(port, datadir)
                await asyncio.to_thread(_wait_port, port)
                outage["on"] = False
                await typing(5)
                deadline = time.monotonic() + 90
                everything = {cid for c in clients for cid in c.typed}
                while time.monotonic() < deadline:
                    if all(not c.outbox and set(c.seen.values()) >= everything for c in clients):
                        break
                    await asyncio.sleep(0.5)
                for c in clients:
                    c.done = True
                await asyncio.gather(*runners, probe, return_exceptions=True)
                return everything

            everything = asyncio.run(scenario())
    finally:
        redis.kill()
        redis.wait()
        shutil.rmtree(datadir, ignore_errors=True)

    stored = list(Message.objects.filter(room=lobby).values_list("client_id", flat=True))
    assert len(everything) == sum(len(c.typed) for c in clients) >= 4 * 40
    assert sorted(stored) == sorted(everything)  # every message stored, exactly once
    for client in clients:
        assert not client.outbox
        assert set(client.seen.values()) == everything  # and delivered to all four
    assert 500 not in statuses["all"]
    assert 503 in statuses["health_outage"]
