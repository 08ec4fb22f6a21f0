"""Typed chat events. Each is serialised once in the service that sends it."""

from dataclasses import dataclass, field
from typing import ClassVar

from community.realtime.events import Event


@dataclass(frozen=True)
class ChatMessage(Event):
    type: ClassVar[str] = "chat.message"
    seq: int
    id: int
    author: str
    author_id: int | None
    text: str
    created_at: str
    client_id: str = ""
    reply_to: int | None = None
    reply_excerpt: str = ""
    edited: bool = False
    deleted: bool = False
    reactions: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ChatMessageUpdated(ChatMessage):
    """An edit, a deletion or a reaction: the message's new state."""

    type: ClassVar[str] = "chat.message.updated"


@dataclass(frozen=True)
class Presence(Event):
    """Who is here. In a big room (`capped`) the lists hold only the first names and
    the counts say how many there are; `PresenceFull` answers one socket's request."""

    type: ClassVar[str] = "chat.presence"
    on_site: list
    online: list
    organisers: list
    count: int = 0
    on_site_count: int = 0
    online_count: int = 0
    organiser_count: int = 0
    capped: bool = False


@dataclass(frozen=True)
class PresenceFull(Presence):
    """Everybody in the room, sent only to the socket that asked ("Show everyone")."""

    type: ClassVar[str] = "chat.presence.full"


@dataclass(frozen=True)
class RoomState(Event):
    type: ClassVar[str] = "chat.room"
    open: bool
    slow_mode_seconds: int
    announcement: str
    # ISO times, so a room that has not opened yet can say when it will.
    opens_at: str = ""
    closes_at: str = ""


@dataclass(frozen=True)
class Questions(Event):
    """The whole Q&A list, sorted: small, and never out of order on any screen."""

    type: ClassVar[str] = "chat.questions"
    questions: list


@dataclass(frozen=True)
class ModeratorQuestions(Event):
    """The same queue for the room's moderators: anonymous askers named."""

    type: ClassVar[str] = "chat.questions.moderator"
    questions: list


@dataclass(frozen=True)
class PollState(Event):
    type: ClassVar[str] = "chat.poll"
    id: int
    question: str
    options: list
    closed: bool
    total: int


@dataclass(frozen=True)
class YourPollVote(Event):
    """Sent to one member's socket only (never broadcast): the option they chose, so
    their poll bars can say "your vote" while the shared results stay anonymous."""

    type: ClassVar[str] = "chat.poll.yours"
    poll: int
    option: int
