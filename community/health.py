"""/health/ for load balancers: 200 when every part answers, 503 naming the failing part.

Each check is bounded in time, so a paused Redis makes /health/ answer 503 within
about two seconds rather than hang.
"""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

CHECK_TIMEOUT = 2


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 -- any failure means "not healthy"
        return False


async def _layer_roundtrip() -> bool:
    layer = get_channel_layer()
    channel = await layer.new_channel("health.")
    await layer.send(channel, {"type": "health.ping"})
    message = await layer.receive(channel)
    return message.get("type") == "health.ping"


def _channel_layer_ok() -> bool:
    async def bounded():
        return await asyncio.wait_for(_layer_roundtrip(), timeout=CHECK_TIMEOUT)

    try:
        return async_to_sync(bounded)()
    except Exception:  # noqa: BLE001
        return False


def _cache_ok() -> bool:
    ping = getattr(cache, "ping", None)
    if ping is None:  # the embedded local-memory cache cannot fail
        return True
    return ping()


@never_cache
def health(request):
    checks = {
        "database": "ok" if _database_ok() else "failing",
        "channel_layer": "ok" if _channel_layer_ok() else "failing",
        "cache": "ok" if _cache_ok() else "failing",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503
    )
