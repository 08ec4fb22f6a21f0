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
