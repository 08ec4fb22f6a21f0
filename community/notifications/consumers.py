from channels.db import database_sync_to_async

from community.realtime.consumers import CLOSE_UNAUTHENTICATED, RelayConsumer
from community.realtime.events import NotificationCount, user_group

from . import selectors


class NotificationConsumer(RelayConsumer):
    """/ws/notifications/: the header's live unread count, for signed-in members."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept, then close: a close before accepting reaches the browser as a
            # handshake failure without the code, and the page would keep retrying.
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        unread = await database_sync_to_async(selectors.unread_count)(user)
        await self.send(text_data=NotificationCount(unread=unread).to_message()["text"])

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        # The socket only listens; anything a client sends is ignored.
        return
