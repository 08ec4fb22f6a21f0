from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Invitation, MembershipRole, School, SchoolMembership


def usable_invitation(code: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("school__municipality__county")
        .filter(code=code, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None or invitation.uses >= invitation.max_uses:
        return None
    return invitation


def memberships_for(user):
    return SchoolMembership.objects.filter(user=user).select_related("school__municipality")


def led_schools(user):
    if user.is_superuser:
        return School.objects.select_related("municipality").all()
    return School.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.LEADER
    ).select_related("municipality")


def access_school_as_leader(user, slug: str) -> School:
    """The school, if `user` leads it; a superuser may open any school."""
    school = get_object_or_404(School.objects.select_related("municipality__county"), slug=slug)
    if user.is_superuser:
        return school
    is_leader = SchoolMembership.objects.filter(
        user=user, school=school, role=MembershipRole.LEADER
    ).exists()
    if not is_leader:
        raise PermissionDenied(_("Only the school's leaders can open this page."))
    return school


def school_members(school: School):
    return (
        SchoolMembership.objects.filter(school=school)
        .select_related("user", "consent_recorded_by")
        .order_by("role", "user__display_name")
    )


def school_member_counts(school: School) -> dict[str, int]:
    counts = SchoolMembership.objects.filter(school=school).aggregate(
        **{role: Count("id", filter=Q(role=role)) for role in MembershipRole.values}
    )
    return counts


def open_invitations(school: School):
    return (
        Invitation.objects.filter(
            school=school, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("created_by")
        .order_by("-created_at")
    )


def user_is_teacher(user) -> bool:
    """Staff of any school (teacher or leader)."""
    if not user.is_authenticated:
        return False
    return SchoolMembership.objects.filter(
        user=user, role__in=[MembershipRole.TEACHER, MembershipRole.LEADER]
    ).exists()


def consents_waiting(user, *, limit: int = 5) -> dict:
    """Pupils under the consent age at the schools the member leads whose consent is not
    recorded yet: a task on the leader's start page, and nobody else's."""
    from community.members.models import AgeBand

    waiting = SchoolMembership.objects.filter(
        role=MembershipRole.PUPIL,
        consent_recorded_at__isnull=True,
        user__age_band=AgeBand.UNDER_CONSENT_AGE,
        user__is_active=True,
        school__memberships__user=user,
        school__memberships__role=MembershipRole.LEADER,
    )
    rows = list(waiting.select_related("user", "school").order_by("joined_at", "pk")[:limit])
    return {"rows": rows, "count": waiting.count()}


def start_consents(user) -> dict | None:
    data = consents_waiting(user)
    if not data["count"]:
        return None
    return {"slot": "tasks", "template": "community/schools/start_consents.html", **data}
