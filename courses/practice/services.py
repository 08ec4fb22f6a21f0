"""Writes for the practice room (keyword-only, atomic). Notifications go out through
community.notifications (live after commit, e-mail per the member's settings)."""

import datetime
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.notifications.services import notify
from community.schools.models import MembershipRole, SchoolMembership
from courses.validation import AUDIO_EXTENSIONS, validate_library_file

from . import access
from .models import Assignment, PracticeLogEntry, PracticePolicy, Take, TakeComment, TakeStatus

# What a browser's MediaRecorder makes (webm/ogg in Chromium and Firefox, mp4 in
# Safari) and what a pupil may upload.
TAKE_EXTENSIONS = AUDIO_EXTENSIONS | {"webm"}
SCHOOL_YEAR_ENDS = (7, 31)  # 31 July: the Nordic school year ends in June


def default_delete_after(made: datetime.date) -> datetime.date:
    """The end of the school year the take was made in."""
    end = datetime.date(made.year, *SCHOOL_YEAR_ENDS)
    return end if made <= end else datetime.date(made.year + 1, *SCHOOL_YEAR_ENDS)


def delete_after_for(school_id: int, made: datetime.date) -> datetime.date:
    """The school's own period first, then the site's (Settings → Retention periods),
    then the end of the school year."""
    from community.members.retention import periods

    policy = PracticePolicy.objects.filter(school_id=school_id).first()
    days = (policy.retention_days if policy else None) or periods().practice_recording_days
    if days:
        return made + timedelta(days=days)
    return default_delete_after(made)


def _notify_in_language(recipient, kind, url, make_title):
    with translation.override(recipient.language or "nb"):
        title = make_title()
    notify(recipient=recipient, kind=kind, title=title, url=url)


@transaction.atomic
def assignment_create(
    *,
    teacher,
    school_id: int,
    title: str,
    pupils,
    instructions: str = "",
    lesson=None,
    tempo: int | None = None,
    reference=None,
    due_on=None,
) -> Assignment:
    if school_id not in access.teaching_school_ids(teacher):
        raise PermissionDenied(_("You can give assignments only at a school where you teach."))
    pupil_ids = {pupil.pk for pupil in pupils}
    if not pupil_ids:
        raise ValidationError(_("Choose at least one pupil."))
    of_school = set(
        SchoolMembership.objects.filter(
            school_id=school_id, role=MembershipRole.PUPIL, user_id__in=pupil_ids
        ).values_list("user_id", flat=True)
    )
    if of_school != pupil_ids:
        raise ValidationError(_("Every pupil must be a pupil of the school."))
    assignment = Assignment(
        school_id=school_id,
        teacher=teacher,
        title=title,
        instructions=instructions,
        lesson=lesson,
        tempo=tempo,
        reference=reference,
        due_on=due_on,
    )
    assignment.full_clean()
    assignment.save()
    assignment.pupils.set(pupil_ids)
    url = reverse("practice:assignment", args=[assignment.pk])
    for pupil in assignment.pupils.all():
        _notify_in_language(
            pupil,
            "practice.assigned",
            url,
            lambda: _("New recording assignment: %(title)s") % {"title": assignment.title},
        )
    return assignment


@transaction.atomic
def take_create(*, pupil, assignment: Assignment, upload) -> Take:
    """Keep a recorded or uploaded take (not yet handed in). The file is checked by its
    content and size with the library's upload checks."""
    reason = access.why_cannot_record(pupil, assignment)
    if reason:
        raise PermissionDenied(reason)
    validate_library_file(upload, TAKE_EXTENSIONS)
    now = timezone.now()
    take = Take(
        assignment=assignment,
        pupil=pupil,
        school_id=assignment.school_id,
        size=upload.size,
        created_at=now,
        delete_after=delete_after_for(assignment.school_id, timezone.localdate(now)),
    )
    take.file.save(upload.name, upload, save=False)
    # The file is written before the row: if the row fails, remove the file again.
    try:
        take.save()
    except Exception:
        take.file.storage.delete(take.file.name)
        raise
    return take


@transaction.atomic
def take_hand_in(*, pupil, take: Take) -> Take:
    if take.pupil_id != pupil.pk:
        raise PermissionDenied(_("You can hand in only your own takes."))
    if take.status not in (TakeStatus.DRAFT, TakeStatus.AGAIN):
        raise ValidationError(_("This take is already handed in."))
    # One take per assignment waits for the teacher: an earlier one goes back to the pupil.
    Take.objects.filter(
        assignment_id=take.assignment_id, pupil=pupil, status=TakeStatus.WAITING
    ).update(status=TakeStatus.DRAFT, handed_in_at=None)
    take.status = TakeStatus.WAITING
    take.handed_in_at = timezone.now()
    take.save(update_fields=["status", "handed_in_at"])
    teacher = take.assignment.teacher
    if teacher is not None:
        _notify_in_language(
            teacher,
            "practice.handed_in",
            reverse("practice:take", args=[take.pk]),
            lambda: (
                _("%(pupil)s handed in a take for %(title)s")
                % {"pupil": pupil.get_short_name(), "title": take.assignment.title}
            ),
        )
    return take


@transaction.atomic
def take_comment_add(*, author, take: Take, at_seconds, text: str) -> TakeComment:
    if not access.reviews(author, take):
        raise PermissionDenied(_("Only the pupil's teachers give feedback."))
    comment = TakeComment(take=take, author=author, at_seconds=at_seconds, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def take_review(*, reviewer, take: Take, approve: bool) -> Take:
    """Approve the take (its lesson, if any, becomes done in the pupil's course progress
    in this same transaction) or ask for another take. The pupil is told either way."""
    if not access.reviews(reviewer, take):
        raise PermissionDenied(_("Only the pupil's teachers give feedback."))
    if take.status != TakeStatus.WAITING:
        raise ValidationError(_("This take is not waiting for feedback."))
    take.status = TakeStatus.APPROVED if approve else TakeStatus.AGAIN
    take.reviewed_at = timezone.now()
    take.reviewed_by = reviewer
    take.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    lesson = take.assignment.lesson
    if approve and lesson is not None:
        _lesson_done(take.pupil, lesson)
    title = take.assignment.title

    def make_title():
        if approve:
            return _("Your take for %(title)s is approved") % {"title": title}
        return _("Your teacher asks for another take of %(title)s") % {"title": title}

    _notify_in_language(
        take.pupil, "practice.reviewed", reverse("practice:take", args=[take.pk]), make_title
    )
    return take


def _lesson_done(pupil, lesson) -> None:
    from courses.learning import services as learning
    from courses.learning.selectors import course_of_lesson

    lesson = lesson.specific
    course = course_of_lesson(lesson)
    learning.enrolment_create(course=course, member=pupil)
    try:
        learning.lesson_done(member=pupil, lesson=lesson)
    except ValidationError as error:
        raise ValidationError(
            _("The pupil must first answer the self-checks in the lesson “%(lesson)s”.")
            % {"lesson": lesson.title}
        ) from error


@transaction.atomic
def practice_log_add(
    *, pupil, practised_on, minutes: int, what: str, note: str = "", take=None
) -> PracticeLogEntry:
    if take is not None and take.pupil_id != pupil.pk:
        raise PermissionDenied(_("You can link only your own takes."))
    entry = PracticeLogEntry(
        pupil=pupil, practised_on=practised_on, minutes=minutes, what=what, note=note, take=take
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def practice_policy_set(*, leader, school_id: int, retention_days: int | None) -> PracticePolicy:
    """Set how long the school keeps takes; the dates of takes already kept follow."""
    if school_id not in access.led_school_ids(leader):
        raise PermissionDenied(_("Only the school's leaders change this."))
    policy, _created = PracticePolicy.objects.get_or_create(school_id=school_id)
    policy.retention_days = retention_days
    policy.full_clean()
    policy.save()
    _takes_redate(Take.objects.filter(school_id=school_id))
    return policy


def _takes_redate(takes) -> None:
    takes = list(takes.only("pk", "school_id", "created_at"))
    for take in takes:
        take.delete_after = delete_after_for(take.school_id, timezone.localdate(take.created_at))
    Take.objects.bulk_update(takes, ["delete_after"], batch_size=500)


@transaction.atomic
def takes_redate_for_site_period() -> None:
    """The site's period for recordings changed: takes of schools without their own
    period follow it (called from the retention settings' change signal)."""
    _takes_redate(
        Take.objects.exclude(
            school__practice_policy__retention_days__isnull=False,
        )
    )


def takes_purge(*, now=None) -> int:
    """The retention registry's purger for practice recordings."""
    return takes_delete_expired(today=timezone.localdate(now) if now else None)


def takes_delete_expired(*, today=None) -> int:
    """The scheduled retention clean-up: delete takes past their school's keep date.
    Each deletion removes its file from storage after commit (see signals.py)."""
    today = today or timezone.localdate()
    count = 0
    expired = Take.objects.filter(delete_after__lt=today).values_list("pk", flat=True)
    for take_id in list(expired):
        with transaction.atomic():
            count += Take.objects.filter(pk=take_id).delete()[1].get("courses.Take", 0)
    return count
