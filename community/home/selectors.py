"""What the home page lists. Each part of the site contributes a section when it exists."""

from collections.abc import Callable

_sections: list[Callable] = []


def register_section(section: Callable) -> None:
    """`section(user)` returns a dict with a "template" key and the context it needs."""
    if section not in _sections:
        _sections.append(section)


def home_sections(user) -> dict:
    context: dict = {"home_sections_order": []}
    for section in _sections:
        data = section(user)
        # A section names the template that renders it under "template".
        context["home_sections_order"].append(data.pop("template"))
        context.update(data)
    return context


# --- the member's start page ------------------------------------------------------

# Where a section goes on the start page: "today" at the top, "tasks" under "Waiting
# for you", "main" and "aside" the two columns below.
SLOTS = ("today", "tasks", "main", "aside")
_start_sections: list[tuple[int, Callable]] = []


def register_start_section(section: Callable, *, order: int) -> None:
    """`section(user)` returns None (nothing to show this member) or a dict with
    "slot" (one of SLOTS), "template" and the data its template reads as `section`."""
    if all(registered is not section for _order, registered in _start_sections):
        _start_sections.append((order, section))
        _start_sections.sort(key=lambda item: item[0])


def start_sections(user) -> dict:
    """The signed-in member's start page, slot by slot. Each app contributes its own
    sections (apps register them in `ready()`), so home never imports an app's models."""
    slots: dict[str, list[dict]] = {slot: [] for slot in SLOTS}
    for _order, section in _start_sections:
        data = section(user)
        if data is not None:
            slots[data["slot"]].append(data)
    return {"start": slots}
