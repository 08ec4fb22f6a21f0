"""Typed real-time events.

Each event is serialised to JSON once, here, and the consumers relay the text
as it is: fan-out to hundreds of sockets must not re-encode per recipient.
"""

import json
from dataclasses import asdict, dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Event:
    type: ClassVar[str] = "event"

    def payload(self) -> dict:
        return {"type": self.type, **asdict(self)}

    def to_message(self) -> dict:
        """The channel-layer message; `realtime.event` is every consumer's relay handler."""
        return {"type": "realtime.event", "text": json.dumps(self.payload(), separators=(",", ":"))}


@dataclass(frozen=True)
class NotificationCount(Event):
    """The member's unread-notification count changed."""

    type: ClassVar[str] = "notification.count"
    unread: int
    title: str = ""
    url: str = ""


@dataclass(frozen=True)
class SessionEnded(Event):
    """The member logged out or lost access: their sockets close."""

    type: ClassVar[str] = "session.ended"

    def to_message(self) -> dict:
        # Not relayed to the browser: each consumer closes its socket instead.
        return {"type": "session.end"}


@dataclass(frozen=True)
class AccessChanged(Event):
    """A member's registration, role or group changed: open sockets decide access again."""

    type: ClassVar[str] = "access.changed"

    def to_message(self) -> dict:
        # Not relayed: each consumer checks (community/realtime/consumers.py).
        return {"type": "access.check"}


def user_group(user_id: int) -> str:
    return f"user.{user_id}"
