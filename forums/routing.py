"""WebSocket routes of this app, collected by community/routing.py."""

from django.urls import path

from .consumers import TopicConsumer

websocket_urlpatterns: list = [
    path("ws/forums/topics/<id:topic_id>/", TopicConsumer.as_asgi()),
]
