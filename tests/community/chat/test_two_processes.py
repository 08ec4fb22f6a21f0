"""Two real Daphne processes sharing a real Redis: a message sent through one arrives at a
client of the other, and a client that reconnects to the other process resumes without a gap.
With the presence cap lowered to one, the room is "big": the list both get is capped, and
"Show everyone" through one process lists members who joined through the other, to the
asking socket only."""

import asyncio
import json

import pytest
import websockets
from django.conf import settings

from community.chat.models import Room
from tests.daphne import daphne_processes, session_cookie
from tests.factories.gatherings import build_gathering, register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs the Redis channel layer"),
]


async def _open(base, room_id, cookie):
    url = base.replace("http://", "ws://") + f"/ws/chat/{room_id}/"
    return await websockets.connect(url, additional_headers={"Cookie": cookie, "Origin": base})


# Every other frame each socket received on the way, by socket.
SKIPPED: dict[int, list] = {}


async def _resume(ws, last_seq):
    await ws.send(json.dumps({"type": "resume", "last_seq": last_seq}))
    messages = []
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if frame["type"] == "chat.message":
            messages.append(frame)
        elif frame["type"] == "synced":
            return messages
        else:
            SKIPPED.setdefault(id(ws), []).append(frame)


async def _next_message(ws, kind="chat.message"):
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if frame["type"] == kind:
            return frame
        SKIPPED.setdefault(id(ws), []).append(frame)


def test_messages_cross_processes_and_resume_without_gap(oda_organiser, astrid_teacher, jon_leader):
    gathering = build_gathering(organisers=[oda_organiser])
    register(gathering, astrid_teacher, "online")
    register(gathering, jon_leader, "on-site")
    room = Room.objects.get(gathering=gathering, kind="lobby")
    astrid_cookie, jon_cookie = session_cookie(astrid_teacher), session_cookie(jon_leader)

    cap = {"SAMSPILL_CHAT_PRESENCE_CAP": "1", "SAMSPILL_CHAT_PRESENCE_NAMES": "1"}
    with daphne_processes(2, extra_env=cap) as (first, second):

        async def scenario():
            astrid = await _open(first, room.pk, astrid_cookie)
            jon = await _open(second, room.pk, jon_cookie)
            await _resume(astrid, 0)
            await _resume(jon, 0)
            await jon.send(json.dumps({"type": "presence_all", "client_id": "presence-all"}))
            full = await _next_message(jon, "chat.presence.full")
            await astrid.send(json.dumps({"type": "send", "text": "via A", "client_id": "a1"}))
            crossed = await _next_message(jon)
            await _next_message(astrid)  # her own message, after whatever came before it
            seen = {"jon": SKIPPED.get(id(jon), []), "astrid": SKIPPED.get(id(astrid), [])}
            seen["full"] = full
            # Jon loses his connection; Astrid writes on; Jon reconnects to the OTHER process.
            await jon.close()
            for i in range(2, 6):
                await astrid.send(
                    json.dumps({"type": "send", "text": f"m{i}", "client_id": f"a{i}"})
                )
            for _ in range(4):
                await _next_message(astrid)
            jon = await _open(first, room.pk, jon_cookie)
            missed = await _resume(jon, crossed["seq"])
            await astrid.send(json.dumps({"type": "send", "text": "live", "client_id": "a6"}))
            live = await _next_message(jon)
            await astrid.close()
            await jon.close()
            return crossed, missed, live, seen

        SKIPPED.clear()
        crossed, missed, live, seen = asyncio.run(scenario())
    assert (crossed["seq"], crossed["text"], crossed["author"]) == (1, "via A", "Astrid")
    assert [m["seq"] for m in missed] == [2, 3, 4, 5]
    assert [m["text"] for m in missed] == ["m2", "m3", "m4", "m5"]
    assert live["seq"] == 6
    # Jon asked through B; Astrid joined through A: he gets both names, she no full list.
    full = seen["full"]
    assert (full["online"], full["on_site"], full["count"]) == (["Astrid"], ["Jon"], 2)
    assert not [f for f in seen["astrid"] if f["type"] == "chat.presence.full"]
    # Once both are in, every list either gets is capped: two here, one name.
    both = [f for f in seen["astrid"] + seen["jon"] if f["type"] == "chat.presence"]
    both = [f for f in both if f["count"] == 2]
    assert both and all(f["capped"] and len(f["online"] + f["on_site"]) == 1 for f in both)
