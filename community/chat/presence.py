"""This process's chat sockets, the heartbeat that keeps their presence alive, and
coalesced presence lists.

One task per process renews every socket's row in one UPDATE (not one per socket)
and sweeps rows that no process renewed: those of a killed or crashed process.
Joins and leaves mark their room; another task sends each marked room's list at most
once per `SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS`, so 500 people arriving at a session
cost a few lists, not 500 lists to 500 sockets each. Across Daphne processes the first
to claim a room's interval in the shared cache sends its list for all of them (the list
is read from the database, so it holds every process's joins); the others keep the room
marked and try the next interval, so a member's socket gets one list per interval
whichever process the newcomers joined through.
"""

import asyncio
import logging
import math
import time

from channels.db import database_sync_to_async
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_sockets: set[str] = set()
_task: asyncio.Task | None = None
_changed_rooms: set[int] = set()
_flusher: asyncio.Task | None = None


def register(channel_name: str) -> None:
    global _task
    _sockets.add(channel_name)
    loop = asyncio.get_running_loop()
    if _task is None or _task.done() or _task.get_loop() is not loop:
        _task = loop.create_task(_heartbeat())


def unregister(channel_name: str) -> None:
    _sockets.discard(channel_name)


async def beat() -> int:
    from . import services

    return await database_sync_to_async(services.presence_heartbeat)(channel_names=list(_sockets))


async def _heartbeat() -> None:
    while _sockets:
        await asyncio.sleep(settings.SAMSPILL_CHAT_HEARTBEAT_SECONDS)
        try:
            await beat()
        except Exception:  # the database may be briefly away; try again next beat
            logger.exception("Chat presence heartbeat failed")


def changed(room_id: int) -> None:
    """Someone joined or left the room: its list goes out with the next flush."""
    _changed_rooms.add(room_id)
    _ensure_flusher()


def _ensure_flusher() -> None:
    global _flusher
    loop = asyncio.get_running_loop()
    if _flusher is None or _flusher.done() or _flusher.get_loop() is not loop:
        _flusher = loop.create_task(_flush())


def _claim(room_ids: list[int]) -> list[int]:
    """The rooms whose list no process has sent in this interval yet, now claimed."""
    interval = settings.SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS
    slot = int(time.time() / interval) if interval > 0 else time.time_ns()
    timeout = max(1, math.ceil(2 * interval))
    return [
        room_id
        for room_id in room_ids
        if cache.add(f"chat:presence:{room_id}:{interval:g}:{slot}", 1, timeout)
    ]


def _publish_claimed(room_ids: list[int]) -> set[int]:
    """Send the claimed rooms' lists; return the rooms another process sends this time."""
    from . import services

    claimed = _claim(room_ids)
    if claimed:
        services.presence_publish(room_ids=claimed)
    return set(room_ids) - set(claimed)


async def flush_now() -> None:
    """Send one presence list to each room that changed since the last flush (unless
    another process already sent it in this interval: then with the next one)."""
    rooms = sorted(_changed_rooms)
    _changed_rooms.clear()
    if rooms:
        deferred = await database_sync_to_async(_publish_claimed)(rooms)
        if deferred:
            _changed_rooms.update(deferred)
            _ensure_flusher()


async def _flush() -> None:
    while _changed_rooms:
        await asyncio.sleep(settings.SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS)
        try:
            await flush_now()
        except Exception:
            logger.exception("Chat presence lists not sent")
