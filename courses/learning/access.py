"""Who a course is for, and who may watch its learners."""

from django.utils.translation import gettext as _

from community.schools.models import MembershipRole, SchoolMembership
from courses.audience import is_library_editor, is_library_teacher

from .models import CourseAudience


def is_pupil(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_is_pupil", None)
    if cached is None:
        cached = SchoolMembership.objects.filter(user=user, role=MembershipRole.PUPIL).exists()
        user._is_pupil = cached
    return cached


def audience_includes(course, user) -> bool:
    """The course's audience includes this member (so one click enrols them)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if course.audience == CourseAudience.BOTH:
        return True
    if course.audience == CourseAudience.TEACHERS:
        return is_library_teacher(user)
    return is_pupil(user) and not is_library_teacher(user)


def why_not_enrol(course, user) -> str:
    if course.audience == CourseAudience.TEACHERS:
        return _("This course is for teachers.")
    return _("This course is for pupils.")


def teaches(user, course) -> bool:
    """The course's own teachers and editors see every learner."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_library_editor(user):
        return True
    return course.teachers.filter(pk=user.pk).exists()


def led_school_ids(user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        SchoolMembership.objects.filter(user=user, role=MembershipRole.LEADER).values_list(
            "school_id", flat=True
        )
    )
