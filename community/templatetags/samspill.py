import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from community import navigation

register = template.Library()


# The header's navigation, the language choice and the footer depend on nothing but the
# language (and the current section): each is drawn once per process. Redrawing them was
# about a tenth of a member's forum topic page (bench/http.py). With DEBUG on they are
# drawn every time, so template edits show at once.


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The main navigation's list, with the current section marked."""
    request = context.get("request")
    path = request.path if request else ""
    current = tuple(
        path == entry.path or path.startswith(entry.path) for entry in navigation.entries()
    )
    draw = _main_nav.__wrapped__ if settings.DEBUG else _main_nav
    return draw(translation.get_language(), current, navigation.version())


@register.simple_tag
def once_per_language(template_name):
    """``{% once_per_language "components/site_footer.html" %}``: a template that uses
    no context at all, drawn once per language."""
    draw = _drawn.__wrapped__ if settings.DEBUG else _drawn
    return draw(template_name, translation.get_language())


@functools.lru_cache(maxsize=256)
def _main_nav(language, current, _version):
    links = [
        {"label": entry.label, "url": entry.path, "icon": entry.icon, "current": here}
        for entry, here in zip(navigation.entries(), current, strict=True)
    ]
    with translation.override(language):
        html = render_to_string("components/main_nav.html", {"links": links})
    return mark_safe(html)  # noqa: S308 - our template, escaped as it rendered


@functools.lru_cache(maxsize=64)
def _drawn(template_name, language):
    with translation.override(language):
        return mark_safe(render_to_string(template_name))  # noqa: S308 - as above


@register.filter
def get_item(mapping, key):
    """{{ my_dict|get_item:key }}: a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def clock(iso_time, zone_name=None):
    """HH:MM of an ISO timestamp in the given zone (default: the active one).

    Chat events carry UTC ISO times; slicing them printed UTC on the page."""
    import zoneinfo
    from datetime import datetime

    from django.utils import timezone

    try:
        moment = datetime.fromisoformat(str(iso_time))
        zone = zoneinfo.ZoneInfo(zone_name) if zone_name else timezone.get_current_timezone()
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return ""
    return timezone.localtime(moment, zone).strftime("%H:%M")


@register.filter
def export_kind(value) -> str:
    """ "dict", "list" or "" for the readable summary of a member's data export."""
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, list | tuple):
        return "list"
    return ""
