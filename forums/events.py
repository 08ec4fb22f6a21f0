"""Real-time events of the forums, sent only from services after commit."""

from dataclasses import dataclass
from typing import ClassVar

from community.realtime.events import Event


def topic_group(topic_id: int) -> str:
    return f"forums.topic.{topic_id}"


@dataclass(frozen=True)
class ForumPostCreated(Event):
    """A visible reply was added to a topic; open pages show "N new replies"."""

    type: ClassVar[str] = "forum.post_created"
    topic_id: int
    number: int
    author_id: int | None
    url: str
