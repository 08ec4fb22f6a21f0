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
            "current": current == entry.path or current.startswith(entry.path),
        }
        for entry in navigation.entries()
    ]


@register.filter
def get_item(mapping, key):
    """{{ my_dict|get_item:key }}: a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None
