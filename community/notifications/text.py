"""Lazy "%"-formatting: `gettext_lazy("… %(x)s") % {...}` translates at once, in the
*sender's* (or cron's) language; `interpolate` waits until `notify` renders the text in
the recipient's.

A notification's body is often a post's Markdown (a reply, a mention): `render_body`
turns it into sanitised HTML for the list, with the same libraries as the forums
(markdown-it without raw HTML, then an nh3 allowlist), but a smaller list: no images,
headings or tables in a list of notices. `plain_text` is for sockets and mails.
"""

import nh3
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt


def _interpolate(message, params: dict) -> str:
    return str(message) % {key: str(value) for key, value in params.items()}


interpolate = lazy(_interpolate, str)

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")
_TAGS = {"p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}


def render_body(text: str) -> SafeString:
    """Markdown to HTML that is safe to show: nh3 drops every tag, attribute and URL
    scheme outside the allowlist (a `javascript:` link loses its href) even if the
    parser let one through."""
    html = nh3.clean(
        _md.render(text or ""),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )
    return mark_safe(html)  # noqa: S308 (cleaned by nh3 just above)


def plain_text(text: str) -> str:
    """The words of a Markdown text without any markup (for a toast or a mail)."""
    html = _md.render(text or "")
    return " ".join(nh3.clean(html, tags=set()).split())
