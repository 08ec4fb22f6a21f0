"""Writes for learning. Every function is atomic: progress rows and the course
summary change in the same transaction as the answer or the click that caused them,
so completion is immediate and never computed later by a cron job."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.notifications.services import notify
from community.schools.models import SchoolMembership

from . import access, grading
from .models import (
    Attempt,
    Cohort,
    Completion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    RegradeLog,
)

STEP = LessonPage.steplen


def course_path_of(lesson) -> str:
    """The course's tree path: a lesson sits two levels below its course."""
    return lesson.path[: len(lesson.path) - 2 * STEP]


def required_count(course_path: str) -> int:
    return LessonPage.objects.live().filter(path__startswith=course_path, required=True).count()


def _enrolment_for_update(member, lesson) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .filter(member=member, course__path=course_path_of(lesson))
        .select_related("course", "course__school", "member")
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("Enrol in the course first."))
    return enrolment


# --- enrolment ---------------------------------------------------------------------


def _check_cohort(course, cohort):
    if cohort is None:
        return
    if cohort.course_id != course.pk:
        raise ValidationError(_("That cohort belongs to another course."))
    if not cohort.is_open():
        raise ValidationError(_("That cohort has ended."))


@transaction.atomic
def enrolment_create(*, course: CoursePage, member, cohort: Cohort | None = None, by=None):
    """Enrol a member; enrolling again returns the enrolment they have."""
    if not course.live:
        raise ValidationError(_("This course is not published."))
    if not access.audience_includes(course, member):
        raise PermissionDenied(access.why_not_enrol(course, member))
    _check_cohort(course, cohort)
    enrolment, created = Enrolment.objects.get_or_create(
        member=member,
        course=course,
        defaults={
            "cohort": cohort,
            "enrolled_by": by,
            "lessons_required": required_count(course.path),
        },
    )
    return enrolment


@transaction.atomic
def enrolments_create_for_school(*, course: CoursePage, leader, member_ids, cohort=None) -> int:
    """A school leader enrols some of their school's teachers or pupils."""
    schools = access.led_school_ids(leader)
    if not schools:
        raise PermissionDenied(_("Only school leaders enrol others."))
    _check_cohort(course, cohort)
    if cohort is not None and cohort.school_id and cohort.school_id not in schools:
        raise PermissionDenied(_("That cohort belongs to another school."))
    memberships = SchoolMembership.objects.filter(
        school_id__in=schools, user_id__in=list(member_ids)
    ).select_related("user")
    members = {m.user_id: m.user for m in memberships}
    if len(members) != len(set(member_ids)):
        raise PermissionDenied(_("You can enrol only your own school's members."))
    required = required_count(course.path)
    new = 0
    for member in members.values():
        if not access.audience_includes(course, member):
            raise ValidationError(
                _("%(name)s is not in this course's audience.") % {"name": member.display_name}
            )
        _enrolment, created = Enrolment.objects.get_or_create(
            member=member,
            course=course,
            defaults={"cohort": cohort, "enrolled_by": leader, "lessons_required": required},
        )
        new += created
    return new


# --- progress ----------------------------------------------------------------------


def _recount(enrolment: Enrolment, *, now=None) -> str | None:
    """Bring the summary up to date; 'completed' or 'uncompleted' when that changed."""
    now = now or timezone.now()
    course_path = course_path_of_enrolment(enrolment)
    done = LessonProgress.objects.filter(
        enrolment=enrolment,
        done_at__isnull=False,
        lesson__required=True,
        lesson__live=True,
    ).count()
    required = required_count(course_path)
    change = None
    complete = required > 0 and done >= required
    if complete and enrolment.completed_at is None:
        enrolment.completed_at = now
        change = "completed"
        _completion_issue(enrolment, now)
    elif not complete and enrolment.completed_at is not None:
        enrolment.completed_at = None
        change = "uncompleted"
        Completion.objects.filter(enrolment=enrolment, revoked_at=None).update(
            revoked_at=now, revoked_reason="regraded"
        )
    enrolment.lessons_done, enrolment.lessons_required = done, required
    enrolment.save(update_fields=["lessons_done", "lessons_required", "completed_at"])
    return change


def course_path_of_enrolment(enrolment) -> str:
    # The course row is loaded with the enrolment (select_related in every caller).
    return enrolment.course.path


def _completion_issue(enrolment: Enrolment, now) -> Completion:
    course = enrolment.course
    existing = Completion.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        # Completed again after a regrade took it away: the same record is valid again.
        existing.revoked_at, existing.revoked_reason, existing.issued_at = None, "", now
        existing.save(update_fields=["revoked_at", "revoked_reason", "issued_at"])
        return existing
    return Completion.objects.create(
        enrolment=enrolment,
        learner_name=enrolment.member.display_name,
        course=course,
        course_title=course.title,
        hours=course.estimated_hours,
        issuer_name=_issuer_name(course),
        issued_at=now,
    )


def _issuer_name(course) -> str:
    if course.school_id:
        return course.school.name
    return course.issuer_name or course.author_name


def _progress_row(enrolment, member, lesson) -> LessonProgress:
    row, _created = LessonProgress.objects.get_or_create(
        member=member, lesson=lesson, defaults={"enrolment": enrolment}
    )
    return row


def _latest_passes(member, lesson) -> dict[str, bool]:
    """Whether the newest attempt at each self-check in the lesson passes."""
    latest: dict[str, bool] = {}
    for block_id, correct in (
        Attempt.objects.filter(member=member, lesson=lesson)
        .order_by("block_id", "-created_at", "-pk")
        .values_list("block_id", "correct")
    ):
        latest.setdefault(block_id, correct is not False)
    return latest


def _settle(row: LessonProgress, check_ids, passes: dict[str, bool], now) -> None:
    row.checks_passed = sum(1 for block_id in check_ids if passes.get(block_id))
    all_passed = row.checks_passed == len(check_ids)
    # A lesson with self-checks is done once they all pass; one without, on the click.
    done = all_passed and (row.marked_done or bool(check_ids))
    if done and row.done_at is None:
        row.done_at = now
    elif not done:
        row.done_at = None
    row.updated_at = now
    row.save(update_fields=["checks_passed", "done_at", "updated_at", "marked_done"])


@transaction.atomic
def lesson_done(*, member, lesson: LessonPage) -> LessonProgress:
    """The learner says the lesson is done: allowed once its self-checks pass."""
    enrolment = _enrolment_for_update(member, lesson)
    checks = list(lesson.check_blocks())
    passes = _latest_passes(member, lesson) if checks else {}
    if any(not passes.get(block_id) for block_id in checks):
        raise ValidationError(_("Answer the self-checks in this lesson first."))
    row = _progress_row(enrolment, member, lesson)
    row.marked_done = True
    now = timezone.now()
    _settle(row, checks, passes, now)
    _recount(enrolment, now=now)
    return row


@transaction.atomic
def attempt_submit(*, member, lesson: LessonPage, block_id: str, data) -> Attempt:
    """Grade an answer to one self-check of the live lesson and keep it."""
    blocks = lesson.check_blocks()
    block = blocks.get(block_id)
    if block is None:
        raise ValidationError(_("This question is no longer in the lesson."))
    kind = block.value.get("kind")
    options = grading.options_of(block.value)
    try:
        answer = grading.parse_answer(kind, options, data)
    except grading.AnswerError as exc:
        raise ValidationError(str(exc)) from exc
    enrolment = _enrolment_for_update(member, lesson)
    result = grading.grade(kind, block.value, answer)
    now = timezone.now()
    attempt = Attempt.objects.create(
        enrolment=enrolment,
        member=member,
        lesson=lesson,
        block_id=block_id,
        kind=kind,
        answer=answer,
        correct=result.correct,
        feedback=result.feedback,
        created_at=now,
    )
    passes = _latest_passes(member, lesson)
    row = _progress_row(enrolment, member, lesson)
    _settle(row, list(blocks), passes, now)
    _recount(enrolment, now=now)
    return attempt


def lesson_visit(*, enrolment: Enrolment, lesson: LessonPage, position: int | None = None):
    """Remember the lesson (and scroll position) for *Continue where you left off*.
    One UPDATE; the lesson must belong to the enrolment's course."""
    fields = {"last_lesson": lesson, "last_seen_at": timezone.now()}
    if position is not None:
        fields["last_position"] = max(0, min(int(position), 10_000_000))
    elif enrolment.last_lesson_id != lesson.pk:
        fields["last_position"] = 0
    Enrolment.objects.filter(pk=enrolment.pk).update(**fields)


# --- regrading ---------------------------------------------------------------------


@transaction.atomic
def lesson_regrade(*, lesson: LessonPage, editor) -> RegradeLog:
    """Grade every kept attempt again against the lesson's questions as they are now
    (after an editor fixed one). Progress and completion follow; the change is
    logged, and learners whose completion changed are told."""
    from courses.audience import is_library_editor

    if not is_library_editor(editor):
        raise PermissionDenied(_("Only editors regrade."))
    blocks = lesson.check_blocks()
    now = timezone.now()
    changed = 0
    for attempt in Attempt.objects.filter(lesson=lesson).iterator():
        block = blocks.get(attempt.block_id)
        if block is None:
            continue
        result = grading.grade(attempt.kind, block.value, attempt.answer)
        if result.correct != attempt.correct or result.feedback != attempt.feedback:
            attempt.correct, attempt.feedback, attempt.regraded_at = (
                result.correct,
                result.feedback,
                now,
            )
            attempt.save(update_fields=["correct", "feedback", "regraded_at"])
            changed += 1
    log = RegradeLog.objects.create(lesson=lesson, editor=editor, attempts_changed=changed)
    learners = Attempt.objects.filter(lesson=lesson).values("enrolment_id").distinct()
    enrolments = (
        Enrolment.objects.select_for_update(of=("self",))
        .filter(pk__in=learners)
        .select_related("member", "course", "course__school")
    )
    for enrolment in enrolments:
        passes = _latest_passes(enrolment.member, lesson)
        row = _progress_row(enrolment, enrolment.member, lesson)
        _settle(row, list(blocks), passes, now)
        change = _recount(enrolment, now=now)
        if change:
            _notify_completion_change(enrolment, change)
            if change == "completed":
                log.completions_gained += 1
            else:
                log.completions_lost += 1
    log.save(update_fields=["completions_gained", "completions_lost"])
    return log


def _notify_completion_change(enrolment, change: str) -> None:
    course = enrolment.course
    if change == "completed":
        title = gettext_lazy("A corrected question completed your course: %(title)s")
    else:
        title = gettext_lazy(
            "A corrected question changed your result: %(title)s is no longer complete"
        )
    notify(
        recipient=enrolment.member,
        kind="course.regrade",
        title=title % {"title": course.title},
        url=course.url or "",
    )


# --- completion ----------------------------------------------------------------------


@transaction.atomic
def completion_revoke(*, completion: Completion, by, reason: str) -> Completion:
    from courses.audience import is_library_editor

    if not is_library_editor(by):
        raise PermissionDenied(_("Only editors revoke completions."))
    reason = reason.strip()[:200]
    if not reason:
        raise ValidationError(_("Say why."))
    completion.revoked_at, completion.revoked_reason = timezone.now(), reason
    completion.save(update_fields=["revoked_at", "revoked_reason"])
    return completion


# --- discussion ----------------------------------------------------------------------


@transaction.atomic
def course_discussion_ensure(*, course: CoursePage):
    """The course's forum category for questions (made once, through the forums service).
    Members read and post; pupils post there when the course is for them."""
    from forums import services as forum_services
    from forums.models import Audience as ForumAudience

    if course.discussion_category_id:
        return course.discussion_category
    category = forum_services.category_create(
        title=_("Course: %(title)s") % {"title": course.title},
        description=course.summary,
        read_audience=ForumAudience.MEMBERS,
        post_audience=(
            ForumAudience.TEACHERS if course.audience == "teachers" else ForumAudience.MEMBERS
        ),
        allow_pupils=course.audience != "teachers",
        position=900,
    )
    CoursePage.objects.filter(pk=course.pk).update(discussion_category=category)
    course.discussion_category = category
    from .selectors import outline_bump

    outline_bump()
    return category


@transaction.atomic
def course_summaries_refresh(*, course: CoursePage) -> int:
    """Bring every enrolment's summary in step after the course's lessons changed
    (published, added, made optional); completes those who now have everything.
    A completion already awarded is kept when lessons are added later."""
    required = required_count(course.path)
    done = dict(
        LessonProgress.objects.filter(
            enrolment__course=course,
            done_at__isnull=False,
            lesson__required=True,
            lesson__live=True,
        )
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )
    now, changed = timezone.now(), 0
    enrolments = Enrolment.objects.filter(course=course).select_related(
        "member", "course", "course__school"
    )
    for enrolment in enrolments:
        n = done.get(enrolment.pk, 0)
        complete = required > 0 and n >= required and enrolment.completed_at is None
        if (n, required) == (enrolment.lessons_done, enrolment.lessons_required) and not complete:
            continue
        enrolment.lessons_done, enrolment.lessons_required = n, required
        if complete:
            enrolment.completed_at = now
            _completion_issue(enrolment, now)
        enrolment.save(update_fields=["lessons_done", "lessons_required", "completed_at"])
        changed += 1
    return changed
