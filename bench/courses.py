"""Courses at scale: a course of 8 modules × 6 lessons (each with a self-check) and
500 enrolled learners with their progress and attempts. Measures, in one run on the
peers' yardstick (bench/yardstick.py: gunicorn sync ×2 and wrk, against a plain Django
trivial view in its own gunicorn), the course page and a lesson page for a signed-in learner and the
teacher view of a 300-learner cohort; and the queries of
marking lesson 1 and lesson 48 done (answer + "done" click), which must be equal.

    python -m bench.courses

Figures are ratios
measured in one run; nothing here asserts a time.
"""

import random

from bench import common, yardstick

MODULES, LESSONS, LEARNERS, COHORT = 8, 6, 500, 300


def seed():
    from django.db import transaction
    from django.utils import timezone

    from community.members.models import User
    from community.schools.models import County, Municipality, School, SchoolMembership
    from courses.learning import build, grading
    from courses.learning.models import (
        Attempt,
        Cohort,
        Enrolment,
        LessonPage,
        LessonProgress,
    )

    rng = random.Random(13)
    modules = [
        (
            f"Modul {m}",
            [
                {
                    "title": f"Leksjon {m}.{n}",
                    "body": [
                        build.paragraph(
                            f"<p>Innhold i leksjon {m}.{n}. " + "Tekst. " * 80 + "</p>"
                        ),
                        build.check(
                            "single",
                            f"Spørsmål {m}.{n}?",
                            [
                                build.option("Ja", correct=True),
                                build.option("Nei"),
                                build.option("Kanskje"),
                            ],
                        ),
                    ],
                }
                for n in range(1, LESSONS + 1)
            ],
        )
        for m in range(1, MODULES + 1)
    ]
    course = build.course_create(
        title="Stort kurs", summary="Åtte moduler.", author_name="Lærer", modules=modules
    )
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    keys = {}
    for lesson in lessons:
        block_id, block = next(iter(lesson.check_blocks().items()))
        options = grading.options_of(block.value)
        keys[lesson.pk] = (block_id, options[0].id, options[1].id)
    county = County.objects.first()
    municipality = Municipality.objects.create(name="Bergen", slug="bergen", county=county)
    school = School.objects.create(
        name="Bergen kulturskole", slug="bergen", municipality=municipality
    )
    teacher = User.objects.create(email="laerer@example.org", display_name="Lærer")
    SchoolMembership.objects.create(user=teacher, school=school, role="teacher")
    course.teachers.set([teacher])
    course.save()
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=course, name="Høst", starts_on=today, ends_on=today + timezone.timedelta(days=90)
    )
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(email=f"elev{n}@example.org", display_name=f"Elev {n}") for n in range(LEARNERS)
        )
        SchoolMembership.objects.bulk_create(
            SchoolMembership(user=u, school=school, role="pupil") for u in users
        )
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(
                member=u,
                course=course,
                cohort=cohort if n < COHORT else None,
                lessons_required=len(lessons),
            )
            for n, u in enumerate(users)
        )
        progress, attempts = [], []
        for enrolment in enrolments:
            done = rng.randint(0, len(lessons))
            for lesson in lessons[:done]:
                block_id, right, wrong = keys[lesson.pk]
                if rng.random() < 0.3:
                    attempts.append(Attempt(enrolment=enrolment, member_id=enrolment.member_id, lesson=lesson,
                                            block_id=block_id, kind="single", answer={"choices": [wrong]},
                                            correct=False, created_at=now))  # fmt: skip
                attempts.append(Attempt(enrolment=enrolment, member_id=enrolment.member_id, lesson=lesson,
                                        block_id=block_id, kind="single", answer={"choices": [right]},
                                        correct=True, created_at=now))  # fmt: skip
                progress.append(LessonProgress(enrolment=enrolment, member_id=enrolment.member_id,
                                               lesson=lesson, checks_passed=1, done_at=now))  # fmt: skip
            enrolment.lessons_done = done
            enrolment.last_lesson = lessons[min(done, len(lessons) - 1)]
        LessonProgress.objects.bulk_create(progress, batch_size=2000)
        Attempt.objects.bulk_create(attempts, batch_size=2000)
        Enrolment.objects.bulk_update(enrolments, ["lessons_done", "last_lesson"], batch_size=500)
    learner = users[0]
    return course, lessons, keys, learner, teacher, cohort


def done_queries(course, lessons, keys):
    """Queries of answering and marking done lesson 1 and lesson 48 for a new learner."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.members.models import User
    from courses.learning import services

    member = User.objects.create(email="ny@example.org", display_name="Ny")
    from community.schools.models import SchoolMembership

    SchoolMembership.objects.create(
        user=member, school_id=SchoolMembership.objects.first().school_id, role="pupil"
    )
    services.enrolment_create(course=course, member=member)
    counts = {}
    for label, lesson in (("lesson 1", lessons[0]), (f"lesson {len(lessons)}", lessons[-1])):
        block_id, right, _wrong = keys[lesson.pk]
        with CaptureQueriesContext(connection) as answer:
            services.attempt_submit(
                member=member, lesson=lesson, block_id=block_id, data={"choice": [right]}
            )
        with CaptureQueriesContext(connection) as done:
            services.lesson_done(member=member, lesson=lesson)
        counts[label] = (len(answer), len(done))
    return counts


def main():
    counts = {}

    def cases():
        course, lessons, keys, learner, teacher, cohort = seed()
        counts.update(done_queries(course, lessons, keys))
        learner_cookie = f"{common.session_cookie(learner)}; csrftoken={'c' * 32}"
        teacher_cookie = f"{common.session_cookie(teacher)}; csrftoken={'c' * 32}"
        return {
            "course page, learner": (course.url, learner_cookie),
            "lesson page, learner": (lessons[len(lessons) // 2].url, learner_cookie),
            f"teacher view, {len(lessons)} lessons, {COHORT} learners": (
                f"{course.url}teach/?cohort={cohort.pk}",
                teacher_cookie,
            ),
        }

    yardstick.run(f"Courses: {MODULES} × {LESSONS} lessons, {LEARNERS} learners", cases, __doc__)
    print()
    for label, (answer, done) in counts.items():
        print(f"{label:12} answer (marks done): {answer} queries; 'done' click: {done} queries")


if __name__ == "__main__":
    main()
