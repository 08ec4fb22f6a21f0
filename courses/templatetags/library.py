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


# One icon per media type, so a card says at a glance what the resource holds.
MEDIA_ICONS = {
    "score": "musical-note",
    "audio": "speaker-wave",
    "video": "film",
    "image": "photo",
    "text": "document-text",
}


@register.filter
def media_kinds(resource) -> list[dict]:
    """[{"value", "label", "icon"}] for each media type of a resource page."""
    from courses.models import MediaType

    return [
        {
            "value": value,
            "label": MediaType(value).label,
            "icon": MEDIA_ICONS.get(value, "document"),
        }
        for value in resource.media_types()
    ]


@register.filter
def downloads(page) -> list[dict]:
    """The files of a page's body that can be downloaded, in page order, for the side
    column: [{"title", "document", "kind"}]."""
    found = []
    for block in page.body:
        value = block.value
        if block.block_type == "document" and value.get("document"):
            title = value.get("title") or value["document"].title
            found.append({"title": title, "document": value["document"], "kind": "document"})
        elif block.block_type == "audio" and value.get("audio"):
            found.append({"title": value.get("title"), "document": value["audio"], "kind": "audio"})
    return found
