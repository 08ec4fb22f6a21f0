"""The floor for bench/chat.py: a bare Channels room consumer with no authentication and
no persistence, which group_sends every message it receives to the room."""

from channels.generic.websocket import AsyncWebsocketConsumer


class FloorConsumer(AsyncWebsocketConsumer):
    group = "bench.floor"

    async def connect(self):
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(
            self.group, {"type": "floor.message", "text": text_data}
        )

    async def floor_message(self, message):
        await self.send(text_data=message["text"])
