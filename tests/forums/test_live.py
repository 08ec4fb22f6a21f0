"""The live "new replies" event reaches an open topic page; closed topics refuse sockets."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from forums import services
from forums.models import Audience
from forums.routing import websocket_urlpatterns
from tests.community.chat.conftest import connect_code
from tests.factories.forums import CategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_own_loop(coroutine_function, *args):
    """Browser tests keep Playwright's loop running in this thread, so consumers are
    driven from a fresh thread with its own loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine_function(*args)).result(timeout=30)


def _communicator(topic_id, user):
    communicator = WebsocketCommunicator(
        URLRouter(websocket_urlpatterns), f"/ws/forums/topics/{topic_id}/"
    )
    communicator.scope["user"] = user
    return communicator


def test_reply_reaches_an_open_topic_page(astrid_teacher, kari_other_school_teacher):
    run_in_own_loop(_reply_reaches, astrid_teacher, kari_other_school_teacher)


async def _reply_reaches(astrid_teacher, kari_other_school_teacher):
    category = await sync_to_async(CategoryFactory)(read_audience=Audience.EVERYONE)
    topic = await sync_to_async(TopicFactory)(category=category, author=astrid_teacher)
    visitor = _communicator(topic.pk, AnonymousUser())
    connected, _code = await visitor.connect()
    assert connected
    post = await sync_to_async(services.post_create)(
        user=kari_other_school_teacher, topic=topic, body="Live!"
    )
    event = json.loads(await visitor.receive_from(timeout=2))
    assert event == {
        "type": "forum.post_created",
        "topic_id": topic.pk,
        "number": post.number,
        "author_id": kari_other_school_teacher.pk,
        "url": f"/forums/p/{post.pk}/",
    }
    await visitor.disconnect()


def test_socket_refused_where_the_topic_is_not_readable(astrid_teacher, ingrid_pupil_14):
    run_in_own_loop(_socket_refused, astrid_teacher, ingrid_pupil_14)


async def _socket_refused(astrid_teacher, ingrid_pupil_14):
    category = await sync_to_async(CategoryFactory)(
        read_audience=Audience.TEACHERS, post_audience=Audience.TEACHERS
    )
    topic = await sync_to_async(TopicFactory)(category=category, author=astrid_teacher)
    for user in (AnonymousUser(), ingrid_pupil_14):
        communicator = _communicator(topic.pk, user)
        # Accepted, then closed with the code the page shows (no retry loop).
        assert await connect_code(communicator) == 4403
    teacher = _communicator(topic.pk, astrid_teacher)
    connected, _code = await teacher.connect()
    assert connected
    await teacher.disconnect()
