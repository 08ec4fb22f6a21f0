"""The design system's server side: icons, avatars and reaction glyphs.

Templates use these through the ``ui`` tag library (``{% load ui %}``);
``docs/design.md`` shows each component. Everything here is pure and cached:
an icon or avatar is drawn on every row of every list, so it must cost no
query and almost no time."""

from __future__ import annotations

import functools
import hashlib

import heroicons
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Eight backgrounds that all carry white initials at 4.5:1 or better (WCAG AA
# for normal text); ``docs/design.md`` lists the measured ratios. The same
# list, in the same order, is in ``static/samspill/js/ui.js``.
AVATAR_COLOURS = (
    "#23406b",  # navy     10.4:1
    "#7b2d86",  # plum      8.2:1
    "#1e5b32",  # forest    8.1:1
    "#9b2c1f",  # brick     7.6:1
    "#0e5a66",  # teal      7.9:1
    "#6a4a0c",  # bronze    8.1:1
    "#3d4a5c",  # slate     9.0:1
    "#4b3b8f",  # indigo    9.1:1
)


def avatar_index(key: object) -> int:
    """A stable colour for a member, from their id: the same in every list, and
    nothing about the member can be read from it."""
    try:
        return int(key) % len(AVATAR_COLOURS)
    except (TypeError, ValueError):
        digest = hashlib.blake2s(str(key).encode(), digest_size=2).digest()
        return int.from_bytes(digest, "big") % len(AVATAR_COLOURS)


def initials(name: str | None) -> str:
    """Up to two letters: the first of the first and of the last word.

    ``"Kari Nordmann"`` gives ``"KN"``, ``"Åse"`` gives ``"Å"``; an e-mail
    address gives the first letter before the ``@``."""
    name = (name or "").strip()
    if "@" in name and " " not in name:
        name = name.split("@", 1)[0]
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return ""
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


# Each reaction is drawn as an icon from the icon package, so it shows on a
# machine with no colour-emoji font (a municipal laptop often has none); the
# emoji itself stays the value stored and sent over the socket.
REACTIONS = {
    "👍": ("hand-thumb-up", "reaction--thumb", _("Thumbs up")),
    "❤️": ("heart", "reaction--heart", _("Heart")),
    "🎵": ("musical-note", "reaction--music", _("Music")),
    "💡": ("light-bulb", "reaction--idea", _("Good idea")),
    "👏": ("sparkles", "reaction--applause", _("Applause")),
}


@functools.lru_cache(maxsize=512)
def icon_svg(name: str, style: str = "outline", size: int = 20, css_class: str = "") -> str:
    """An icon as inline SVG, hidden from assistive technology: the text beside
    it (or the button's label) says what it means."""
    attrs = {"class": f"icon {css_class}".strip(), "aria-hidden": "true", "focusable": "false"}
    try:
        return heroicons._render_icon(style, name, size, attrs)
    except heroicons.IconDoesNotExist:
        # A missing icon must never break a page; the label is still there.
        return ""


def icon(name: str, *, style: str = "outline", size: int = 20, css_class: str = ""):
    return mark_safe(icon_svg(name, style, size, css_class))  # noqa: S308 - our own SVG


def avatar(name: str | None, key: object, *, size: str = "m"):
    """Initials on the member's colour. Decorative: the name is always written
    next to it, so it is hidden from screen readers."""
    letters = initials(name)
    if not letters:
        return format_html(
            '<span class="avatar avatar--{} avatar--none" aria-hidden="true">{}</span>',
            size,
            icon("user", size=16),
        )
    return format_html(
        '<span class="avatar avatar--{} avatar--c{}" aria-hidden="true">{}</span>',
        size,
        avatar_index(key),
        letters,
    )


def reaction(emoji: str, *, size: int = 20):
    """A reaction glyph with its name for screen readers."""
    entry = REACTIONS.get(emoji)
    if entry is None:
        return format_html('<span class="reaction-glyph">{}</span>', emoji)
    name, css_class, label = entry
    return format_html(
        '<span class="reaction-glyph {}">{}<span class="visually-hidden">{}</span></span>',
        css_class,
        icon(name, style="solid", size=size),
        label,
    )
