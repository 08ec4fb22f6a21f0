import asyncio
import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .events import Event

logger = logging.getLogger(__name__)

# A broadcast waits at most this long for the channel layer; after a failure the
# process skips the layer for BACKOFF seconds. Clients never depend on a broadcast
# arriving: they resume from the last sequence number they saw after a reconnect
# and ask for any gap they notice, so a lost broadcast delays, never loses.
TIMEOUT = 2.0
BACKOFF = 2.0
_down_until = 0.0


async def _bounded_send(layer, group: str, message: dict) -> None:
    await asyncio.wait_for(layer.group_send(group, message), timeout=TIMEOUT)


def _send_now(group: str, message: dict) -> None:
    global _down_until
    layer = get_channel_layer()
    if layer is None or time.monotonic() < _down_until:
        return
    try:
        async_to_sync(_bounded_send)(layer, group, message)
    except RuntimeError as error:
        # Called where no event loop may be entered (e.g. inside a running loop's own
        # thread): this call's problem, not the layer's, so the others still go out.
        logger.warning("Real-time event to %s not sent: %r", group, error)
    except Exception as error:  # noqa: BLE001 -- the saved action stands whatever happens here
        _down_until = time.monotonic() + BACKOFF
        logger.warning("Real-time event to %s not sent: %r", group, error)


def publish_on_commit(group: str, event: Event) -> None:
    """The only way Samspill sends a real-time event.

    The event leaves after the surrounding transaction commits, so no client
    ever hears of a row that a rollback took back; a channel layer that is away
    never turns the committed action into an error.
    """
    message = event.to_message()
    transaction.on_commit(lambda: _send_now(group, message))
