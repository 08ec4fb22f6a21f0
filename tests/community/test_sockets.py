"""The notification socket: members only, same Origin only, live counts, closed on logout.

On the "at scale" run these go through the real Redis channel layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from community.asgi import application
from community.members import services as member_services
from community.notifications import services as notification_services
from community.realtime.consumers import CLOSE_UNAUTHENTICATED
from tests.community.chat.conftest import connect_code

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://localhost")


@pytest.mark.asyncio
async def _connect(user=None, origin=ORIGIN):
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=[origin, (b"host", b"localhost")]
    )
    if user is not None:
        # The session middleware reads the cookie; a signed-in scope is simpler and
        # equivalent for the consumer.
        communicator.scope["user"] = user
    code = await connect_code(communicator)
    return communicator, code is None, code


@pytest.mark.asyncio
async def _signed_in(user):
    from community.notifications.consumers import NotificationConsumer

    communicator = WebsocketCommunicator(NotificationConsumer.as_asgi(), "/ws/notifications/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


@pytest.mark.asyncio
async def test_anonymous_is_refused():
    communicator, connected, code = await _connect()
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


@pytest.mark.asyncio
async def test_foreign_origin_is_refused(astrid_teacher):
    communicator, connected, code = await _connect(
        astrid_teacher, origin=(b"origin", b"https://evil.example.com")
    )
    assert not connected


@pytest.mark.asyncio
async def test_anonymous_user_object_is_refused_by_the_consumer():
    from community.notifications.consumers import NotificationConsumer

    communicator = WebsocketCommunicator(NotificationConsumer.as_asgi(), "/ws/notifications/")
    communicator.scope["user"] = AnonymousUser()
    assert await connect_code(communicator) == CLOSE_UNAUTHENTICATED


@pytest.mark.asyncio
async def test_member_gets_count_then_live_updates(astrid_teacher):
    communicator = await _signed_in(astrid_teacher)
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "notification.count",
        "unread": 0,
        "title": "",
        "url": "",
    }
    await database_sync_to_async(notification_services.notify)(
        recipient=astrid_teacher, kind="test", title="Ny kommentar", url="/forums/"
    )
    event = await communicator.receive_json_from(timeout=5)
    assert event == {
        "type": "notification.count",
        "unread": 1,
        "title": "Ny kommentar",
        "url": "/forums/",
    }
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_another_members_notification_is_not_delivered(astrid_teacher, jon_leader):
    communicator = await _signed_in(astrid_teacher)
    await communicator.receive_json_from(timeout=5)
    await database_sync_to_async(notification_services.notify)(
        recipient=jon_leader, kind="test", title="For Jon"
    )
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_logout_closes_the_socket(astrid_teacher):
    communicator = await _signed_in(astrid_teacher)
    await communicator.receive_json_from(timeout=5)
    await sync_to_async(member_services.member_sockets_close)(user=astrid_teacher)
    output = await communicator.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": CLOSE_UNAUTHENTICATED}


@pytest.mark.asyncio
async def test_socket_through_the_full_stack_with_a_session_cookie(astrid_teacher):
    """Session authentication as a browser does it: the cookie from a login."""
    from django.test import Client

    client = Client()
    await sync_to_async(client.force_login)(astrid_teacher)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    communicator = WebsocketCommunicator(
        application,
        "/ws/notifications/",
        headers=[ORIGIN, (b"host", b"localhost"), (b"cookie", cookie.encode())],
    )
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "notification.count"
    await communicator.disconnect()


def test_layer_matches_the_configuration():
    layer = get_channel_layer()
    if settings.REDIS_URL:
        from channels_redis.core import RedisChannelLayer

        assert isinstance(layer, RedisChannelLayer)
    else:
        from channels.layers import InMemoryChannelLayer

        assert isinstance(layer, InMemoryChannelLayer)
