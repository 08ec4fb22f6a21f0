from channels.db import database_sync_to_async
from django.core.exceptions import PermissionDenied
from django.http import Http404

from community.realtime.consumers import CLOSE_FORBIDDEN, RelayConsumer

from . import selectors
from .access import viewer_for
from .events import topic_group


def _may_read(user, topic_id: int) -> bool:
    try:
        selectors.access_topic_by_id(viewer_for(user), topic_id)
    except (PermissionDenied, Http404):
        return False
    return True


class TopicConsumer(RelayConsumer):
    """/ws/forums/topics/<id>/: tells an open topic page that replies arrived.

    Visitors may listen to topics they may read; the socket only relays.
    """

    async def connect(self):
        topic_id = self.scope["url_route"]["kwargs"]["topic_id"]
        user = self.scope.get("user")
        if user is None or not await database_sync_to_async(_may_read)(user, topic_id):
            await self.accept()  # then close with the code the page understands
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = topic_group(topic_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        # The socket only listens; anything a client sends is ignored.
        return
