"""The authorisation matrix: every URL × every persona → the expected status.

Each area lists its URLs in `tests/<area>/access_rows.py`:

    from tests.access import Row

    def setup(people):          # optional: build objects the URLs need
        return {"topic": TopicFactory(author=people["teacher"])}

    ROWS = [
        Row("forums:index", expect={"*": 200}),
        Row("forums:topic", args=lambda o: [o["topic"].pk],
            expect={"*": 200, "visitor": 302}),
        Row(path="/resources/", expect={"*": 200}),          # a Wagtail page
        Row("forums:reply", method="post", data={...}, expect={...}),
    ]

`expect` maps a persona to a status; "*" is every persona not named.
A new named URL that no Row covers fails the build (test_every_url_is_in_the_matrix).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = [
    "visitor",  # not logged in
    "pupil",  # Ingrid, 14, Bergen, consent recorded
    "pupil_no_consent",  # Emil, 11, Bergen, no consent recorded
    "teacher",  # Astrid, Bergen
    "other_school_teacher",  # Kari, Lørenskog
    "leader",  # Jon, leader of Bergen
    "other_school_leader",  # Lars, leader of Lørenskog
    "organiser",
    "moderator",
    "editor",
    "admin",
]


@dataclass
class Row:
    name: str = ""  # URL pattern name, e.g. "forums:topic"
    args: Callable[[dict], list] | None = None
    # A literal path instead of a name (Wagtail pages), or a callable(objects) -> path.
    path: str | Callable[[dict], str] = ""
    method: str = "get"
    data: Callable[[dict], dict] | dict | None = None
    expect: dict[str, int] = field(default_factory=dict)
    # Other URL names this row also stands for (e.g. variants of one view).
    covers: tuple[str, ...] = ()
    # How the row is named in test ids when `path` is a callable.
    label_text: str = ""

    def status_for(self, persona: str) -> int:
        return self.expect.get(persona, self.expect["*"])

    def label(self) -> str:
        return self.label_text or self.name or str(self.path)
