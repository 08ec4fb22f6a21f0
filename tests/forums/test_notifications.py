"""Notifications reach exactly the followers and mentioned members who may read the topic.

Cases: topic followers get replies (not the author); mentions notify once, only readers,
at most five; category followers hear of new topics; a follower who lost access hears
nothing; mail per event, daily digest and in-app only follow each member's choice; the
unsubscribe link works in one click (and RFC 8058 POST) and cannot be forged.
"""

import pytest
from django.core import mail
from django.core.management import call_command

from community.notifications.models import Delivery, Notification
from community.notifications.services import digest_send, preference_set, unsubscribe_token
from forums import services
from forums.models import Audience, Subscription
from tests.factories.community import UserFactory
from tests.factories.forums import CategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_followers_get_replies_but_not_the_author(
    open_category,
    astrid_teacher,
    kari_other_school_teacher,
    jon_leader,
    django_capture_on_commit_callbacks,
):
    open_topic = services.topic_create(
        user=astrid_teacher, category=open_category, title="Scales", body="Which first?"
    )
    Subscription.objects.create(user=kari_other_school_teacher, topic=open_topic)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(user=jon_leader, topic=open_topic, body="Reply")
    assert kinds_for(kari_other_school_teacher) == ["forums.reply"]
    assert kinds_for(astrid_teacher) == ["forums.reply"]  # the topic's author follows it
    assert kinds_for(jon_leader) == []
    # Replying made Jon a follower.
    assert Subscription.objects.filter(user=jon_leader, topic=open_topic).exists()


def test_mentions_reach_only_members_who_may_read(
    astrid_teacher, kari_other_school_teacher, ingrid_pupil_14, jon_leader
):
    staff = CategoryFactory(read_audience=Audience.TEACHERS, post_audience=Audience.TEACHERS)
    topic = TopicFactory(category=staff, author=astrid_teacher)
    ingrid_pupil_14.display_name = "Ingrid P"
    ingrid_pupil_14.save()
    services.post_create(
        user=jon_leader, topic=topic, body="@Kari and @IngridP and @Kari again, @nobody"
    )
    assert kinds_for(kari_other_school_teacher) == ["forums.mention"]
    # The pupil may not read the staff room: no notification, not even a title.
    assert kinds_for(ingrid_pupil_14) == []
    # Astrid follows her topic: one reply notification, no double.
    assert kinds_for(astrid_teacher) == ["forums.reply"]


def test_mentions_are_limited_per_post(open_topic, jon_leader):
    members = [UserFactory(display_name=f"Member{i}") for i in range(8)]
    services.post_create(
        user=jon_leader, topic=open_topic, body=" ".join(f"@Member{i}" for i in range(8))
    )
    notified = Notification.objects.filter(kind="forums.mention").count()
    assert notified == services.MAX_MENTIONS
    assert Notification.objects.filter(recipient=members[7]).count() == 0


def test_category_followers_hear_of_new_topics_they_may_read(
    open_category, astrid_teacher, kari_other_school_teacher, ingrid_pupil_14
):
    services.category_follow(user=kari_other_school_teacher, category=open_category, follow=True)
    services.category_follow(user=ingrid_pupil_14, category=open_category, follow=True)
    # Ingrid's access goes away (the category becomes staff-only) before the topic appears.
    open_category.read_audience = Audience.TEACHERS
    open_category.save()
    services.topic_create(user=astrid_teacher, category=open_category, title="New", body="Text")
    assert kinds_for(kari_other_school_teacher) == ["forums.new_topic"]
    assert kinds_for(ingrid_pupil_14) == []


def test_mail_per_event_digest_or_nothing(
    open_topic, jon_leader, django_capture_on_commit_callbacks
):
    per_event, digest, in_app = UserFactory(), UserFactory(), UserFactory()
    preference_set(user=per_event, delivery=Delivery.EMAIL)
    preference_set(user=digest, delivery=Delivery.DIGEST)
    for member in (per_event, digest, in_app):
        Subscription.objects.create(user=member, topic=open_topic)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(user=jon_leader, topic=open_topic, body="News")
    assert [m.to for m in mail.outbox] == [[per_event.email]]
    message = mail.outbox[0]
    assert "/me/notifications/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mail.outbox.clear()

    call_command("send_notification_digest")
    assert [m.to for m in mail.outbox] == [[digest.email]]
    assert open_topic.title in mail.outbox[0].body
    # A second run the same day sends nothing new.
    mail.outbox.clear()
    assert digest_send() == 0
    assert mail.outbox == []


def test_unsubscribe_link_in_one_click(client, astrid_teacher):
    preference_set(user=astrid_teacher, delivery=Delivery.EMAIL)
    url = f"/me/notifications/unsubscribe/{unsubscribe_token(astrid_teacher)}/"
    # Opening the link (a mail scanner may prefetch it) changes nothing.
    assert client.get(url).status_code == 200
    assert astrid_teacher.notification_preference.delivery == Delivery.EMAIL
    # RFC 8058 one-click: the mail client POSTs without a CSRF token.
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    astrid_teacher.notification_preference.refresh_from_db()
    assert astrid_teacher.notification_preference.delivery == Delivery.IN_APP
    assert client.post("/me/notifications/unsubscribe/forged/").status_code == 400


def test_settings_page_changes_delivery(client, astrid_teacher):
    client.force_login(astrid_teacher)
    response = client.post("/me/notifications/settings/", {"delivery": "digest"})
    assert response.status_code == 302
    astrid_teacher.refresh_from_db()
    assert astrid_teacher.notification_preference.delivery == Delivery.DIGEST
    response = client.post("/me/notifications/settings/", {"delivery": "fax"})
    assert response.status_code == 200
    assert astrid_teacher.notification_preference.delivery == Delivery.DIGEST
