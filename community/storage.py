"""Uploads on S3-compatible object storage (django-storages), served like the local disk.

Nothing in the bucket ever gets an address outside this site. Every file is streamed
through the permission-checked views (courses/files/views.py, the data-archive download)
rather than handed out as a signed URL, because:
- the site's Content-Security-Policy allows media and images only from 'self' and no page
  may make a request to another host; a signed bucket URL would be one;
- a signed URL works for whoever holds it until it expires, so a pupil's recording
  forwarded or left in a history would outlive a withdrawn permission; a check per request
  does not;
- our own headers stay on every file (`sandbox` CSP, Content-Disposition, Cache-Control).
The price is that the bytes pass through Daphne or gunicorn; ranges are fetched from the
bucket as ranges, so seeking in a long recording never downloads the whole object.
"""

import re
from collections.abc import Iterator

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import Storage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.encoding import filepath_to_uri
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# Fewer, larger body messages: each one is a hop through the ASGI handler.
CHUNK = 1024 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class MediaStorage(S3Storage):
    """Uploads (images, renditions, documents, takes) under the bucket's media/ prefix.

    `url()` is the site's own /media/ address, as on the disk, so templates and Wagtail's
    renditions point at the permission check, never at the bucket. Names are never
    overwritten (like FileSystemStorage): two uploads called t.png must not share an object.
    Objects get no ACL of their own, so they stay as private as the bucket (no public-read).
    """

    file_overwrite = False
    default_acl = None
    querystring_auth = True

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)

    def size(self, name):
        try:
            return super().size(name)
        except ClientError as exc:  # a missing object is a missing file, as on the disk
            raise FileNotFoundError(name) from exc

    def read_range(self, name: str, start: int, end: int | None) -> Iterator[bytes]:
        """Bytes start..end (inclusive; None: to the end) fetched as one ranged GET."""
        key = self._normalize_name(clean_name(name))
        wanted = f"bytes={start}-" + ("" if end is None else str(end))
        body = self.bucket.Object(key).get(Range=wanted)["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()


class PrivateStorage(MediaStorage):
    """Data archives under the bucket's private/ prefix: no address at all."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private files are served only by their own views.")


def read_range(storage: Storage, name: str, start: int, end: int | None) -> Iterator[bytes]:
    """The bytes of a stored file from start to end (inclusive), in chunks, from the disk
    or the bucket alike."""
    if isinstance(storage, MediaStorage):
        yield from storage.read_range(name, start, end)
        return
    with storage.open(name, "rb") as handle:
        handle.seek(start)
        remaining = None if end is None else end - start + 1
        while remaining is None or remaining > 0:
            data = handle.read(CHUNK if remaining is None else min(CHUNK, remaining))
            if not data:
                break
            if remaining is not None:
                remaining -= len(data)
            yield data


def _asked_range(request, size: int) -> tuple[int, int] | None | bool:
    """(start, end) for one `Range: bytes=a-b` (what audio and video players send to
    seek), None for the whole file, False for a range past the end."""
    match = RANGE.match(request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return False
    return start, end


def stored_file_response(
    request, storage: Storage, name: str, *, content_type: str, as_attachment: bool, filename: str
):
    """The stored file as a response, from the disk or the bucket: 200 with the whole
    file, 206 with one asked range, 416 for a range past the end; Http404 if it is gone.
    The caller has checked who may have it."""
    try:
        size = storage.size(name)
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    asked = _asked_range(request, size)
    if asked is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif asked is None and not isinstance(storage, MediaStorage):
        response = FileResponse(
            storage.open(name, "rb"),
            content_type=content_type,
            as_attachment=as_attachment,
            filename=filename,
        )
    else:
        start, end = asked or (0, size - 1)
        response = StreamingHttpResponse(
            read_range(storage, name, start, end),
            status=206 if asked else 200,
            content_type=content_type,
        )
        response["Content-Length"] = str(end - start + 1)
        if asked:
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
        disposition = content_disposition_header(as_attachment, filename)
        if disposition:
            response["Content-Disposition"] = disposition
    response["Accept-Ranges"] = "bytes"
    return response
