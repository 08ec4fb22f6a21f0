"""Who a gathering is for, and so who may register, get its stream link and use its rooms.

One vocabulary with the forums: a *pupil* is a member whose only school role is pupil;
everyone else (teachers, leaders, organisers and other staff without a school) is an
adult. The digital-consent rule is the forums' one: a pupil takes part only once their
school has recorded consent.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.schools.models import MembershipRole, SchoolMembership


class GatheringAudience(models.TextChoices):
    PUPILS = "pupils", gettext_lazy("Pupils, with their teachers and leaders")
    TEACHERS = "teachers", gettext_lazy("Teachers, school leaders and other staff (no pupils)")
    LEADERS = "leaders", gettext_lazy("School leaders")
    ANYONE = "anyone", gettext_lazy("Anyone with an account (pupils with consent)")


def standing(user) -> tuple[bool, bool, set]:
    """(is a pupil, pupil consent recorded, school roles) from the member's memberships."""
    rows = list(
        SchoolMembership.objects.filter(user=user).values_list("role", "consent_recorded_at")
    )
    roles = {role for role, _at in rows}
    pupil = MembershipRole.PUPIL in roles and not roles & {
        MembershipRole.TEACHER,
        MembershipRole.LEADER,
    }
    consent = any(role == MembershipRole.PUPIL and at is not None for role, at in rows)
    return pupil, consent, roles


def refusal(user, gathering) -> str:
    """Why this member may not take part in this gathering ("" when they may)."""
    if not getattr(user, "is_authenticated", False):
        return _("Log in to register.")
    pupil, consent, roles = standing(user)
    audience = gathering.audience
    if pupil:
        if audience not in (GatheringAudience.PUPILS, GatheringAudience.ANYONE):
            return _("This gathering is not open to pupils.")
        if not consent:
            return _(
                "Your school has not yet recorded the consent you need to take part. "
                "Ask your teacher."
            )
        return ""
    if audience == GatheringAudience.LEADERS and MembershipRole.LEADER not in roles:
        return _("This gathering is for school leaders.")
    return ""


def meant_for_pupils(gathering) -> bool:
    return gathering.audience in (GatheringAudience.PUPILS, GatheringAudience.ANYONE)
