"""This process's chat sockets and the heartbeat that keeps their presence alive.

One task per process renews every socket's row in one UPDATE (not one per socket)
and sweeps rows that no process renewed: those of a killed or crashed process.
"""

import asyncio
import logging

from channels.db import database_sync_to_async
from django.conf import settings

logger = logging.getLogger(__name__)

_sockets: set[str] = set()
_task: asyncio.Task | None = None


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
