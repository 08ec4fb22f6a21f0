"""The room rules every frame passes before a service runs.

One table says, per frame kind, whether it needs the right to write or to moderate
and how often a member may send it. The consumer asks `frame_allowed()` for every
frame, with access decided afresh for that frame; services keep their own checks.
"""

import time
from collections import deque

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .access import adult_presence_required
from .errors import ChatError
from .models import Mute, Room

READ_KINDS = frozenset({"resume", "presence_all"})
MODERATOR_KINDS = frozenset({"question", "poll", "poll_close", "mute", "room"})
WRITE_KINDS = frozenset({"send", "edit", "delete", "react", "ask", "vote", "poll_vote"})


def rates() -> dict[str, tuple[int, int]]:
    """(count, seconds) per member and kind."""
    return {
        "send": tuple(settings.SAMSPILL_CHAT_RATE),
        "edit": (10, 60),
        "delete": (20, 60),
        "react": (30, 60),
        "ask": (3, 60),
        "vote": (30, 60),
        "poll_vote": (10, 60),
        "resume": (30, 60),
        # A full list of a big room is the largest frame a member can ask for.
        "presence_all": (3, 60),
        **dict.fromkeys(MODERATOR_KINDS, (60, 60)),
    }


def mute_of(user, room: Room) -> Mute | None:
    return Mute.objects.filter(room=room, user=user, until__gt=timezone.now()).first()


def muted_error(mute: Mute) -> ChatError:
    return ChatError(
        "muted",
        _("A moderator has muted you in this room until %(time)s.")
        % {"time": timezone.localtime(mute.until).strftime("%H:%M")},
        int((mute.until - timezone.now()).total_seconds()) + 1,
    )


def unattended_error() -> ChatError:
    return ChatError(
        "unmoderated",
        _("This room has pupils: messages can be sent while an organiser or moderator is present."),
    )


def participation_check(user, room: Room, access) -> None:
    """Mute and the pupils' rule, for anyone who is not a moderator here."""
    if access.can_moderate:
        return
    mute = mute_of(user, room)
    if mute is not None:
        raise muted_error(mute)
    if adult_presence_required(
        room, has_pupils=selectors.room_has_pupils
    ) and not selectors.moderator_present(room):
        raise unattended_error()


class LocalLimiter:
    """Per-socket sliding windows: they hold even when the shared cache is away."""

    def __init__(self):
        self._times: dict[str, deque] = {}

    def hit(self, kind: str, limit: int, window: int) -> None:
        now = time.monotonic()
        times = self._times.setdefault(kind, deque())
        while times and now - times[0] >= window:
            times.popleft()
        if len(times) >= limit:
            raise _rate_error(int(window - (now - times[0])) + 1)
        times.append(now)


def _rate_error(retry_after: int) -> ChatError:
    return ChatError(
        "rate_limited",
        _("You are sending messages too fast. Try again in %(seconds)s seconds.")
        % {"seconds": retry_after},
        retry_after,
    )


def shared_rate_limit(key: str, limit: int, window: int) -> None:
    """At most `limit` per `window` seconds across the member's sockets and processes."""
    bucket = int(time.time() // window)
    cache_key = f"chat-rate:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window * 2)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=window * 2)
        count = 1
    if count > limit:
        raise _rate_error(window - int(time.time() % window))


def frame_allowed(*, user, room: Room, access, kind: str, limiter: LocalLimiter) -> None:
    """Raise ChatError unless `user` may send a frame of `kind` in `room` now."""
    limit, window = rates()[kind]
    if kind in MODERATOR_KINDS:
        if not access.can_moderate:
            raise ChatError("forbidden", _("Only organisers and moderators can do that."))
    elif kind in WRITE_KINDS:
        if not access.can_write:
            raise ChatError("forbidden", _("You do not have access to this room."))
        if not room.is_open() and not access.can_moderate:
            raise ChatError("closed", _("This room is closed. The transcript stays readable."))
        participation_check(user, room, access)
    limiter.hit(kind, limit, window)
    shared_rate_limit(f"{kind}:{user.pk}", limit, window)
