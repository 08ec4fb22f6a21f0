from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .events import Event


def publish_on_commit(group: str, event: Event) -> None:
    """The only way Samspill sends a real-time event.

    The event leaves after the surrounding transaction commits, so no client
    ever hears of a row that a rollback took back.
    """
    message = event.to_message()

    def send():
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, message)

    transaction.on_commit(send)
