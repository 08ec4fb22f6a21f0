"""The main navigation. Each part of the site adds its entry when it is installed,
so the header never links to a section that does not exist yet."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavEntry:
    order: int
    label: Any  # a lazy translation
    path: str
    icon: str = ""  # a Heroicons name, drawn before the label


_entries: list[NavEntry] = []


def register(*, order: int, label, path: str, icon: str = "") -> None:
    if all(entry.path != path for entry in _entries):
        _entries.append(NavEntry(order, label, path, icon))
        _entries.sort(key=lambda entry: entry.order)


def entries() -> list[NavEntry]:
    return list(_entries)


def version() -> tuple[str, ...]:
    """Changes whenever an entry is added: part of the key of the drawn navigation."""
    return tuple(entry.path for entry in _entries)
