"""/health/ for load balancers: 200 when the database and channel layer answer."""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


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
    message = await asyncio.wait_for(layer.receive(channel), timeout=2)
    return message.get("type") == "health.ping"


def _channel_layer_ok() -> bool:
    try:
        return async_to_sync(_layer_roundtrip)()
    except Exception:  # noqa: BLE001
        return False


@never_cache
def health(request):
    checks = {
        "database": "ok" if _database_ok() else "failing",
        "channel_layer": "ok" if _channel_layer_ok() else "failing",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503
    )
