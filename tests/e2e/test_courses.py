"""Courses in a real browser: a pupil enrols, does a lesson and answers a self-check
by keyboard only (wrong, then right) and completes the course; axe finds nothing on
the course list, course, lesson, self-check feedback, progress and completion pages."""

import pytest

from courses.learning import build
from courses.learning.models import Completion
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _focused(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element is focused, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_by_arrows(page, label: str, limit: int = 6) -> None:
    """In a focused radio group, move with the arrow keys to the option with this label."""
    for _ in range(limit):
        text = page.evaluate("() => document.activeElement.labels[0].textContent.trim()")
        if text == label:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {label}")


@pytest.fixture
def course(astrid_teacher):
    course = build.course_create(
        title="Rytme for nybegynnere",
        slug="rytme",
        summary="Puls, takt og noteverdier.",
        audience="both",
        author_name="Astrid",
        estimated_hours=1,
        learning_goals="Kjenne pulsen",
        modules=[
            (
                "Puls",
                [
                    {"title": "Hva er puls?", "body": [build.paragraph("<p>Klapp pulsen.</p>")]},
                    {
                        "title": "Takt",
                        "body": [
                            build.check(
                                "single",
                                "Hvor mange slag har en 4/4-takt?",
                                [
                                    build.option("Tre", feedback="Tre slag er 3/4."),
                                    build.option("Fire", correct=True),
                                    build.option("Seks"),
                                ],
                                right="Bra!",
                            )
                        ],
                    },
                ],
            )
        ],
    )
    course.teachers.set([astrid_teacher])
    course.save()
    return course


def test_pupil_walks_a_course_by_keyboard(page, live_url, course, login, ingrid_pupil_14):
    page.goto(f"{live_url}/courses/")
    assert_accessible(page)
    login(ingrid_pupil_14)
    page.goto(f"{live_url}{course.url}")
    assert_accessible(page)

    tab_to(page, "form[action$='enrol/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hva-er-puls/")
    assert page.locator("h1").inner_text() == "Hva er puls?"
    assert_accessible(page)

    tab_to(page, "form[action$='done/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/takt/")
    assert_accessible(page)

    # The self-check: a wrong answer first, then the right one, by keyboard only.
    tab_to(page, ".self-check input[type=radio]")
    choose_by_arrows(page, "Tre")
    tab_to(page, ".self-check button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".self-check__result--wrong")
    assert "Tre slag er 3/4." in page.inner_text(".self-check__result")
    assert _focused(page, ".self-check__result")
    assert_accessible(page)

    tab_to(page, ".self-check input[type=radio]")
    choose_by_arrows(page, "Fire")
    tab_to(page, ".self-check button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".self-check__result--right")
    assert "Bra!" in page.inner_text(".self-check__result")
    assert_accessible(page)

    completion = Completion.objects.get(enrolment__member=ingrid_pupil_14)
    page.goto(f"{live_url}/me/courses/")
    assert "Rytme for nybegynnere" in page.inner_text("main")
    assert_accessible(page)
    page.goto(f"{live_url}/certificates/{completion.token}/")
    assert "Ingrid" in page.inner_text("main")
    assert_accessible(page)
