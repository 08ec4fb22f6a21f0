"""A course from a gathering: one module per session (breaks left out) with slides,
the published transcript without names, answered questions and the exchange topic;
participants get the sessions they attended marked done; only organisers, only after."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.chat.models import Message, Question, Room
from community.chat.services import rooms_sync, transcript_publish
from community.gatherings.services import exchange_space_open
from courses.learning.models import CoursePage, LessonPage, LessonProgress
from tests.factories.courses import make_document
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


def test_organiser_makes_a_draft_course_and_attendance_counts(
    client, oda_organiser, astrid_teacher, kari_other_school_teacher, ingrid_pupil_14
):
    gathering = build_gathering(
        title="Fagdag i Bergen",
        start=timezone.now() - timedelta(hours=10),
        organisers=[oda_organiser],
    )
    plenary = gathering.sessions.get(title="Plenary")
    plenary.slides = make_document("Lysark")
    plenary.description = "Om fordypning."
    plenary.save()
    on_site = register(gathering, astrid_teacher, mode="on-site")
    on_site.checked_in_at = timezone.now() - timedelta(hours=9)
    on_site.save()
    register(gathering, kari_other_school_teacher, mode="online")
    rooms_sync(gathering=gathering)
    panel_room = Room.objects.get(session__title="Panel")
    Message.objects.create(
        room=panel_room, seq=1, author=kari_other_school_teacher, text="Hei fra Lørenskog"
    )
    Question.objects.create(
        room=panel_room,
        author=kari_other_school_teacher,
        text="Hvordan måler vi kvalitet?",
        answered_at=timezone.now(),
    )
    exchange_space_open(gathering=gathering, user=oda_organiser)
    transcript_publish(room=panel_room, user=oda_organiser)

    url = reverse("courses:from_gathering", args=[gathering.pk])
    client.force_login(astrid_teacher)
    assert client.post(url).status_code == 403
    client.force_login(oda_organiser)
    response = client.post(url)
    assert response.status_code == 302 and "/admin/pages/" in response["Location"]

    course = CoursePage.objects.get(source_gathering=gathering)
    assert not course.live and oda_organiser in course.teachers.all()
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    assert [lesson.title for lesson in lessons] == ["Plenary", "Panel", "Group work"]
    plenary_lesson, panel_lesson, _group = lessons
    assert any(block.block_type == "document" for block in plenary_lesson.body)
    panel_text = str(panel_lesson.body.render_as_block())
    assert "Hei fra Lørenskog" in panel_text and "Hvordan måler vi kvalitet?" in panel_text
    assert "Kari" not in panel_text  # without names
    assert panel_lesson.exchange_topic is not None

    done = set(
        LessonProgress.objects.filter(done_at__isnull=False).values_list("member_id", "lesson_id")
    )
    assert {(astrid_teacher.pk, lesson.pk) for lesson in lessons} <= done
    assert (kari_other_school_teacher.pk, panel_lesson.pk) in done
    assert (kari_other_school_teacher.pk, plenary_lesson.pk) not in done

    # Once only; and the draft's lessons are not open to others yet.
    client.post(url)
    assert CoursePage.objects.filter(source_gathering=gathering).count() == 1
    client.force_login(ingrid_pupil_14)
    assert client.get(panel_lesson.url).status_code == 404


def test_not_before_the_gathering_has_ended(client, oda_organiser):
    gathering = build_gathering(organisers=[oda_organiser])
    client.force_login(oda_organiser)
    response = client.post(reverse("courses:from_gathering", args=[gathering.pk]), follow=True)
    assert "once the gathering has ended" in response.content.decode()
    assert not CoursePage.objects.exists()
