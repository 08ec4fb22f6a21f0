"""The member's start page, a topic list and the notifications in a real browser, on a
phone (360×740) and a laptop (1280×800): no sideways scroll, axe finds nothing."""

import pytest

from courses.learning import services as learning_services
from courses.practice import services as practice_services
from forums import services as forum_services
from forums.models import Audience
from tests.courses.practice.factories import wav_upload
from tests.e2e.conftest import assert_accessible
from tests.factories.community import NotificationFactory
from tests.factories.forums import CategoryFactory, TopicFactory
from tests.factories.gatherings import build_gathering, register
from tests.factories.learning import small_course

pytestmark = pytest.mark.django_db(transaction=True)


def test_start_page_lists_and_notifications_on_phone_and_laptop(
    page, live_url, login, bergen, astrid_teacher, ingrid_pupil_14, kari_other_school_teacher
):
    running = build_gathering(title="Nettsamling i dag", stream_url="https://meet.example/x")
    register(running, astrid_teacher, mode="online")
    learning_services.enrolment_create(course=small_course(), member=astrid_teacher)
    category = CategoryFactory(slug="piano", title="Piano", read_audience=Audience.EVERYONE)
    topic = TopicFactory(category=category, author=astrid_teacher, title="Skalaer", posts=2)
    forum_services.read_state_update(user=astrid_teacher, topic=topic, number=2)
    forum_services.post_create(
        user=kari_other_school_teacher, topic=topic, body="Hei **@Astrid**, prøv dette"
    )
    assignment = practice_services.assignment_create(
        teacher=astrid_teacher, school_id=bergen.pk, title="Vårsang", pupils=[ingrid_pupil_14]
    )
    take = practice_services.take_create(
        pupil=ingrid_pupil_14, assignment=assignment, upload=wav_upload()
    )
    practice_services.take_hand_in(pupil=ingrid_pupil_14, take=take)
    NotificationFactory(recipient=astrid_teacher, body="Se *dette* [her](https://example.org)")
    login(astrid_teacher)

    for width, height in ((360, 740), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_url}/")
        assert page.locator("h1").inner_text() == "Hello, Astrid"
        today = page.locator("section.start-today")
        assert today.get_by_role("link", name="Join the stream").is_visible()
        assert page.get_by_role("link", name="Vårsang").is_visible()
        assert page.get_by_role("link", name="Skalaer").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
        for path in ("/forums/", "/forums/c/piano/", "/me/notifications/"):
            page.goto(f"{live_url}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert_accessible(page)
    # The notification's Markdown is rendered, not shown raw.
    assert page.locator(".notification__body em").first.inner_text() == "dette"
