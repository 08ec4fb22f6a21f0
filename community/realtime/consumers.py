from channels.generic.websocket import AsyncWebsocketConsumer

# Close codes the browser client understands (4000-4999 are ours); on these it stops
# retrying and says why.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_TOO_MANY = 4429


class RelayConsumer(AsyncWebsocketConsumer):
    """Base for Samspill sockets: relays pre-serialised events without touching them."""

    async def dispatch(self, message):
        # The broadcast hot path. Channels (4.2+) hops to a thread before every
        # handler to close stale database connections; a relay never touches the
        # database, and that hop per recipient halves fan-out throughput.
        if message["type"] == "realtime.event":
            await self.base_send({"type": "websocket.send", "text": message["text"]})
            return
        await super().dispatch(message)

    async def realtime_event(self, message):  # pragma: no cover - dispatch short-cuts it
        await self.send(text_data=message["text"])

    async def session_end(self, message):
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def access_check(self, message):
        """A member's registration, role or group changed; sockets that depend on it
        decide again (the chat does). Others have nothing to check."""


class NotFoundConsumer(AsyncWebsocketConsumer):
    """Any /ws/ path no route claims: a clear 4404 instead of a server error."""

    async def connect(self):
        await self.accept()
        await self.close(code=CLOSE_NOT_FOUND)
