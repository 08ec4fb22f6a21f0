"""Reading the audit trail: administrators see everything, leaders their schools'."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from community.schools.models import MembershipRole, School

from .models import AuditAction, AuditEntry

PER_PAGE = 50


def schools_led(user):
    return School.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.LEADER
    ).order_by("name")


def audit_entries_for(user, params) -> dict:
    if not user.is_authenticated:
        raise PermissionDenied
    if user.is_superuser:
        entries = AuditEntry.objects.all()
        schools = School.objects.order_by("name")
    else:
        schools = schools_led(user)
        if not schools.exists():
            raise PermissionDenied
        entries = AuditEntry.objects.filter(school__in=schools)
    school = params.get("school", "")
    if school.isdigit():
        entries = entries.filter(school_id=int(school))
    action = params.get("action", "")
    if action in AuditAction.values:
        entries = entries.filter(action=action)
    filters = {"school": school if school.isdigit() else "", "action": action}
    entries = entries.select_related("actor", "subject", "school")
    page = Paginator(entries, PER_PAGE).get_page(params.get("page"))
    return {
        "page_obj": page,
        "schools": list(schools),
        "actions": AuditAction.choices,
        "selected_school": school,
        "selected_action": action,
        "querystring": urlencode({key: value for key, value in filters.items() if value}),
    }
