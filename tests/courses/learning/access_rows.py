"""Every course URL × every persona (see tests/access.py).

Lessons are for enrolled learners, the course's teachers and editors, and teachers
looking at what pupils learn; someone the course is for but not yet enrolled is sent
to the course page to enrol; someone it is not for is refused. The teacher view is
for the course's teachers and school leaders (who see their own school only)."""

from datetime import timedelta

from django.utils import timezone

from courses.learning import build, grading, services
from tests.access import Row
from tests.factories.gatherings import build_gathering
from tests.factories.learning import SINGLE, lessons_of, small_course


def setup(people):
    course = small_course(teachers=[people["teacher"]])
    for_teachers = build.course_create(
        title="Personvern i praksis",
        slug="personvern",
        summary="GDPR i kulturskolen.",
        audience="teachers",
        author_name="Eva",
        modules=[("Grunnlag", [{"title": "Hva er en personopplysning?"}])],
    )
    first, checks, last = lessons_of(course)
    pupil = people["pupil"]
    services.enrolment_create(course=course, member=pupil)
    for lesson in (first, last):
        services.lesson_done(member=pupil, lesson=lesson)
    enrolment = services.Enrolment.objects.get(member=pupil, course=course)
    gathering = build_gathering(
        start=timezone.now() - timedelta(days=2), organisers=[people["organiser"]]
    )
    return {
        "gathering": gathering,
        "course": course,
        "lesson": checks,
        "teachers_lesson": lessons_of(for_teachers)[0],
        "choice": grading.options_of(checks.check_blocks()[SINGLE].value)[1].id,
        "completion": _completion(enrolment),
    }


def _completion(enrolment):
    from courses.learning.models import Completion

    return Completion.objects.create(
        enrolment=enrolment,
        learner_name="Ingrid",
        course=enrolment.course,
        course_title=enrolment.course.title,
        hours=2,
        issuer_name="Bergen kulturskole",
    )


LOGIN = 302
EVERYONE = {"*": 200}
MEMBERS = {"*": 200, "visitor": LOGIN}
REDIRECTS = {"*": 302}
EDITORS_POST = {"*": 403, "visitor": LOGIN, "editor": 302, "admin": 302}
# A course for teachers and pupils: pupils who are not enrolled, organisers and
# moderators are sent to the course page to enrol.
LESSON = {
    "*": 200,
    "visitor": LOGIN,
    "pupil_no_consent": 302,
    "organiser": 302,
    "moderator": 302,
}
TEACHERS_LESSON = {
    "*": 302,
    "visitor": LOGIN,
    "pupil": 403,
    "pupil_no_consent": 403,
    "organiser": 403,
    "moderator": 403,
    "editor": 200,
    "admin": 200,
}
TEACH = {
    "*": 403,
    "visitor": LOGIN,
    "teacher": 200,
    "leader": 200,
    "other_school_leader": 200,
    "editor": 200,
    "admin": 200,
}
LEADERS = {"*": 403, "visitor": LOGIN, "leader": 200, "other_school_leader": 200}


def _page(key, suffix=""):
    def path(objects):
        return objects[key].url + suffix

    return path


def _token(objects):
    return [objects["completion"].token]


ROWS = [
    Row(path="/courses/", expect=EVERYONE),
    Row(path=_page("course"), label_text="course page", expect=EVERYONE),
    Row(path=_page("course", "continue/"), label_text="course continue", expect=REDIRECTS),
    Row(
        path=_page("course", "enrol/"),
        method="post",
        label_text="course enrol",
        expect=REDIRECTS,
    ),
    Row(path=_page("course", "teach/"), label_text="course teacher view", expect=TEACH),
    Row(path=_page("course", "members/"), label_text="course enrol members", expect=LEADERS),
    Row(path=_page("lesson"), label_text="lesson page", expect=LESSON),
    Row(path=_page("teachers_lesson"), label_text="teachers' lesson", expect=TEACHERS_LESSON),
    Row(
        path=lambda o: o["lesson"].url + f"check/{SINGLE}/",
        method="post",
        data=lambda o: {"choice": o["choice"]},
        label_text="lesson self-check",
        expect=REDIRECTS,
    ),
    Row(path=_page("lesson", "done/"), method="post", label_text="lesson done", expect=REDIRECTS),
    Row(
        path=_page("lesson", "position/"),
        method="post",
        data={"y": "10"},
        label_text="lesson position",
        expect={"*": 204, "visitor": LOGIN},
    ),
    Row(
        path=_page("lesson", "regrade/"),
        method="post",
        label_text="lesson regrade",
        expect=EDITORS_POST,
    ),
    Row("courses:my_courses", expect=MEMBERS),
    Row("courses:completion", args=_token, expect=EVERYONE),
    Row("courses:credential", args=_token, expect=EVERYONE),
    Row("courses:status_list", expect=EVERYONE),
    Row("courses:issuer_key", expect=EVERYONE),
    Row(
        "courses:from_gathering",
        args=lambda o: [o["gathering"].pk],
        method="post",
        expect={**EDITORS_POST, "organiser": 302},
    ),
    Row(
        "courses:completion_revoke",
        args=_token,
        method="post",
        data={"reason": "Feil kurs"},
        expect=EDITORS_POST,
    ),
]
