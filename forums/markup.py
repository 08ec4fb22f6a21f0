"""Markdown to safe HTML, once, when a post is saved.

markdown-it-py with raw HTML off does the parsing; nh3 (ammonia) then enforces an
allowlist, so even a parser bug cannot let a script, an event attribute or a
`javascript:` link through. Images must come from the site's own uploads.
"""

import re

import nh3
from django.conf import settings
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_ALIGN = re.compile(r"^text-align:(left|right|center)$")


def _own_upload(src: str) -> bool:
    """Only the site's own image renditions (`/media/images/<file>`): one plain file
    name, so neither `..`, a query string nor an encoded character can point an image
    at another address of the site (an image of `/media/../language/?language=da`
    changed the viewer's language), an original or a restricted document."""
    site = re.escape(settings.SITE_URL.rstrip("/"))
    media = re.escape(settings.MEDIA_URL)
    return re.fullmatch(rf"(?:{site})?{media}images/[\w\-]+(?:\.[\w\-]+)*", src) is not None


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _own_upload(value) else None
    if attribute == "style":
        # markdown-it aligns table cells with style; keep only that.
        return value if _ALIGN.match(value.replace(" ", "")) else None
    return value


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    # Headings start at h2: the page's one h1 is the topic title.
    html = _md.render(text)
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    # An image whose src was dropped is useless; nh3 keeps <img alt> which is harmless.
    return mark_mentions(sanitise(html))


# The same handle rule as the mention notices (forums/services.py).
_MENTION_TEXT = re.compile(r"(?<![\w@&#])@([\w][\w.\-]{1,59})")
_TAG = re.compile(r"(<[^>]+>)")
_VERBATIM = {"code", "pre", "a"}


def mark_mentions(html: str) -> str:
    """Wrap @names in already sanitised HTML in `<span class="mention">`, so a mention
    stands out; never inside code, preformatted text or a link. Members have no public
    profile page, so a mention is highlighted text, not a link. The wrapper is added
    after nh3 and only around word characters, so it cannot carry markup in."""
    out, verbatim = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in _VERBATIM and not part.endswith("/>"):
                verbatim += -1 if part.startswith("</") else 1
            out.append(part)
        elif verbatim <= 0 and "@" in part:
            out.append(_MENTION_TEXT.sub(r'<span class="mention">@\1</span>', part))
        else:
            out.append(part)
    return "".join(out)


def quote_markdown(author: str, text: str) -> str:
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    return f"> **{author}:**\n{quoted}\n\n"
