"""Who may do what in a chat room. Every incoming socket message asks again."""

from dataclasses import dataclass

from community.gatherings import selectors as gathering_selectors
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


def room_access(user, room: Room) -> RoomAccess:
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
    return RoomAccess(True, True, False, registration.mode)
