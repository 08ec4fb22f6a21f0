"""Demo practice room: Bergen's teacher Astrid, Ingrid (14, consent recorded) with an
approved take and one waiting for feedback, and Emil (11, no consent yet), who sees the
assignment but cannot record. Called from courses/demo.py; safe to run again."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from courses.demo_media import melody_wav

from . import services
from .models import Assignment, Take

SPRING_SONG = "Vårsang, takt 1–16 i 80 bpm"
SCALE = "C-dur-skala, to oktaver"


def _take(assignment, pupil, notes, days_ago: int):
    upload = SimpleUploadedFile("opptak.wav", melody_wav(notes, beat=0.75), "audio/wav")
    take = services.take_create(pupil=pupil, assignment=assignment, upload=upload)
    Take.objects.filter(pk=take.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    take.refresh_from_db()
    return take


def _lesson_without_checks(course):
    from courses.learning.models import LessonPage

    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        if not lesson.check_blocks():
            return lesson
    return None


def seed(context: dict) -> None:
    users = context["users"]
    astrid, ingrid, emil = users["astrid"], users["ingrid"], users["emil"]
    school = context["schools"]["Bergen"]
    if Assignment.objects.filter(teacher=astrid, title=SPRING_SONG).exists():
        return
    course = context.get("courses", {}).get("pupils")
    spring = services.assignment_create(
        teacher=astrid,
        school_id=school.pk,
        title=SPRING_SONG,
        instructions="Spill rolig og hold pulsen. Tell inn med klikkene.",
        pupils=[ingrid, emil],
        tempo=80,
        lesson=_lesson_without_checks(course) if course else None,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    scale = services.assignment_create(
        teacher=astrid,
        school_id=school.pk,
        title=SCALE,
        pupils=[ingrid],
        tempo=60,
        due_on=timezone.localdate() + timedelta(days=14),
    )
    melody = (67, 64, 64, 65, 62, 62, 60, 62, 64, 65, 67, 67, 67)
    first = _take(spring, ingrid, melody[:8], days_ago=9)
    services.take_hand_in(pupil=ingrid, take=first)
    services.take_comment_add(author=astrid, take=first, at_seconds=1.5, text="Fin start!")
    services.take_comment_add(
        author=astrid, take=first, at_seconds=4.5, text="Her går det litt fort: tell inni deg."
    )
    services.take_review(reviewer=astrid, take=first, approve=False)
    second = _take(spring, ingrid, melody, days_ago=3)
    services.take_hand_in(pupil=ingrid, take=second)
    services.take_comment_add(
        author=astrid, take=second, at_seconds=6.0, text="Mye jevnere puls nå. Flott!"
    )
    services.take_review(reviewer=astrid, take=second, approve=True)
    waiting = _take(scale, ingrid, (60, 62, 64, 65, 67, 69, 71, 72), days_ago=1)
    services.take_hand_in(pupil=ingrid, take=waiting)
    today = timezone.localdate()
    for days_ago, minutes, what in [
        (20, 15, "Skalaer"),
        (16, 20, "Vårsang"),
        (12, 25, "Vårsang"),
        (9, 30, "Vårsang"),
        (5, 20, "Skalaer"),
        (3, 30, "Vårsang"),
        (1, 15, "Skalaer"),
    ]:
        services.practice_log_add(
            pupil=ingrid,
            practised_on=today - timedelta(days=days_ago),
            minutes=minutes,
            what=what,
            take=second if days_ago == 3 else None,
        )
