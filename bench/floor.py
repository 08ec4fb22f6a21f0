"""The floor for bench/chat.py: a bare Channels room consumer with no authentication and
no persistence, which group_sends every message it receives to the room.

It is strict: like Samspill's RelayConsumer it relays each delivery straight from
dispatch, skipping the thread hop Channels (4.2+) makes before every handler to close old
database connections, so the floor is what the same layer and Daphne can do at best.
"""

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

    async def dispatch(self, message):
        if message["type"] == "floor.message":
            await self.base_send({"type": "websocket.send", "text": message["text"]})
            return
        await super().dispatch(message)

    async def floor_message(self, message):  # pragma: no cover - dispatch short-cuts it
        await self.send(text_data=message["text"])
