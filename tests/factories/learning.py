"""Courses for tests: a small course with a self-check of every kind."""

from courses.learning import build
from courses.learning.models import CoursePage
from tests.factories.courses import make_document

SINGLE = "00000000-0000-0000-0000-00000000a001"
MULTIPLE = "00000000-0000-0000-0000-00000000a002"
ORDERING = "00000000-0000-0000-0000-00000000a003"
REFLECTION = "00000000-0000-0000-0000-00000000a004"
AUDIO = "00000000-0000-0000-0000-00000000a005"


def rhythm_checks(audio_id=None):
    checks = [
        build.check(
            "single",
            "Hvor mange slag har en 4/4-takt?",
            [
                build.option("Tre", feedback="Tre slag er 3/4."),
                build.option("Fire", correct=True, feedback="Ja, fire fjerdedeler."),
            ],
            right="Bra!",
            wrong="Tell slagene en gang til.",
            block_id=SINGLE,
        ),
        build.check(
            "multiple",
            "Hvilke er noteverdier?",
            [
                build.option("Halvnote", correct=True),
                build.option("Fjerdedel", correct=True),
                build.option("Diskant", feedback="Diskant er en nøkkel, ikke en noteverdi."),
            ],
            block_id=MULTIPLE,
        ),
        build.check(
            "ordering",
            "Fra lengst til kortest:",
            [build.option("Helnote"), build.option("Halvnote"), build.option("Fjerdedel")],
            block_id=ORDERING,
        ),
        build.check("reflection", "Hva var vanskeligst?", block_id=REFLECTION),
    ]
    if audio_id:
        checks.append(
            build.check(
                "audio",
                "Hvor mange slag hørte du?",
                [build.option("To"), build.option("Fire", correct=True)],
                audio=audio_id,
                block_id=AUDIO,
            )
        )
    return checks


def small_course(*, audience="both", title="Rytme for nybegynnere", teachers=(), **fields):
    """Two modules: lesson 1 (text), lesson 2 (self-checks), lesson 3 (a resource link)."""
    lessons_2 = [{"title": "Takt og noteverdier", "body": rhythm_checks()}]
    course = build.course_create(
        title=title,
        summary="Puls, takt og noteverdier.",
        audience=audience,
        author_name="Astrid",
        estimated_hours=2,
        modules=[
            (
                "Puls",
                [
                    {"title": "Hva er puls?", "body": [build.paragraph("<p>Klapp pulsen.</p>")]},
                    *lessons_2,
                ],
            ),
            ("Noter", [{"title": "Noter i praksis", "body": fields.pop("last_body", [])}]),
        ],
        **fields,
    )
    if teachers:
        course.teachers.set(teachers)
        course.save()
    return CoursePage.objects.get(pk=course.pk)


def lessons_of(course):
    from courses.learning.models import LessonPage

    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def audio_document():
    return make_document("Klapp", "wav")
