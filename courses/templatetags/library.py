"""Image and file addresses on library pages.

A public page's images use ordinary rendition files (cacheable, fast). Pages for
members or teachers get addresses of permission-checked views, so nobody reaches
their images or files by copying a link.
"""

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from courses.audience import Audience

register = template.Library()


def _is_public(page) -> bool:
    return (
        page is None
        or not getattr(page, "pk", None)
        or (page.live and getattr(page, "audience", Audience.PUBLIC) == Audience.PUBLIC)
    )


@register.simple_tag
def library_image_url(image, spec: str, page=None) -> str:
    if image is None:
        return ""
    if _is_public(page):
        return image.get_rendition(spec).url
    return reverse("courses:image", args=[page.pk, image.pk, spec])


@register.simple_tag
def library_file_url(document, page=None, download: bool = False) -> str:
    if document is None:
        return ""
    if page is None or not getattr(page, "pk", None):
        return document.url
    url = reverse("courses:document", args=[page.pk, document.pk])
    return f"{url}?download=1" if download else url


@register.filter
def file_size(document) -> str:
    try:
        return filesizeformat(document.get_file_size() or 0)
    except (OSError, ValueError):
        return ""


@register.filter
def grouped_blocks(body):
    """Consecutive numbered steps in one list: [("steps", [b, b]), ("block", b), ...]."""
    groups: list = []
    for block in body:
        if block.block_type == "step":
            if groups and groups[-1][0] == "steps":
                groups[-1][1].append(block)
            else:
                groups.append(("steps", [block]))
        else:
            groups.append(("block", block))
    return groups
