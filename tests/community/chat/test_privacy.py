"""The chat's part of export and erasure (one rule: unanswered messages go, answered
ones stay as "Former member")."""

import json

import pytest

from community.chat import services
from community.chat.models import Message, Presence, Question
from community.members import services as member_services

pytestmark = pytest.mark.django_db


def test_the_export_holds_everything_the_chat_keeps(
    client, panel_room, astrid_teacher, oda_organiser
):
    Presence.objects.create(room=panel_room, user=oda_organiser, channel_name="o", mode="organiser")
    message = services.message_send(
        room=panel_room, user=astrid_teacher, text="Hei alle", client_id="a"
    )
    services.reaction_toggle(room=panel_room, user=astrid_teacher, seq=message.seq, emoji="👍")
    question = services.question_ask(room=panel_room, user=oda_organiser, text="Hvor mange?")
    services.question_vote(room=panel_room, user=astrid_teacher, question_id=question.pk)
    poll = services.poll_create(
        room=panel_room, user=oda_organiser, question="Best?", options=["A", "B"]
    )
    services.poll_vote(
        room=panel_room, user=astrid_teacher, poll_id=poll.pk, option_id=poll.options.first().pk
    )
    services.member_mute(
        room=panel_room, user=oda_organiser, target_id=astrid_teacher.pk, minutes=5
    )
    client.force_login(astrid_teacher)
    chat = json.loads(client.get("/me/data/").content)["chat"]
    assert [m["text"] for m in chat["messages"]] == ["Hei alle"]
    assert chat["reactions"] == [
        {"room": panel_room.title, "message": message.seq, "reaction": "👍"}
    ]
    assert chat["question_votes"] == [{"room": panel_room.title, "question": "Hvor mange?"}]
    assert chat["poll_votes"] == [{"poll": "Best?", "option": "A"}]
    assert len(chat["mutes"]) == 1
    assert [(a["action"], a["about_me"]) for a in chat["moderation"]] == [("mute", True)]


def test_erasure_removes_unanswered_messages_and_keeps_answered_ones_nameless(
    lobby, astrid_teacher, jon_leader
):
    answered = services.message_send(room=lobby, user=astrid_teacher, text="Spørsmål til alle")
    services.message_send(room=lobby, user=jon_leader, text="Svar fra Jon")
    services.message_send(room=lobby, user=astrid_teacher, text="Siste ord, ubesvart")
    Question.objects.create(room=lobby, author=astrid_teacher, text="Ingen stemte")
    member_services.member_erase(user=astrid_teacher)
    texts = list(Message.objects.order_by("seq").values_list("text", "author"))
    assert texts == [("Spørsmål til alle", None), ("Svar fra Jon", jon_leader.pk)]
    assert not Question.objects.filter(text="Ingen stemte").exists()
    assert Message.objects.get(pk=answered.pk).author is None
