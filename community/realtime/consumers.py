from channels.generic.websocket import AsyncWebsocketConsumer

# Close codes the browser client understands (4000-4999 are ours).
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


class RelayConsumer(AsyncWebsocketConsumer):
    """Base for Samspill sockets: relays pre-serialised events without touching them."""

    groups_to_join: list[str]

    async def realtime_event(self, message):
        await self.send(text_data=message["text"])

    async def session_end(self, message):
        await self.close(code=CLOSE_UNAUTHENTICATED)
