"""Courses: enrolment, progress, self-checks, resume, completion and credentials.

Cases: enrol and complete a course (immediate completion, summary in step); pass and
fail a self-check with feedback, attempts kept; resume at the exact lesson and
position; the page never carries the answers; tampered answers, lesson ids and block
ids mark nothing right or done; audience rules for enrolment and embedded resources.
"""

import pytest
from django.urls import reverse

from courses.learning import credentials
from courses.learning.models import Attempt, Completion, Enrolment, LessonProgress
from tests.factories.courses import resource
from tests.factories.learning import (
    MULTIPLE,
    ORDERING,
    REFLECTION,
    SINGLE,
    lessons_of,
    small_course,
)

pytestmark = pytest.mark.django_db


def _option_ids(lesson, block_id):
    from courses.learning import grading

    block = lesson.specific.check_blocks()[block_id]
    return [o.id for o in grading.options_of(block.value)], grading.options_of(block.value)


def _enrol(client, course):
    return client.post(course.url + "enrol/")


def _answer_all(client, lesson):
    ids, options = _option_ids(lesson, SINGLE)
    client.post(lesson.url + f"check/{SINGLE}/", {"choice": ids[1]})
    ids, options = _option_ids(lesson, MULTIPLE)
    client.post(lesson.url + f"check/{MULTIPLE}/", {"choice": ids[:2]})
    ids, options = _option_ids(lesson, ORDERING)
    client.post(
        lesson.url + f"check/{ORDERING}/",
        {f"position-{option_id}": n for n, option_id in enumerate(ids, start=1)},
    )
    client.post(lesson.url + f"check/{REFLECTION}/", {"text": "Synkoper."})


def test_pupil_enrols_completes_and_gets_a_verifiable_badge(client, ingrid_pupil_14):
    course = small_course()
    first, checks, last = lessons_of(course)
    client.force_login(ingrid_pupil_14)
    response = _enrol(client, course)
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(member=ingrid_pupil_14, course=course)
    assert enrolment.lessons_required == 3

    assert client.get(first.url).status_code == 200
    client.post(first.url + "done/")
    enrolment.refresh_from_db()
    assert enrolment.lessons_done == 1 and enrolment.completed_at is None

    # The lesson with self-checks cannot be marked done before they pass.
    client.post(checks.url + "done/")
    assert not LessonProgress.objects.filter(lesson=checks, done_at__isnull=False).exists()
    _answer_all(client, checks)
    row = LessonProgress.objects.get(member=ingrid_pupil_14, lesson=checks)
    assert row.done_at is not None and row.checks_passed == 4

    response = client.post(last.url + "done/")
    enrolment.refresh_from_db()
    # Completion is immediate: written in the same request as the last click.
    assert enrolment.completed_at is not None and enrolment.lessons_done == 3
    completion = Completion.objects.get(enrolment=enrolment)
    assert completion.learner_name == "Ingrid" and completion.hours == 2

    # The completion page is public at an unguessable address.
    client.logout()
    page = client.get(reverse("courses:completion", args=[completion.token]))
    assert page.status_code == 200
    assert b"Ingrid" in page.content and course.title.encode() in page.content
    assert client.get(reverse("courses:completion", args=["guess"])).status_code == 404

    token = client.get(reverse("courses:credential", args=[completion.token])).content.decode()
    verified = credentials.verify(token)
    assert verified.achievement.name == course.title

    editor_client = client
    from tests.factories.community import UserFactory

    editor = UserFactory(is_superuser=True, is_staff=True)
    editor_client.force_login(editor)
    editor_client.post(
        reverse("courses:completion_revoke", args=[completion.token]), {"reason": "Feil"}
    )
    with pytest.raises(credentials.OB3VerificationError):
        credentials.verify(token)
    assert b"revoked" in client.get(reverse("courses:completion", args=[completion.token])).content


def test_self_check_fail_then_pass_keeps_attempts_and_feedback(client, ingrid_pupil_14):
    course = small_course()
    lesson = lessons_of(course)[1]
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    ids, _options = _option_ids(lesson, SINGLE)
    response = client.post(lesson.url + f"check/{SINGLE}/", {"choice": ids[0]}, follow=True)
    assert "Tre slag er 3/4." in response.content.decode()
    assert "Not quite yet" in response.content.decode()
    response = client.post(lesson.url + f"check/{SINGLE}/", {"choice": ids[1]}, follow=True)
    assert "Right!" in response.content.decode()
    attempts = Attempt.objects.filter(member=ingrid_pupil_14, block_id=SINGLE)
    assert [a.correct for a in attempts] == [True, False]


def test_lesson_page_never_contains_the_answers(client, ingrid_pupil_14):
    course = small_course()
    lesson = lessons_of(course)[1]
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    html = client.get(lesson.url).content.decode()
    assert "Hvor mange slag har en 4/4-takt?" in html
    # No option's feedback, no general feedback and no marker of the right answer.
    for secret in ("Ja, fire fjerdedeler.", "Tre slag er 3/4.", "Bra!", "correct"):
        assert secret not in html
    ids, _options = _option_ids(lesson, ORDERING)
    shown = [html.index(f'id="p-{option_id}"') for option_id in ids]
    assert shown != sorted(shown), "the ordering question shows its answer"


def test_tampered_answers_and_ids_mark_nothing(client, ingrid_pupil_14, astrid_teacher):
    course = small_course()
    other = small_course(title="Et annet kurs", slug="annet")
    first, lesson, _last = lessons_of(course)
    other_lesson = lessons_of(other)[1]
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    other_ids, _ = _option_ids(other_lesson, SINGLE)
    # An option of another question (same block id, other course) is refused.
    response = client.post(lesson.url + f"check/{SINGLE}/", {"choice": other_ids[1]})
    assert response.status_code == 400
    assert "not one of this question" in response.content.decode()
    # A block id that is not in this lesson, and two choices for a single-choice question.
    assert client.post(lesson.url + "check/nope/", {"choice": "x"}).status_code == 400
    ids, _ = _option_ids(lesson, SINGLE)
    assert client.post(lesson.url + f"check/{SINGLE}/", {"choice": ids}).status_code == 400
    # An ordering with a repeated place.
    ids, _ = _option_ids(lesson, ORDERING)
    data = {f"position-{option_id}": 1 for option_id in ids}
    assert client.post(lesson.url + f"check/{ORDERING}/", data).status_code == 400
    assert not Attempt.objects.exists()
    # "Done" on a lesson of a course the member is not enrolled in.
    client.post(other_lesson.url + "done/")
    client.post(lessons_of(other)[0].url + "done/")
    assert not LessonProgress.objects.exists()
    # The reflection keeps what was typed when it is too long.
    response = client.post(lesson.url + f"check/{REFLECTION}/", {"text": "x" * 4001})
    assert response.status_code == 400 and "x" * 4001 in response.content.decode()


def test_resume_opens_the_exact_lesson_and_position(client, ingrid_pupil_14):
    course = small_course()
    first, second, _last = lessons_of(course)
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    client.get(first.url)
    client.get(second.url)
    assert client.post(second.url + "position/", {"y": "640"}).status_code == 204
    response = client.get(course.url + "continue/")
    assert response.status_code == 302 and response["Location"] == second.url + "?resume=1"
    assert 'data-resume="640"' in client.get(response["Location"]).content.decode()
    # Opening another lesson moves the resume point there, at the top.
    client.get(first.url)
    assert client.get(course.url + "continue/")["Location"] == first.url + "?resume=1"
    assert client.post(second.url + "position/", {"y": "abc"}).status_code == 400


def test_pupil_cannot_enrol_in_a_teachers_course(client, ingrid_pupil_14):
    course = small_course(audience="teachers", title="Personvern i praksis", slug="personvern")
    client.force_login(ingrid_pupil_14)
    response = _enrol(client, course)
    assert response.status_code == 302
    assert not Enrolment.objects.exists()
    assert client.get(lessons_of(course)[0].url).status_code == 403
    assert "This course is for teachers." in client.get(course.url).content.decode()


def test_pupil_never_sees_a_teachers_only_resource_in_a_lesson(
    client, ingrid_pupil_14, astrid_teacher
):
    from courses.learning import build

    open_page = resource(title="Åpen ressurs", slug="open-res")
    closed = resource(title="Lærerveiledning", slug="closed-res", audience="teachers")
    course = small_course(
        last_body=[
            build.resource(open_page.pk),
            build.resource(closed.pk, "Les først"),
            # The library's link block too.
            {"type": "resource_link", "value": {"page": closed.pk, "note": ""}, "id": "x1"},
        ]
    )
    lesson = lessons_of(course)[2]
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    html = client.get(lesson.url).content.decode()
    assert "Åpen ressurs" in html and "Lærerveiledning" not in html
    client.force_login(astrid_teacher)
    _enrol(client, course)
    assert "Lærerveiledning" in client.get(lesson.url).content.decode()


def test_discussion_category_is_made_and_linked(client, ingrid_pupil_14):
    course = small_course()
    assert course.discussion_category is not None
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    html = client.get(lessons_of(course)[0].url).content.decode()
    assert course.discussion_category.get_absolute_url() in html


def test_my_courses_shows_progress_and_continue(client, ingrid_pupil_14):
    course = small_course()
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    client.post(lessons_of(course)[0].url + "done/")
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert "1 of 3 lessons done" in html and course.url + "continue/" in html


def test_erasing_an_account_erases_its_completion_page(client, ingrid_pupil_14):
    from community.members.services import member_erase

    course = small_course()
    client.force_login(ingrid_pupil_14)
    _enrol(client, course)
    first, checks, last = lessons_of(course)
    client.post(first.url + "done/")
    _answer_all(client, checks)
    client.post(last.url + "done/")
    token = Completion.objects.get().token
    member_erase(user=ingrid_pupil_14)
    assert client.get(reverse("courses:completion", args=[token])).status_code == 404
