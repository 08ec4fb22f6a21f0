"""The site's ASGI application plus the bare floor consumer at /ws/floor/."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from bench.floor import FloorConsumer  # noqa: E402
from community.routing import websocket_urlpatterns  # noqa: E402

floor = FloorConsumer.as_asgi()
site_sockets = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))


async def sockets(scope, receive, send):
    if scope["path"] == "/ws/floor/":
        return await floor(scope, receive, send)
    return await site_sockets(scope, receive, send)


application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": sockets})
