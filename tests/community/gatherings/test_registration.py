"""Registration in each format and mode, the waiting list, the window and the stream link."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community.gatherings import services
from community.gatherings.models import Registration, RegistrationStatus
from community.notifications.models import Notification
from tests.factories.community import UserFactory
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("format", "allowed", "refused"),
    [
        ("on-site", ["on-site"], ["online"]),
        ("online", ["online"], ["on-site"]),
        ("hybrid", ["on-site", "online"], []),
    ],
)
def test_modes_follow_the_format(format, allowed, refused):
    gathering = build_gathering(format=format, start=timezone.now() + timedelta(days=3))
    for mode in allowed:
        assert register(gathering, UserFactory(), mode).status == RegistrationStatus.CONFIRMED
    for mode in refused:
        with pytest.raises(ValidationError, match="no such attendance mode"):
            register(gathering, UserFactory(), mode)


def test_full_mode_puts_people_on_the_waiting_list(hybrid):
    statuses = [register(hybrid, UserFactory(), "on-site").status for _ in range(4)]
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    # The other mode still has room.
    assert register(hybrid, UserFactory(), "online").status == "confirmed"


def test_cancellation_promotes_the_first_waiting_with_mail_and_notification(
    hybrid, django_capture_on_commit_callbacks
):
    first = register(hybrid, UserFactory(), "on-site")
    register(hybrid, UserFactory(), "on-site")
    waiting_1 = register(hybrid, UserFactory(email="w1@example.org"), "on-site")
    waiting_2 = register(hybrid, UserFactory(), "on-site")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=first)
    assert promoted == waiting_1
    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert (waiting_1.status, waiting_2.status) == ("confirmed", "waiting")
    assert Notification.objects.filter(recipient=waiting_1.user, kind="gathering.promoted").exists()
    assert [m.to for m in mail.outbox] == [["w1@example.org"]]
    assert mail.outbox[0].attachments[0][2] == "text/calendar"


def test_confirmation_mail_carries_an_ics(hybrid, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(hybrid, UserFactory(email="ny@example.org"), "online")
    assert mail.outbox[-1].to == ["ny@example.org"]
    name, content, mimetype = mail.outbox[-1].attachments[0]
    assert name.endswith(".ics") and "BEGIN:VEVENT" in content


def test_registration_window(oda_organiser):
    soon = timezone.now() + timedelta(days=10)
    gathering = build_gathering(
        start=soon,
        registration_opens=soon - timedelta(days=5),
        registration_closes=soon - timedelta(days=1),
    )
    user = UserFactory()
    with pytest.raises(ValidationError, match="not opened"):
        services.registration_create(
            gathering=gathering, user=user, mode="online", now=soon - timedelta(days=6)
        )
    with pytest.raises(ValidationError, match="closed"):
        services.registration_create(
            gathering=gathering, user=user, mode="online", now=soon - timedelta(hours=12)
        )
    assert (
        services.registration_create(
            gathering=gathering, user=user, mode="online", now=soon - timedelta(days=3)
        ).status
        == "confirmed"
    )


def test_registering_twice_is_refused_but_after_cancelling_allowed(hybrid):
    user = UserFactory()
    registration = register(hybrid, user, "online")
    with pytest.raises(ValidationError, match="already registered"):
        register(hybrid, user, "online")
    services.registration_cancel(registration=registration)
    assert register(hybrid, user, "on-site").status == "confirmed"
    assert Registration.objects.filter(gathering=hybrid, user=user).count() == 1


def test_register_through_the_page(client, astrid_teacher):
    gathering = build_gathering(start=timezone.now() + timedelta(days=2), capacity_online=5)
    client.force_login(astrid_teacher)
    response = client.post(
        reverse("gatherings:register", args=[gathering.pk]), {"mode": "online"}, follow=True
    )
    assert "You are registered" in response.content.decode()
    response = client.get(reverse("gatherings:mine"))
    assert gathering.title in response.content.decode()


def test_register_without_mode_explains(client, astrid_teacher, hybrid):
    client.force_login(astrid_teacher)
    response = client.post(reverse("gatherings:register", args=[hybrid.pk]), {}, follow=True)
    assert "Choose how you will take part" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("persona", "mode", "sees"),
    [
        ("astrid_teacher", "online", True),
        ("astrid_teacher", "on-site", False),
        ("oda_organiser", None, True),
        ("kari_other_school_teacher", None, False),
    ],
)
def test_stream_link_only_for_online_participants_and_organisers(
    client, request, hybrid, persona, mode, sees
):
    user = request.getfixturevalue(persona)
    if mode:
        register(hybrid, user, mode)
    client.force_login(user)
    page = client.get(hybrid.url).content.decode()
    assert ("https://meet.example.no/room" in page) is sees


def test_visitor_never_sees_stream_link(client, hybrid):
    assert "meet.example.no" not in client.get(hybrid.url).content.decode()


def test_promotion_is_told_in_the_promoted_members_language(hybrid):
    """The cancelling member's (or cron's) language never leaks into another's notice."""
    from django.utils import translation

    first = register(hybrid, UserFactory(), "on-site")
    register(hybrid, UserFactory(), "on-site")
    waiting = register(hybrid, UserFactory(language="da"), "on-site")
    with translation.override("en"):
        services.registration_cancel(registration=first)
    title = Notification.objects.get(recipient=waiting.user, kind="gathering.promoted").title
    with translation.override("da"):
        expected = translation.gettext(
            "A place opened up: you are now registered for %(title)s"
        ) % {"title": hybrid.title}
    assert title == expected and "A place opened up" not in title


def test_the_waiting_list_moves_up_strictly_in_the_order_people_joined(hybrid):
    """A member registered earlier with a later window time (as the demo seeding does)
    had waited longest but was skipped by someone who joined after."""
    first = register(hybrid, UserFactory(), "on-site")
    register(hybrid, UserFactory(), "on-site")
    waited_longest = services.registration_create(
        gathering=hybrid, user=UserFactory(), mode="on-site", now=hybrid.start - timedelta(hours=2)
    )
    joined_later = register(hybrid, UserFactory(), "on-site")  # window time a day earlier
    assert {waited_longest.status, joined_later.status} == {"waiting"}
    promoted = services.registration_cancel(registration=first)
    assert promoted == waited_longest
