"""Small helpers for course templates."""

from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping[key] or None: a lesson's self-checks and resources by id."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def resource_id(value):
    page = value.get("page") if hasattr(value, "get") else None
    return getattr(page, "pk", page)
