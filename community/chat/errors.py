from dataclasses import dataclass


@dataclass
class ChatError(Exception):
    """A refusal the client shows to the member, in their language."""

    code: str
    message: str
    retry_after: int | None = None
