"""The chat room page renders the transcript server-side (readable without JavaScript)."""

import pytest
from django.urls import reverse

from community.chat import services
from community.chat.models import Room

pytestmark = pytest.mark.django_db


def test_room_page_shows_recent_messages_with_constant_queries(
    client, live_gathering, astrid_teacher, jon_leader, django_assert_max_num_queries, settings
):
    settings.SAMSPILL_CHAT_RATE = (1000, 10)
    room = Room.objects.get(gathering=live_gathering, kind="lobby")
    for i in range(5):
        services.message_send(room=room, user=jon_leader, text=f"melding {i}", client_id=f"a{i}")
    client.force_login(astrid_teacher)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("chat:room", args=[room.pk]))
    for i in range(5, 60):
        services.message_send(room=room, user=jon_leader, text=f"melding {i}", client_id=f"a{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("chat:room", args=[room.pk])).content.decode()
    assert "melding 59" in page and page.count('class="chat-msg"') == 60


def test_messages_are_plain_text(client, live_gathering, astrid_teacher):
    room = Room.objects.get(gathering=live_gathering, kind="lobby")
    services.message_send(
        room=room,
        user=astrid_teacher,
        text="<script>alert(1)</script> https://x.example",
        client_id="x",
    )
    client.force_login(astrid_teacher)
    page = client.get(reverse("chat:room", args=[room.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert 'href="https://x.example"' in page
