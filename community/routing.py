"""WebSocket routes, all under /ws/."""

from django.urls import path, re_path

from community.chat.routing import websocket_urlpatterns as chat_ws
from community.gatherings.routing import websocket_urlpatterns as gatherings_ws
from community.notifications.consumers import NotificationConsumer
from community.realtime.consumers import NotFoundConsumer
from courses.routing import websocket_urlpatterns as courses_ws
from forums.routing import websocket_urlpatterns as forums_ws

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    *forums_ws,
    *gatherings_ws,
    *chat_ws,
    *courses_ws,
    # Last: any other path gets a clear 4404, not a server error.
    re_path(r"", NotFoundConsumer.as_asgi()),
]
