"""Two real Daphne processes sharing the real Redis: a notification published by one
process reaches the member's socket on the other (run on the "at scale" pass)."""

import asyncio
import json

import pytest
import websockets
from django.conf import settings

from tests.daphne import daphne_processes, session_cookie

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs the Redis channel layer"),
]


def test_event_crosses_processes(astrid_teacher):
    cookie = session_cookie(astrid_teacher)
    with daphne_processes(2) as (first, second):

        async def scenario():
            ws_url = second.replace("http://", "ws://") + "/ws/notifications/"
            headers = {"Cookie": cookie, "Origin": second}
            async with websockets.connect(ws_url, additional_headers=headers) as socket:
                hello = json.loads(await asyncio.wait_for(socket.recv(), 10))
                assert hello["unread"] == 0
                await asyncio.to_thread(_notify_through, first, cookie)
                event = json.loads(await asyncio.wait_for(socket.recv(), 10))
                return event

        event = asyncio.run(scenario())
    assert event == {"type": "notification.count", "unread": 0, "title": "", "url": ""}


def _notify_through(base_url: str, cookie: str) -> None:
    """A notification created by a request to the first process."""
    import http.client

    from community.members.models import User
    from tests.factories.community import NotificationFactory

    # An unread notification written straight to the database (no event), then
    # marked read through the first process: only that process can publish the
    # new count.
    NotificationFactory(recipient=User.objects.get(email="astrid@example.org"))
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", "/me/notifications/", headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read().decode()
    csrf = body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    csrf_cookie = response.getheader("Set-Cookie").split("csrftoken=", 1)[1].split(";", 1)[0]
    conn.request(
        "POST",
        "/me/notifications/read-all/",
        body=f"csrfmiddlewaretoken={csrf}",
        headers={
            "Cookie": f"{cookie}; csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": base_url + "/me/notifications/",
            "Origin": base_url,
        },
    )
    assert conn.getresponse().status == 302
