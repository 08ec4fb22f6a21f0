from django import template

from community import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav_links(context):
    request = context.get("request")
    current = request.path if request else ""
    return [
        {
            "label": entry.label,
            "url": entry.path,
            "icon": entry.icon,
            "current": current == entry.path or current.startswith(entry.path),
        }
        for entry in navigation.entries()
    ]


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
