"""Who may do what in a chat room. Every incoming socket message asks again."""

from dataclasses import dataclass

from community.gatherings import selectors as gathering_selectors
from community.gatherings.audience import meant_for_pupils, standing
from community.members.roles import SiteRole, has_site_role

from .models import Room, RoomKind


@dataclass(frozen=True)
class RoomAccess:
    can_read: bool = False
    can_write: bool = False
    can_moderate: bool = False
    mode: str = ""  # "on-site", "online" or "organiser": how presence lists the member

    @property
    def denied(self) -> bool:
        return not self.can_read


DENIED = RoomAccess()


def room_access(user, room: Room, *, member_standing=None) -> RoomAccess:
    """`member_standing`: `standing(user)` when the caller checks many rooms at once."""
    if user is None or not user.is_authenticated:
        return DENIED
    gathering = room.gathering
    organiser = gathering_selectors.is_organiser(user, gathering)
    moderator = has_site_role(user, SiteRole.MODERATOR)
    if organiser or moderator:
        return RoomAccess(True, True, True, "organiser")
    registration = gathering_selectors.registration_for(user, gathering)
    if registration is None or not gathering_selectors.is_participant(user, gathering):
        return DENIED
    if room.kind == RoomKind.GROUP:
        group = gathering_selectors.breakout_group_for(user, room.session)
        if group is None or group.pk != room.breakout_group_id:
            return DENIED
    pupil, consent, _roles = member_standing or standing(user)
    return RoomAccess(
        may_read_as_participant(gathering, pupil=pupil),
        may_post_as_participant(gathering, pupil=pupil, consent=consent),
        False,
        registration.mode,
    )


# The room rules as plain functions of the gathering's audience and the member's
# standing (see community/gatherings/audience.py), asked afresh for every frame.


def may_read_as_participant(gathering, *, pupil: bool) -> bool:
    """A pupil reads only the rooms of a gathering open to pupils (a registration made
    before the organisers narrowed the audience does not keep them in)."""
    return not pupil or meant_for_pupils(gathering)


def may_post_as_participant(gathering, *, pupil: bool, consent: bool) -> bool:
    """The forums' digital-consent rule: a pupil without recorded consent only reads."""
    return may_read_as_participant(gathering, pupil=pupil) and (not pupil or consent)


def adult_presence_required(room: Room, *, has_pupils) -> bool:
    """Rooms meant for pupils accept messages only while an organiser or moderator is
    present. A teachers' gathering never waits for one: no pupil can be in its rooms.
    `has_pupils` is called only when the audience admits pupils."""
    return meant_for_pupils(room.gathering) and has_pupils(room)
