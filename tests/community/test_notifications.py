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
    assert response.content.decode().count('class="row is-unread"') == 30


def test_list_renders_markdown_as_sanitised_html(client, astrid_teacher, kari_other_school_teacher):
    NotificationFactory(
        recipient=astrid_teacher,
        actor=kari_other_school_teacher,
        title="Kari nevnte deg",
        body=(
            "Hei **@Astrid**, se [notene](https://example.org/noter)!\n\n"
            "<script>alert(1)</script> [klikk](javascript:alert(1)) "
            '<img src=x onerror="alert(2)">'
        ),
    )
    client.force_login(astrid_teacher)
    page = client.get(reverse("notifications:list")).content.decode()
    body = page.split('class="notification__body">', 1)[1].split("</div>", 1)[0]
    assert "<strong>@Astrid</strong>" in body and "**" not in body
    assert '<a href="https://example.org/noter" rel="nofollow ugc noopener">notene</a>' in body
    # Raw HTML stays visible text, never markup; the script link has no href.
    assert "&lt;script&gt;" in body
    elements = _elements(body)
    assert {tag for tag, _attrs in elements} <= {"p", "strong", "a"}
    assert all(
        name in ("href", "rel") and not value.startswith("javascript")
        for _tag, attrs in elements
        for name, value in attrs
    )


def _elements(html: str) -> list:
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found
