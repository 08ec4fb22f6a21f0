"""This process's chat sockets, the heartbeat that keeps their presence alive, and
coalesced presence lists.

One task per process renews every socket's row in one UPDATE (not one per socket)
and sweeps rows that no process renewed: those of a killed or crashed process.
Joins and leaves mark their room; another task sends each marked room's list at most
once per `SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS`, so 500 people arriving at a session
cost a few lists, not 500 lists to 500 sockets each.
"""

import asyncio
import logging

from channels.db import database_sync_to_async
from django.conf import settings

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
    global _flusher
    _changed_rooms.add(room_id)
    loop = asyncio.get_running_loop()
    if _flusher is None or _flusher.done() or _flusher.get_loop() is not loop:
        _flusher = loop.create_task(_flush())


async def flush_now() -> None:
    """Send one presence list to each room that changed since the last flush."""
    from . import services

    rooms = sorted(_changed_rooms)
    _changed_rooms.clear()
    if rooms:
        await database_sync_to_async(services.presence_publish)(room_ids=rooms)


async def _flush() -> None:
    while _changed_rooms:
        await asyncio.sleep(settings.SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS)
        try:
            await flush_now()
        except Exception:
            logger.exception("Chat presence lists not sent")
