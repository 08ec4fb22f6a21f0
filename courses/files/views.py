"""Everything under MEDIA_URL goes through here, in `make run` and in production alike:
originals, renditions and documents are checked like the pages that use them. A proxy
may take the file transfer over (X-Accel-Redirect, see docs/deployment.md)."""

import mimetypes
import posixpath
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from community.storage import stored_file_response
from courses.models import FileUse

from . import selectors

INLINE_TYPES = {"application/pdf", "audio/mpeg", "audio/ogg", "audio/wav", "audio/x-wav"}
INLINE_TYPES |= {"audio/mp4", "video/mp4", "video/webm", "image/png", "image/jpeg", "image/webp"}
INLINE_TYPES |= {"audio/webm"}
PUBLIC_MAX_AGE = 7 * 24 * 3600
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
        response["Accept-Ranges"] = "bytes"
    else:
        # From the disk or the bucket alike (community/storage.py: why never a bucket URL).
        response = stored_file_response(
            request,
            default_storage,
            name,
            content_type=content_type,
            as_attachment=content_type not in INLINE_TYPES,
            filename=PurePath(name).name,
        )
    # A file never runs as a page of this site, whatever it contains.
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, max-age=600"
    )
    if not public:
        response["Vary"] = "Cookie"
    return response
