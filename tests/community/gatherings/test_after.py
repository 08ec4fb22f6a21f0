"""After the gathering: the exchange space, transcripts, follow-ups and chat retention."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.chat import services as chat_services
from community.chat.models import Message, Question, Room
from community.gatherings import services
from community.gatherings.models import FollowUp
from community.notifications.models import Notification
from forums.models import Category, Post
from tests.factories.community import UserFactory
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(oda_organiser, astrid_teacher, jon_leader):
    gathering = build_gathering(
        organisers=[oda_organiser], start=timezone.now() - timedelta(hours=3), hours=2
    )
    register(gathering, astrid_teacher)
    register(gathering, jon_leader, "on-site")
    session = gathering.sessions.get(kind="group-work")
    services.groups_create(session=session, method="mixed", size=5)
    return gathering


def test_exchange_space_has_a_topic_per_session_and_group(
    client, finished, oda_organiser, astrid_teacher, kari_other_school_teacher
):
    client.force_login(oda_organiser)
    response = client.post(reverse("gatherings:exchange", args=[finished.pk]))
    assert response.status_code == 302
    finished.refresh_from_db()
    category = Category.objects.get(pk=finished.exchange_category_id)
    titles = list(category.topics.order_by("pk").values_list("title", flat=True))
    group = finished.sessions.get(kind="group-work").breakout_groups.get()
    assert titles == ["Plenary", "Panel", "Group work", f"Group work: {group.name}"]
    assert Notification.objects.filter(recipient=astrid_teacher, kind="gathering.exchange").exists()
    # Participants read it, others do not; the gathering page links to it.
    client.force_login(astrid_teacher)
    assert client.get(category.get_absolute_url()).status_code == 200
    assert category.get_absolute_url() in client.get(finished.url).content.decode()
    client.force_login(kari_other_school_teacher)
    assert client.get(category.get_absolute_url()).status_code in (403, 404)
    # A second try explains instead of duplicating.
    client.force_login(oda_organiser)
    response = client.post(reverse("gatherings:exchange", args=[finished.pk]), follow=True)
    assert "already exists" in response.content.decode()


def test_late_registration_joins_the_exchange_space(finished, oda_organiser):
    services.exchange_space_open(gathering=finished, user=oda_organiser)
    finished.refresh_from_db()
    late = UserFactory()
    finished.end = timezone.now() + timedelta(days=1)
    finished.start = timezone.now() + timedelta(hours=1)
    register(finished, late)
    assert (
        Category.objects.get(pk=finished.exchange_category_id)
        .allowed_members.filter(pk=late.pk)
        .exists()
    )


def test_transcript_and_answered_questions_go_to_the_session_topic(
    finished, oda_organiser, astrid_teacher
):
    services.exchange_space_open(gathering=finished, user=oda_organiser)
    finished.refresh_from_db()
    room = Room.objects.get(gathering=finished, session__kind="panel")
    room.opened_manually = True
    room.save()
    chat_services.message_send(
        room=room, user=oda_organiser, text="Velkommen til panelet", client_id="1"
    )
    question = chat_services.question_ask(room=room, user=astrid_teacher, text="Hva med GDPR?")
    chat_services.question_moderate(
        room=room, user=oda_organiser, question_id=question.pk, action="answer"
    )
    post = chat_services.transcript_publish(room=room, user=oda_organiser)
    assert post.topic.title == "Panel"
    assert "Velkommen til panelet" in post.body and "Hva med GDPR? (0 votes)" in post.body
    with pytest.raises(chat_services.ChatError):
        chat_services.transcript_publish(room=room, user=astrid_teacher)


def test_publishing_without_exchange_space_explains(client, finished, oda_organiser):
    room = Room.objects.get(gathering=finished, session__kind="panel")
    client.force_login(oda_organiser)
    response = client.post(reverse("chat:publish", args=[room.pk]), follow=True)
    assert "exchange space first" in response.content.decode()
    assert not Post.objects.exists()


def test_followups_after_one_three_and_six_months(finished, astrid_teacher):
    now = finished.end + timedelta(days=31)
    assert services.followups_send(now=now) == 1
    assert services.followups_send(now=now) == 0  # once per group and step
    assert (
        Notification.objects.filter(recipient=astrid_teacher, kind="gathering.followup").count()
        == 1
    )
    assert services.followups_send(now=finished.end + timedelta(days=91)) == 1
    assert sorted(FollowUp.objects.values_list("months", flat=True)) == [1, 3]
    call_command("send_followups")


def test_chat_messages_are_deleted_after_the_retention_period(finished, oda_organiser, settings):
    room = Room.objects.get(gathering=finished, kind="lobby")
    chat_services.message_send(room=room, user=oda_organiser, text="gammel", client_id="o")
    chat_services.message_send(room=room, user=oda_organiser, text="ny", client_id="n")
    Message.objects.filter(text="gammel").update(created_at=timezone.now() - timedelta(days=400))
    settings.SAMSPILL_CHAT_RETENTION_DAYS = 365
    call_command("purge_chat")
    assert list(Message.objects.values_list("text", flat=True)) == ["ny"]
    assert Question.objects.count() == 0


def test_data_export_includes_registrations_and_chat(client, finished, astrid_teacher):
    import json

    room = Room.objects.get(gathering=finished, kind="lobby")
    room.opened_manually = True
    room.save()
    chat_services.message_send(room=room, user=astrid_teacher, text="Min melding", client_id="e")
    client.force_login(astrid_teacher)
    data = json.loads(client.get(reverse("members:data_export")).content)
    assert data["gathering_registrations"][0]["gathering"] == finished.title
    assert data["chat"]["messages"][0]["text"] == "Min melding"
