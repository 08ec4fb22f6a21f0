"""Everything under MEDIA_URL goes through here, in `make run` and in production alike:
originals, renditions and documents are checked like the pages that use them. A proxy
may take the file transfer over (X-Accel-Redirect, see docs/deployment.md)."""

import mimetypes
import posixpath
import re
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from courses.models import FileUse

from . import selectors

INLINE_TYPES = {"application/pdf", "audio/mpeg", "audio/ogg", "audio/wav", "audio/x-wav"}
INLINE_TYPES |= {"audio/mp4", "video/mp4", "video/webm", "image/png", "image/jpeg", "image/webp"}
INLINE_TYPES |= {"audio/webm"}
PUBLIC_MAX_AGE = 7 * 24 * 3600
CHUNK = 1024 * 1024  # fewer, larger body messages: each one is a hop through the ASGI handler
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
PRACTICE_TYPES = {".webm": "audio/webm", ".m4a": "audio/mp4", ".ogg": "audio/ogg"}


def _lookup(name: str):
    top = name.split("/", 1)[0]
    if top in {"images", "original_images"}:
        image, _original = selectors.image_for_media_path(name)
        return FileUse.Kind.IMAGE, image
    if top == "documents":
        return FileUse.Kind.DOCUMENT, selectors.document_for_media_path(name)
    if top == "practice":
        from courses.practice.selectors import take_for_media_path

        return selectors.TAKE, take_for_media_path(name)
    # Other uploads (if any) have their own checked views; nothing is served blindly.
    return None, None


def _ranged(request, handle, content_type):
    """A 206 with the asked bytes for `Range: bytes=a-b` (one range: what audio and video
    players send to seek), a 416 for a range past the end; None for a whole file."""
    header = request.headers.get("Range", "")
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    size = handle.size
    first, last = match.groups()
    if first == "":  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle.seek(start)

    def chunks(remaining=end - start + 1):
        try:
            while remaining > 0:
                data = handle.read(min(CHUNK, remaining))
                if not data:
                    break
                remaining -= len(data)
                yield data
        finally:
            handle.close()

    response = StreamingHttpResponse(chunks(), status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def media(request, path: str):
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "..")):
        raise Http404
    kind, obj = _lookup(name)
    if obj is None:
        raise Http404
    public = selectors.file_is_public(kind, obj)
    if not public and not selectors.file_readable(request.user, kind, obj):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("This file belongs to a page you do not have access to."))
    content_type = (
        PRACTICE_TYPES.get(PurePath(name).suffix.lower())
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )
    accel = settings.SAMSPILL_MEDIA_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + name
    else:
        try:
            handle = default_storage.open(name, "rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404 from exc
        response = _ranged(request, handle, content_type)
    if response is None:
        response = FileResponse(
            handle,
            content_type=content_type,
            as_attachment=content_type not in INLINE_TYPES,
            filename=PurePath(name).name,
        )
    response["Accept-Ranges"] = "bytes"
    # A file never runs as a page of this site, whatever it contains.
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, max-age=600"
    )
    if not public:
        response["Vary"] = "Cookie"
    return response
