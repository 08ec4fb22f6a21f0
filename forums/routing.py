"""WebSocket routes of this app, collected by community/routing.py."""

websocket_urlpatterns: list = []
