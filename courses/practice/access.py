"""Who sees a pupil's practice: the pupil, the teachers of the pupil's school and that
school's leaders. Nobody else (site administrators and editors included): these are
recordings of children."""

from django.http import Http404
from django.utils.translation import gettext as _

from community.schools.models import MembershipRole, SchoolMembership

from .models import Assignment, Take

STAFF_ROLES = (MembershipRole.TEACHER, MembershipRole.LEADER)


def school_ids(user, roles) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        SchoolMembership.objects.filter(user=user, role__in=roles).values_list(
            "school_id", flat=True
        )
    )


def teaching_school_ids(user) -> set[int]:
    """Schools where the user teaches (and may give assignments)."""
    return school_ids(user, [MembershipRole.TEACHER])


def staff_school_ids(user) -> set[int]:
    """Schools whose pupils' practice the user may see (teachers and leaders)."""
    return school_ids(user, STAFF_ROLES)


def led_school_ids(user) -> set[int]:
    return school_ids(user, [MembershipRole.LEADER])


def sees_take(user, take: Take) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return take.pupil_id == user.pk or take.school_id in staff_school_ids(user)


def reviews(user, take: Take) -> bool:
    """Teachers of the take's school give feedback and decide; leaders only read."""
    return take.school_id in teaching_school_ids(user)


def may_see_pupil(user, pupil, school_id: int) -> bool:
    if user.pk == pupil.pk:
        return True
    return (
        school_id in staff_school_ids(user)
        and SchoolMembership.objects.filter(
            user=pupil, school_id=school_id, role=MembershipRole.PUPIL
        ).exists()
    )


def why_cannot_record(pupil, assignment: Assignment) -> str:
    """Empty when the pupil may record for the assignment, else the reason to show."""
    membership = SchoolMembership.objects.filter(
        user=pupil, school_id=assignment.school_id, role=MembershipRole.PUPIL
    ).first()
    if membership is None or not assignment.pupils.filter(pk=pupil.pk).exists():
        return _("This assignment is not for you.")
    if pupil.is_minor_pupil and not membership.has_consent:
        return _(
            "You can record when your school has recorded consent from your parent or "
            "guardian. Ask your teacher."
        )
    return ""


def take_for(user, take_id: int) -> Take:
    """The take, if the user may see it; 404 otherwise (its existence stays hidden)."""
    take = (
        Take.objects.select_related("assignment", "pupil", "school", "assignment__lesson")
        .filter(pk=take_id)
        .first()
    )
    if take is None or not sees_take(user, take):
        raise Http404
    return take


def assignment_for(user, assignment_id: int) -> Assignment:
    assignment = (
        Assignment.objects.select_related("school", "teacher", "lesson", "reference")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise Http404
    if assignment.school_id in staff_school_ids(user):
        return assignment
    if assignment.pupils.filter(pk=user.pk).exists():
        return assignment
    raise Http404
