"""Path converters shared by every app."""


class IdConverter:
    """A database id: at most 18 digits, so it always fits a 64-bit integer.

    Django's `int` accepts any length; a longer number reached the database and failed
    there (SQLite: OverflowError) with a 500 instead of a 404.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


MAX_ID = 10**18 - 1


def parse_id(value) -> int | None:
    """An id typed into a form or a query string, or None when it cannot be one."""
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None
