"""The chat socket's frame schema: every field of every frame kind, parsed and bounded.

A frame that does not fit is refused here, before any rule or service sees it, with
an error the member can read. JSON gives Python whatever the sender chose (floats
such as 1e309, booleans where numbers belong, nested objects): nothing is converted
implicitly.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1
CLIENT_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")


class FrameError(Exception):
    def __init__(self, message, client_id: str = ""):
        super().__init__(str(message))
        self.message = message
        self.client_id = client_id


@dataclass(frozen=True)
class Field:
    kind: str  # "int", "text", "bool", "choice", "options", "client_id"
    required: bool = True
    default: Any = None
    low: int = 0
    high: int = MAX_ID
    max_length: int = 0
    choices: tuple = ()

    def parse(self, value):
        if self.kind == "int":
            # bool is an int in Python; a float (1e309 is inf) is not a number of ours.
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError
            if not self.low <= value <= self.high:
                raise ValueError
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError
            return value
        if self.kind in {"text", "choice"}:
            if not isinstance(value, str) or len(value) > self.max_length:
                raise ValueError
            if self.kind == "choice" and value not in self.choices:
                raise ValueError
            return value
        if self.kind == "client_id":
            if not isinstance(value, str) or not CLIENT_ID.match(value):
                raise ValueError
            return value
        if self.kind == "options":
            if not isinstance(value, list) or not 2 <= len(value) <= 8:
                raise ValueError
            if not all(isinstance(o, str) and 0 < len(o) <= 120 for o in value):
                raise ValueError
            return value
        raise AssertionError(self.kind)


def _id(required=True):
    return Field("int", required=required, low=1)


def _text(max_length, required=True, default=None):
    return Field("text", required=required, default=default, max_length=max_length)


CLIENT = Field("client_id", required=False, default="")

SCHEMA: dict[str, dict[str, Field]] = {
    "resume": {"last_seq": Field("int", required=False, default=0)},
    # "Show everyone" in a big room: the whole presence list, to this socket only.
    "presence_all": {"client_id": CLIENT},
    "send": {
        # Longer than a message may be, so the service can say "too long" in words.
        "text": _text(4000),
        "client_id": CLIENT,
        "reply_to": Field("int", required=False, low=1),
    },
    "edit": {"seq": _id(), "text": _text(4000)},
    "delete": {"seq": _id()},
    "react": {"seq": _id(), "emoji": _text(8)},
    "ask": {
        "text": _text(1000),
        "anonymous": Field("bool", required=False, default=False),
        "client_id": CLIENT,
    },
    "vote": {"question": _id()},
    "question": {
        "question": _id(),
        "action": Field("choice", choices=("answer", "hide", "pin"), max_length=10),
    },
    "poll": {"question": _text(300), "options": Field("options")},
    "poll_vote": {"poll": _id(), "option": _id()},
    "poll_close": {"poll": _id()},
    "mute": {
        "user": _id(),
        "minutes": Field("int", required=False, default=10, low=1, high=24 * 60),
        "reason": _text(200, required=False, default=""),
    },
    "room": {
        "slow_mode_seconds": Field("int", required=False, low=0, high=600),
        "announcement": _text(500, required=False),
        "open": Field("bool", required=False),
    },
}

KINDS = frozenset(SCHEMA)


def parse(data: Any) -> tuple[str, dict]:
    """(kind, fields) of a decoded JSON frame, or FrameError."""
    if not isinstance(data, dict):
        raise FrameError(_("The message could not be read."))
    client_id = data.get("client_id")
    client_id = client_id if isinstance(client_id, str) and CLIENT_ID.match(client_id) else ""
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in SCHEMA:
        raise FrameError(_("Unknown message type."), client_id)
    fields = {}
    for name, field in SCHEMA[kind].items():
        if name not in data or data[name] is None:
            if field.required:
                raise FrameError(_("The message could not be read."), client_id)
            fields[name] = field.default
            continue
        try:
            fields[name] = field.parse(data[name])
        except ValueError:
            raise FrameError(_("The message could not be read."), client_id) from None
    return kind, fields
