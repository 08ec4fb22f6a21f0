"""Checks on uploaded files: the content must match the name, and size is capped.

Images go through Wagtail's own checks (format sniffed from the content, size and
pixel limits from WAGTAILIMAGES_MAX_UPLOAD_SIZE / _MAX_IMAGE_PIXELS, no SVG); this
module adds the same care for documents, audio and video.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

AUDIO_EXTENSIONS = {"mp3", "ogg", "wav", "m4a"}
VIDEO_EXTENSIONS = {"mp4", "webm"}
DOCUMENT_EXTENSIONS = {"pdf", "docx", "odt", "musicxml", "mxl", "mid"}
ALL_EXTENSIONS = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS | DOCUMENT_EXTENSIONS


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _looks_like(extension: str, head: bytes) -> bool:
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "mp3":
        return head.startswith(b"ID3") or (
            len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
        )
    if extension == "ogg":
        return head.startswith(b"OggS")
    if extension == "wav":
        return head.startswith(b"RIFF") and head[8:12] == b"WAVE"
    if extension in {"m4a", "mp4"}:
        return head[4:8] == b"ftyp"
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if extension in {"docx", "odt", "mxl"}:
        return head.startswith(b"PK\x03\x04")
    if extension == "mid":
        return head.startswith(b"MThd")
    if extension == "musicxml":
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return text.startswith((b"<?xml", b"<score-partwise", b"<score-timewise", b"<!DOCTYPE"))
    return False


def validate_library_file(uploaded, allowed: set[str] | None = None) -> None:
    """Raise ValidationError (in the user's language) unless the file is what it claims."""
    allowed = allowed or ALL_EXTENSIONS
    extension = extension_of(uploaded.name)
    if extension not in allowed:
        raise ValidationError(
            _("Files of type “%(type)s” cannot be uploaded. Allowed: %(allowed)s.")
            % {"type": extension or "?", "allowed": ", ".join(sorted(allowed))}
        )
    limit = settings.SAMSPILL_LIBRARY_MAX_FILE_SIZE
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(64)
    uploaded.seek(position)
    if not _looks_like(extension, head):
        raise ValidationError(
            _("The file does not look like a %(type)s file. Check that you chose the right file.")
            % {"type": extension.upper()}
        )
