"""The member's start page at /: Today, tasks for the member they belong to and nobody
else, courses, followed topics, registrations; visitors keep the public front page;
the query count stays fixed as the member's content grows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Workflow

from community.gatherings.models import Registration
from courses.learning import services as learning_services
from courses.practice import services as practice_services
from forums import services as forum_services
from forums.models import Audience
from tests.courses.practice.factories import wav_upload
from tests.factories.courses import resource
from tests.factories.forums import CategoryFactory, TopicFactory
from tests.factories.gatherings import build_gathering, register
from tests.factories.learning import small_course

pytestmark = pytest.mark.django_db

REVIEW = "waits for your review"
FEEDBACK = "waits for your feedback"
CONSENT = "waits for a consent"


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    return response.content.decode()


def _tasks(page: str) -> set[str]:
    return {
        name
        for name, mark in (("review", REVIEW), ("feedback", FEEDBACK), ("consent", CONSENT))
        if mark in page
    }


def test_visitors_keep_the_public_front_page(client):
    page = client.get("/").content.decode()
    assert "Log in" in page and "Waiting for you" not in page and "Hello," not in page


def test_each_task_shows_only_to_the_member_it_belongs_to(
    client, people, astrid_teacher, ingrid_pupil_14, emil_pupil_11, eva_editor
):
    # A take handed in by Ingrid waits for her teacher Astrid (Bergen).
    assignment = practice_services.assignment_create(
        teacher=astrid_teacher,
        school_id=people["bergen"].pk,
        title="Vårsang, takt 1–16",
        pupils=[ingrid_pupil_14],
        tempo=80,
    )
    take = practice_services.take_create(
        pupil=ingrid_pupil_14, assignment=assignment, upload=wav_upload()
    )
    practice_services.take_hand_in(pupil=ingrid_pupil_14, take=take)
    # A draft resource in the editors' review workflow.
    draft = resource(title="Rytmeleik i gruppe", publish=False, owner=astrid_teacher)
    draft.save_revision(user=astrid_teacher)
    Workflow.objects.get(name="Library review").start(draft, astrid_teacher)
    # Emil (11, Bergen) has no consent yet: a task for Bergen's leader Jon only.

    expected = {
        "teacher": {"feedback"},
        "editor": {"review"},
        "admin": {"review"},
        "leader": {"consent"},
    }
    for persona, user in people.items():
        if not hasattr(user, "email"):
            continue
        page = _page(client, user)
        assert _tasks(page) == expected.get(persona, set()), persona
    teacher_page = _page(client, astrid_teacher)
    assert "Vårsang, takt 1–16" in teacher_page and "Ingrid" in teacher_page
    assert f"/practice/takes/{take.pk}/" in teacher_page
    editor_page = _page(client, eva_editor)
    assert "Rytmeleik i gruppe" in editor_page and f"/admin/pages/{draft.pk}/edit/" in editor_page
    leader_page = _page(client, people["leader"])
    assert "Emil" in leader_page and "/schools/bergen-kulturskole/" in leader_page
    # Once the take has feedback, the task is gone.
    practice_services.take_review(reviewer=astrid_teacher, take=take, approve=True)
    assert _tasks(_page(client, astrid_teacher)) == set()


def test_today_courses_follows_and_registrations(client, astrid_teacher, kari_other_school_teacher):
    running = build_gathering(title="Nettsamling i dag", stream_url="https://meet.example/x")
    register(running, astrid_teacher, mode="online")
    later = build_gathering(title="Haustsamling", start=timezone.now() + timedelta(days=10))
    register(later, astrid_teacher, mode="on-site")
    course = small_course(title="Rytme for nybegynnere")
    learning_services.enrolment_create(course=course, member=astrid_teacher)
    category = CategoryFactory(slug="piano", read_audience=Audience.EVERYONE)
    topic = TopicFactory(category=category, author=kari_other_school_teacher, title="Skalaer")
    forum_services.topic_follow(user=astrid_teacher, topic=topic, follow=True)
    forum_services.post_create(user=kari_other_school_teacher, topic=topic, body="Nytt svar")

    page = _page(client, astrid_teacher)
    today = page.split('id="start-today"', 1)[1].split("</section>", 1)[0]
    assert "Nettsamling i dag" in today and "https://meet.example/x" in today
    assert "Haustsamling" not in today
    assert "Rytme for nybegynnere" in page
    followed = page.split('id="start-followed"', 1)[1].split("</section>", 1)[0]
    assert "Skalaer" in followed and f"/forums/t/{topic.pk}/unread/" in followed
    registrations = page.split('id="start-registrations"', 1)[1].split("</section>", 1)[0]
    assert "Haustsamling" in registrations and "Nettsamling i dag" in registrations

    # An on-site participant gets no stream link; a member not registered no Today.
    Registration.objects.filter(gathering=running).update(mode="on-site")
    assert "https://meet.example/x" not in _page(client, astrid_teacher)
    page = _page(client, kari_other_school_teacher)
    assert 'id="start-today"' not in page
    assert "Find a course" in page and "See gatherings" in page and "Go to the forums" in page


def _grow(member, other, n: int, first: int = 0):
    """n more gatherings registered, courses enrolled, followed topics with news."""
    category = CategoryFactory(read_audience=Audience.EVERYONE)
    for i in range(first, first + n):
        gathering = build_gathering(
            title=f"Samling {i}", start=timezone.now() + timedelta(days=5 + i), hours=2
        )
        register(gathering, member)
        course = small_course(title=f"Kurs {i}")
        learning_services.enrolment_create(course=course, member=member)
        topic = TopicFactory(category=category, author=other, title=f"Emne {i}")
        forum_services.topic_follow(user=member, topic=topic, follow=True)
        forum_services.post_create(user=other, topic=topic, body=f"Svar {i}")


def test_query_count_stays_fixed_as_content_grows(
    client, django_assert_max_num_queries, astrid_teacher, kari_other_school_teacher
):
    client.force_login(astrid_teacher)
    running = build_gathering(title="I dag")
    register(running, astrid_teacher)
    _grow(astrid_teacher, kari_other_school_teacher, 1)
    client.get("/")
    with CaptureQueriesContext(connection) as small:
        page = client.get("/").content.decode()
    assert "Samling 0" in page
    _grow(astrid_teacher, kari_other_school_teacher, 8, first=1)
    client.get("/")
    with django_assert_max_num_queries(MAX_QUERIES), CaptureQueriesContext(connection) as big:
        page = client.get("/").content.decode()
    assert "Emne 7" in page and "Samling 3" in page
    assert len(big) == len(small)


MAX_QUERIES = 28
