"""Teachers, leaders and editors: the teacher view (who sees whom), enrolment by a
school leader, regrading after a fixed question, and query counts that stay
constant as lessons, enrolments and attempts grow."""

import pytest
from django.urls import reverse

from community.notifications.models import Notification
from courses.learning import build, services
from courses.learning.models import Attempt, Enrolment, RegradeLog
from tests.factories.community import MembershipFactory, UserFactory
from tests.factories.learning import SINGLE, lessons_of, rhythm_checks, small_course

pytestmark = pytest.mark.django_db


def _pass_all(member, lesson):
    from courses.learning import grading

    for block_id, block in lesson.check_blocks().items():
        options = grading.options_of(block.value)
        kind = block.value["kind"]
        if kind == "reflection":
            data = {"text": ["Fint."]}
        elif kind == "ordering":
            data = {f"position-{o.id}": [str(n)] for n, o in enumerate(options, start=1)}
        else:
            data = {"choice": [o.id for o in options if o.correct]}
        services.attempt_submit(member=member, lesson=lesson, block_id=block_id, data=data)


def test_regrade_after_a_fixed_question_completes_and_notifies(client, ingrid_pupil_14, eva_editor):
    course = small_course()
    first, lesson, last = lessons_of(course)
    # The editor's first key was wrong: "Tre" marked right instead of "Fire".
    raw = list(lesson.body.raw_data)
    for item in raw:
        if item["id"] == SINGLE:
            for option in item["value"]["options"]:
                option["value"]["correct"] = option["value"]["text"] == "Tre"
    lesson.body = raw
    lesson.save()
    services.enrolment_create(course=course, member=ingrid_pupil_14)
    services.lesson_done(member=ingrid_pupil_14, lesson=first)
    services.lesson_done(member=ingrid_pupil_14, lesson=last)
    lesson.refresh_from_db()
    _pass_all(ingrid_pupil_14, lesson)  # passes the others
    from courses.learning import grading

    four = next(
        o.id for o in grading.options_of(lesson.check_blocks()[SINGLE].value) if o.text == "Fire"
    )
    services.attempt_submit(
        member=ingrid_pupil_14, lesson=lesson, block_id=SINGLE, data={"choice": [four]}
    )
    enrolment = Enrolment.objects.get(member=ingrid_pupil_14)
    assert enrolment.completed_at is None

    # The editor fixes the key and regrades.
    for item in raw:
        if item["id"] == SINGLE:
            for option in item["value"]["options"]:
                option["value"]["correct"] = option["value"]["text"] == "Fire"
    lesson.body = raw
    lesson.save_revision().publish()
    client.force_login(eva_editor)
    response = client.post(lesson.url + "regrade/")
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    log = RegradeLog.objects.get()
    assert log.editor == eva_editor and log.completions_gained == 1 and log.attempts_changed >= 1
    assert Notification.objects.filter(recipient=ingrid_pupil_14, kind="course.regrade").exists()
    assert Attempt.objects.filter(block_id=SINGLE, correct=True, regraded_at__isnull=False).exists()


def test_only_editors_regrade(client, astrid_teacher):
    course = small_course(teachers=[astrid_teacher])
    client.force_login(astrid_teacher)
    assert client.post(lessons_of(course)[1].url + "regrade/").status_code == 403


def test_teacher_and_leader_views(
    client, ingrid_pupil_14, astrid_teacher, jon_leader, lars_leader, lorenskog
):
    course = small_course(teachers=[astrid_teacher])
    lesson = lessons_of(course)[1]
    other_pupil = UserFactory(display_name="Sondre")
    MembershipFactory(user=other_pupil, school=lorenskog, role="pupil")
    for member in (ingrid_pupil_14, other_pupil):
        services.enrolment_create(course=course, member=member)
        _pass_all(member, lesson)

    client.force_login(astrid_teacher)
    html = client.get(course.url + "teach/").content.decode()
    assert "Ingrid" in html and "Sondre" in html and "Fint." in html
    assert "<svg" in html and 'role="img"' in html
    # Bar widths are SVG numbers, never localised ("66,7" would draw nothing in Norwegian).
    import re

    astrid_teacher.language = "nb"
    astrid_teacher.save(update_fields=["language"])
    html = client.get(course.url + "teach/").content.decode()
    widths = re.findall(r'width="([^"]*)" height="18" class="chart__seg chart__seg--0"', html)
    assert widths and all(w.isdigit() and int(w) > 0 for w in widths)
    # Both learners passed every self-check: the text alternative says so in figures.
    checks = html[html.index('id="checks-chart"') :]
    checks = checks[: checks.index("</figure>")]
    assert "<td>2 (100 %)</td>" in checks and "<details" in checks

    client.force_login(jon_leader)
    html = client.get(course.url + "teach/").content.decode()
    assert "Ingrid" in html and "Sondre" not in html
    # Reflections are for the pupil and the course's teachers only.
    assert "Fint." not in html

    client.force_login(lars_leader)
    html = client.get(course.url + "teach/").content.decode()
    assert "Ingrid" not in html and "Sondre" in html

    client.force_login(ingrid_pupil_14)
    assert client.get(course.url + "teach/").status_code == 403


def test_leader_enrols_own_school_pupils_only(
    client, jon_leader, ingrid_pupil_14, emil_pupil_11, lorenskog
):
    course = small_course(audience="pupils")
    stranger = UserFactory(display_name="Fremmed")
    MembershipFactory(user=stranger, school=lorenskog, role="pupil")
    client.force_login(jon_leader)
    page = client.get(course.url + "members/").content.decode()
    assert "Ingrid" in page and "Fremmed" not in page
    client.post(course.url + "members/", {"member": [stranger.pk, ingrid_pupil_14.pk]})
    assert not Enrolment.objects.exists()
    client.post(course.url + "members/", {"member": [ingrid_pupil_14.pk, emil_pupil_11.pk]})
    assert set(Enrolment.objects.values_list("member_id", flat=True)) == {
        ingrid_pupil_14.pk,
        emil_pupil_11.pk,
    }
    assert client.post(course.url + "members/", {"member": ["x"]}).status_code == 200


def test_cohort_enrolment(client, astrid_teacher):
    import datetime

    from django.utils import timezone

    from courses.learning.models import Cohort

    course = small_course()
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course, name="Høst", starts_on=today, ends_on=today + datetime.timedelta(days=30)
    )
    ended = Cohort.objects.create(
        course=course,
        name="Vår",
        starts_on=today - datetime.timedelta(days=90),
        ends_on=today - datetime.timedelta(days=1),
    )
    client.force_login(astrid_teacher)
    client.post(course.url + "enrol/", {"cohort": ended.pk})
    assert not Enrolment.objects.exists()
    assert client.post(course.url + "enrol/", {"cohort": "x' or 1"}).status_code == 302
    assert not Enrolment.objects.exists()
    client.post(course.url + "enrol/", {"cohort": cohort.pk})
    assert Enrolment.objects.get().cohort == cohort


def _grow(course, n_members, school):
    lesson = lessons_of(course)[1]
    for _ in range(n_members):
        member = UserFactory()
        MembershipFactory(user=member, school=school, role="pupil")
        services.enrolment_create(course=course, member=member)
        _pass_all(member, lesson)


def _count(django_assert_max_num_queries, client, url, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_query_counts_stay_constant(
    client, django_assert_max_num_queries, ingrid_pupil_14, astrid_teacher, bergen
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(url, who):
        client.force_login(who)
        client.get(url)  # warm the route and site caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def pages(course):
        lesson = lessons_of(course)[1]
        return {
            "course": (course.url, ingrid_pupil_14),
            "lesson": (lesson.url, ingrid_pupil_14),
            "mine": (reverse("courses:my_courses"), ingrid_pupil_14),
            "teach": (course.url + "teach/", astrid_teacher),
            "list": ("/courses/", ingrid_pupil_14),
        }

    small = small_course(teachers=[astrid_teacher])
    services.enrolment_create(course=small, member=ingrid_pupil_14)
    _pass_all(ingrid_pupil_14, lessons_of(small)[1])
    _grow(small, 2, bergen)
    before = {name: measure(url, who) for name, (url, who) in pages(small).items()}

    # More modules and lessons, more learners and attempts, more courses.
    big = build.course_create(
        title="Stort kurs",
        summary="Mange leksjoner.",
        author_name="Astrid",
        modules=[
            (
                f"Modul {m}",
                [{"title": f"Leksjon {m}.{n}", "body": rhythm_checks()} for n in range(4)],
            )
            for m in range(4)
        ],
    )
    big.teachers.set([astrid_teacher])
    big.save()
    small_course(title="Enda et kurs", slug="enda")
    services.enrolment_create(course=big, member=ingrid_pupil_14)
    _pass_all(ingrid_pupil_14, lessons_of(big)[1])
    _grow(big, 12, bergen)
    after = {name: measure(url, who) for name, (url, who) in pages(big).items()}
    assert after == before, (before, after)
    # teach: 22 + 4 for the audit entry of who viewed the learners' progress (issue 12).
    # Wagtail pages +2 since pages have locales: Wagtail looks up the active locale and
    # the home page's translation in it before routing (community/l10n.py).
    for name, limit in {"course": 16, "lesson": 16, "mine": 5, "teach": 28, "list": 17}.items():
        url, who = pages(big)[name]
        client.force_login(who)
        _count(django_assert_max_num_queries, client, url, limit)


def test_marking_done_costs_the_same_at_the_first_and_last_lesson(ingrid_pupil_14):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    course = build.course_create(
        title="Åtte leksjoner",
        summary="…",
        author_name="Astrid",
        modules=[(f"M{m}", [{"title": f"L{m}.{n}"} for n in range(4)]) for m in range(2)],
    )
    services.enrolment_create(course=course, member=ingrid_pupil_14)
    lessons = lessons_of(course)
    counts = []
    for lesson in (lessons[0], lessons[-1]):
        with CaptureQueriesContext(connection) as queries:
            services.lesson_done(member=ingrid_pupil_14, lesson=lesson)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_editors_edit_courses_and_lessons_in_the_admin(client, eva_editor, admin_user):
    course = small_course()
    lesson = lessons_of(course)[1]
    client.force_login(admin_user)
    for page in (course, lesson):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
    assert (
        "Self-check"
        in client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    )


def test_learner_sees_own_progress_per_module_as_a_chart(
    client, ingrid_pupil_14, django_assert_max_num_queries
):
    course = small_course()
    first, second, last = lessons_of(course)
    services.enrolment_create(course=course, member=ingrid_pupil_14)
    services.lesson_done(member=ingrid_pupil_14, lesson=first)
    client.force_login(ingrid_pupil_14)
    client.get(course.url)  # the outline and route caches warm up
    with django_assert_max_num_queries(40) as before:
        html = client.get(course.url).content.decode()
    chart = html[html.index('id="progress-chart"') :]
    chart = chart[: chart.index("</figure>")]
    assert 'role="img"' in chart and "Puls: 1 done, 1 not yet; Noter: 0 done, 1 not yet" in chart
    # Table: module, done, not yet, total.
    assert '<th scope="row">Puls</th><td>1</td><td>1</td><td>2</td>' in chart
    services.lesson_done(member=ingrid_pupil_14, lesson=last)
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(course.url).content.decode()
    assert "Noter: 1 done, 0 not yet" in html
    # Someone not enrolled sees no chart.
    client.logout()
    assert 'id="progress-chart"' not in client.get(course.url).content.decode()
