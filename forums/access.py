"""Who may read and who may post where.

A `Viewer` is computed once per request from the member's school memberships and site
roles (kept in the cache per member, see below; two queries on a miss) and then answers
every question without touching the database.
"""

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from community.members.roles import SiteRole, has_site_role, site_roles
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


# The facts a Viewer is made of (memberships, site roles) are kept in Django's cache
# per member, so a member's page skips those two queries. Two random tokens are part of
# the stored entry: the member's own, replaced when their memberships (role, consent) or
# groups change, and one for everybody, replaced when a school moves municipality, a
# municipality moves county or a group is renamed. Both are replaced at once and again
# after commit, so no request can keep the old rows under a new token. Entries also
# expire after SAMSPILL_VIEWER_CACHE_SECONDS: with a per-process cache (locmem) a change
# made in another process is seen at most that long after (docs/deployment.md,
# *Whole pages for visitors*).
_VIEWER_ALL_KEY = "forums:viewer:all"
_VIEWER_TOKEN_TIMEOUT = 7 * 24 * 3600


def _viewer_token_key(user_id: int) -> str:
    return f"forums:viewer:{user_id}:token"


def _viewer_key(user_id: int) -> str:
    return f"forums:viewer:{user_id}"


def _member_facts(user) -> tuple[list, set[str]]:
    """(memberships as (school, county, role, consent given), site role names)."""
    keys = [_VIEWER_ALL_KEY, _viewer_token_key(user.pk), _viewer_key(user.pk)]
    found = cache.get_many(keys)
    tokens = []
    for key in keys[:2]:
        token = found.get(key)
        if token is None:
            token = secrets.randbits(62)
            if not cache.add(key, token, _VIEWER_TOKEN_TIMEOUT):
                token = cache.get(key, token)
        tokens.append(token)
    stored = found.get(keys[2])
    if stored is not None and list(stored[:2]) == tokens:
        return stored[2], stored[3]
    memberships = [
        (school, county, role, at is not None)
        for school, county, role, at in SchoolMembership.objects.filter(user=user).values_list(
            "school_id", "school__municipality__county_id", "role", "consent_recorded_at"
        )
    ]
    roles = site_roles(user)
    seconds = getattr(settings, "SAMSPILL_VIEWER_CACHE_SECONDS", 60)
    if seconds:
        cache.set(keys[2], (*tokens, memberships, roles), seconds)
    return memberships, roles


def viewer_facts_changed(user_id: int) -> None:
    """The member's memberships or site roles changed: their next request reads them."""

    def bump():
        cache.set(_viewer_token_key(user_id), secrets.randbits(62), _VIEWER_TOKEN_TIMEOUT)

    bump()
    transaction.on_commit(bump)


def viewers_changed() -> None:
    """Schools, municipalities or groups changed: every member's facts are read again."""

    def bump():
        cache.set(_VIEWER_ALL_KEY, secrets.randbits(62), _VIEWER_TOKEN_TIMEOUT)

    bump()
    transaction.on_commit(bump)


def viewer_for(user) -> Viewer:
    if not getattr(user, "is_authenticated", False):
        return Viewer(user=user)
    cached = getattr(user, "_forum_viewer", None)
    if cached is not None:
        return cached
    memberships, roles_held = _member_facts(user)
    # site_roles() reads this instead of querying again in this request.
    user._site_roles = roles_held
    roles = {role for _s, _c, role, _consent in memberships}
    staff = bool(roles & {MembershipRole.TEACHER, MembershipRole.LEADER})
    viewer = Viewer(
        user=user,
        is_authenticated=True,
        is_moderator=has_site_role(user, SiteRole.MODERATOR),
        is_teacher=staff,
        is_pupil=MembershipRole.PUPIL in roles and not staff,
        pupil_consent=any(
            role == MembershipRole.PUPIL and consent for _s, _c, role, consent in memberships
        ),
        school_ids={school for school, _c, _r, _consent in memberships},
        county_ids={county for _s, county, _r, _consent in memberships},
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
