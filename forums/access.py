"""Who may read and who may post where.

A `Viewer` is computed once per request (one query for school memberships, one for
site roles) and then answers every question without touching the database.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from community.members.roles import SiteRole, has_site_role
from community.schools.models import MembershipRole, SchoolMembership

from .models import Audience, Category, Suspension


@dataclass
class Viewer:
    user: object
    is_authenticated: bool = False
    is_moderator: bool = False
    is_teacher: bool = False
    is_pupil: bool = False  # a pupil and nothing more (no staff membership)
    pupil_consent: bool = False
    school_ids: set[int] = field(default_factory=set)
    county_ids: set[int] = field(default_factory=set)

    @property
    def pk(self):
        return self.user.pk if self.is_authenticated else None


def viewer_for(user) -> Viewer:
    if not getattr(user, "is_authenticated", False):
        return Viewer(user=user)
    cached = getattr(user, "_forum_viewer", None)
    if cached is not None:
        return cached
    memberships = list(
        SchoolMembership.objects.filter(user=user).values_list(
            "school_id", "school__municipality__county_id", "role", "consent_recorded_at"
        )
    )
    roles = {role for _s, _c, role, _at in memberships}
    staff = bool(roles & {MembershipRole.TEACHER, MembershipRole.LEADER})
    viewer = Viewer(
        user=user,
        is_authenticated=True,
        is_moderator=has_site_role(user, SiteRole.MODERATOR),
        is_teacher=staff,
        is_pupil=MembershipRole.PUPIL in roles and not staff,
        pupil_consent=any(
            role == MembershipRole.PUPIL and at is not None for _s, _c, role, at in memberships
        ),
        school_ids={school for school, _c, _r, _at in memberships},
        county_ids={county for _s, county, _r, _at in memberships},
    )
    user._forum_viewer = viewer
    return viewer


def _audience_q(viewer: Viewer, field_name: str) -> Q:
    q = Q(**{field_name: Audience.EVERYONE})
    if not viewer.is_authenticated:
        return q
    q |= Q(**{field_name: Audience.MEMBERS})
    if viewer.is_teacher:
        q |= Q(**{field_name: Audience.TEACHERS})
    if viewer.school_ids:
        q |= Q(**{field_name: Audience.SCHOOL, "school_id__in": viewer.school_ids})
    if viewer.county_ids:
        q |= Q(**{field_name: Audience.COUNTY, "county_id__in": viewer.county_ids})
    selected = Category.allowed_members.through.objects.filter(user_id=viewer.pk).values(
        "category_id"
    )
    q |= Q(**{field_name: Audience.SELECTED, "pk__in": selected})
    return q


def readable_categories_q(viewer: Viewer, prefix: str = "") -> Q:
    """A filter for categories (or, with prefix "category__", topics) the viewer may read."""
    if viewer.is_moderator:
        return Q()
    q = _audience_q(viewer, "read_audience")
    if not prefix:
        return q
    return Q(**{f"{prefix}in": Category.objects.filter(q).values("pk")})


def _matches(viewer: Viewer, category: Category, audience: str, selected: bool | None) -> bool:
    if audience == Audience.EVERYONE:
        return True
    if not viewer.is_authenticated:
        return False
    if audience == Audience.MEMBERS:
        return True
    if audience == Audience.TEACHERS:
        return viewer.is_teacher
    if audience == Audience.SCHOOL:
        return category.school_id in viewer.school_ids
    if audience == Audience.COUNTY:
        return category.county_id in viewer.county_ids
    if audience == Audience.SELECTED:
        if selected is None:
            selected = category.allowed_members.filter(pk=viewer.pk).exists()
        return selected
    return False


def can_read(viewer: Viewer, category: Category) -> bool:
    if viewer.is_moderator:
        return True
    return _matches(viewer, category, category.read_audience, None)


def can_post(viewer: Viewer, category: Category) -> bool:
    """Read access, the post audience, and for pupils: allowed here and consent recorded."""
    if not viewer.is_authenticated:
        return False
    if viewer.is_moderator:
        return True
    if not can_read(viewer, category):
        return False
    if viewer.is_pupil and not (category.allow_pupils and viewer.pupil_consent):
        return False
    return _matches(viewer, category, category.post_audience, None)


def active_suspension(user) -> Suspension | None:
    return Suspension.objects.filter(user=user, until__gt=timezone.now()).order_by("-until").first()
