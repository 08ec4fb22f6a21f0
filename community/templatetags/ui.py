"""The design system's template tags; see ``docs/design.md``."""

from django import template
from django.utils.html import format_html, format_html_join

from community import ui

register = template.Library()


@register.simple_tag
def icon(name, style="outline", size=20, css_class=""):
    """``{% icon "chat-bubble-left-right" %}``: a decorative Heroicons SVG."""
    return ui.icon(name, style=style, size=int(size), css_class=css_class)


@register.simple_tag
def avatar(member, size="m"):
    """``{% avatar post.author %}``: initials on the member's colour.

    Takes a user (``display_name``/``email`` and ``pk``), or ``None`` for a
    former member."""
    if member is None:
        return ui.avatar("", 0, size=size)
    name = getattr(member, "display_name", "") or getattr(member, "email", "") or str(member)
    return ui.avatar(name, getattr(member, "pk", name), size=size)


@register.simple_tag
def avatar_for(name, key, size="m"):
    """``{% avatar_for row.author_name row.author_id %}`` when only the name
    and id were selected (lists select no whole user rows)."""
    return ui.avatar(name, key, size=size)


@register.filter
def initials(name):
    return ui.initials(name)


@register.simple_tag
def reaction(emoji, size=20):
    """``{% reaction "👍" %}``: the reaction drawn as an icon, named for screen readers."""
    return ui.reaction(emoji, size=int(size))


@register.simple_tag
def reaction_templates():
    """One ``<template>`` per reaction, so scripts draw new reactions the same way."""
    return format_html_join(
        "",
        '<template data-reaction-template="{}">{}</template>',
        ((emoji, ui.reaction(emoji)) for emoji in ui.REACTIONS),
    )


@register.inclusion_tag("components/ui/progress.html")
def progress(value, maximum, label=""):
    """``{% progress done total _("Lessons done") %}``: a labelled progress bar."""
    try:
        value, maximum = int(value or 0), int(maximum or 0)
    except (TypeError, ValueError):
        value, maximum = 0, 0
    percent = round(100 * value / maximum) if maximum else 0
    return {"value": value, "maximum": maximum, "percent": percent, "label": label}


@register.inclusion_tag("components/ui/empty_state.html")
def empty_state(title, text="", icon_name="inbox", action_url="", action_label=""):
    """``{% empty_state _("No topics yet") _("Start the first one.") "chat-bubble-left" url label %}``"""
    return {
        "title": title,
        "text": text,
        "icon_name": icon_name,
        "action_url": action_url,
        "action_label": action_label,
    }


@register.simple_tag
def badge(text, kind=""):
    """``{% badge _("Solved") "success" %}``: a small status label."""
    kind_class = f" badge--{kind}" if kind else ""
    return format_html('<span class="badge{}">{}</span>', kind_class, text)
