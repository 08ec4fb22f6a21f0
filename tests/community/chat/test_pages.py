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


def test_room_page_marks_the_viewers_own_poll_vote_and_the_hall_screen_none(
    client,
    live_gathering,
    astrid_teacher,
    jon_leader,
    oda_organiser,
    settings,
    django_assert_max_num_queries,
):
    """Astrid sees "Your vote" on her option; Jon, who chose the other, on his; the
    hall screen shows the bars with no one's vote, the question being answered apart
    from the queue."""
    room = Room.objects.get(gathering=live_gathering, kind="lobby")
    poll = services.poll_create(
        room=room, user=oda_organiser, question="Tempo?", options=["Raskt", "Rolig"]
    )
    fast, calm = poll.options.all()
    services.poll_vote(room=room, user=astrid_teacher, poll_id=poll.pk, option_id=calm.pk)
    services.poll_vote(room=room, user=jon_leader, poll_id=poll.pk, option_id=fast.pk)
    client.force_login(astrid_teacher)
    page = client.get(reverse("chat:room", args=[room.pk])).content.decode()
    assert page.count("is-mine") == 1
    assert f'chat-poll__option is-mine" data-option="{calm.pk}"' in page
    assert "1 (50 %)" in page
    client.force_login(jon_leader)
    page = client.get(reverse("chat:room", args=[room.pk])).content.decode()
    assert f'chat-poll__option is-mine" data-option="{fast.pk}"' in page

    qa = Room.objects.filter(gathering=live_gathering, qa_enabled=True).first()
    qa.opened_manually = True
    qa.save()
    now = services.question_ask(room=qa, user=astrid_teacher, text="Hva nå?")
    services.question_ask(room=qa, user=jon_leader, text="Og siden?")
    services.question_moderate(room=qa, user=oda_organiser, question_id=now.pk, action="pin")
    services.poll_create(room=qa, user=oda_organiser, question="Pause?", options=["Ja", "Nei"])
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("chat:panel", args=[qa.pk]))
    for i in range(15):
        services.question_ask(room=qa, user=oda_organiser, text=f"Spørsmål {i}")
    services.poll_create(room=qa, user=oda_organiser, question="Kaffe?", options=["Ja", "Nei"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("chat:panel", args=[qa.pk])).content.decode()
    assert 'data-hall-question aria-live="polite">Hva nå?</p>' in page
    queue = page.split("data-questions", 1)[1].split("</ol>", 1)[0]
    assert "Og siden?" in queue and "Hva nå?" not in queue
    assert page.count("chat-poll__bar") == 4 and "is-mine" not in page
