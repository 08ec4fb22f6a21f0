"""The charts in a real browser, at phone and desktop width: the organiser's
registrations per municipality and mode, a course's progress for its teacher and a
pupil's practice log. Drawn without script or inline style (the page fixture fails
on any CSP violation), the table behind "Show the figures" opens by keyboard, no
chart is wider than a 360 px screen, and axe finds nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.learning import services as learning
from courses.practice import services as practice
from tests.e2e.conftest import assert_accessible
from tests.factories.community import MembershipFactory, UserFactory
from tests.factories.gatherings import build_gathering, register
from tests.factories.learning import lessons_of, small_course

pytestmark = pytest.mark.django_db(transaction=True)


def _check_chart(page, chart_id: str, row: str) -> None:
    chart = page.locator(f"#{chart_id}")
    assert chart.locator("svg[role=img]").is_visible()
    summary = chart.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert chart.get_by_role("rowheader", name=row).is_visible()
    for width, height in ((360, 740), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        # The chart and its table fit the screen (the table scrolls inside its frame).
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        svg = chart.locator("svg").bounding_box()
        assert svg["x"] + svg["width"] <= width and svg["height"] > 40
        assert_accessible(page)


def test_charts_are_readable_and_accessible(
    page, live_url, login, oda_organiser, astrid_teacher, ingrid_pupil_14, bergen
):
    gathering = build_gathering(
        organisers=[oda_organiser],
        start=timezone.now() + timedelta(days=5),
        capacity_on_site=30,
        capacity_online=100,
    )
    register(gathering, astrid_teacher, "on-site")
    for mode in ("online", "online", "on-site"):
        member = UserFactory()
        MembershipFactory(user=member, school=bergen, role="teacher")
        register(gathering, member, mode)
    course = small_course(teachers=[astrid_teacher])
    learning.enrolment_create(course=course, member=ingrid_pupil_14)
    learning.lesson_done(member=ingrid_pupil_14, lesson=lessons_of(course)[0])
    practice.practice_log_add(
        pupil=ingrid_pupil_14, practised_on=timezone.localdate(), minutes=25, what="Skalaer"
    )

    login(oda_organiser)
    page.goto(f"{live_url}/gatherings/{gathering.pk}/participants/")
    _check_chart(page, "registrations-chart", "Bergen")

    page.context.clear_cookies()
    login(astrid_teacher)
    page.goto(f"{live_url}{course.url}teach/")
    _check_chart(page, "lessons-chart", "1. Hva er puls?")
    page.goto(f"{live_url}/practice/log/{bergen.pk}/{ingrid_pupil_14.pk}/")
    assert "25" in page.locator("#practice-chart svg").text_content()

    page.context.clear_cookies()
    login(ingrid_pupil_14)
    page.goto(f"{live_url}/practice/log/")
    _check_chart(
        page, "practice-chart", page.locator("#practice-chart th[scope=row]").last.text_content()
    )
    page.goto(f"{live_url}{course.url}")
    _check_chart(page, "progress-chart", "Puls")
