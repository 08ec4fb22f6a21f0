import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community.notifications.models import Notification
from community.notifications.services import notify
from tests.factories.community import NotificationFactory

pytestmark = pytest.mark.django_db


def test_notification_is_written_in_the_recipients_language(astrid_teacher):
    astrid_teacher.language = "da"
    with translation.override("en"):
        notification = notify(recipient=astrid_teacher, kind="test", title=_("Notifications"))
    assert notification.title == "Notifikationer"


def test_header_shows_unread_count_and_opening_marks_read(client, astrid_teacher):
    note = NotificationFactory(recipient=astrid_teacher, title="Svar på innlegget ditt", url="/me/")
    NotificationFactory(recipient=astrid_teacher)
    client.force_login(astrid_teacher)
    page = client.get("/").content.decode()
    assert "data-unread-count>2<" in page
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == "/me/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_open_refuses_offsite_links(client, astrid_teacher):
    note = NotificationFactory(recipient=astrid_teacher, url="https://evil.example/")
    client.force_login(astrid_teacher)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_mark_all_read(client, astrid_teacher):
    NotificationFactory.create_batch(3, recipient=astrid_teacher)
    client.force_login(astrid_teacher)
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=astrid_teacher, read_at=None).exists()


def test_list_query_count_does_not_grow(client, astrid_teacher, django_assert_max_num_queries):
    NotificationFactory.create_batch(30, recipient=astrid_teacher)
    client.force_login(astrid_teacher)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("notifications:list"))
    assert response.content.decode().count('class="is-unread"') == 30
