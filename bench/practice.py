"""The practice room at scale, in one run:

1. A 5 MB take fetched in 256 KiB range requests (what a player sends to seek) from the
   checked media view on Daphne (session, access check, 206) against a static file
   server on the same machine (WhiteNoise on wsgiref, no checks): bytes per second and
   the ratio.
2. The teacher's inbox with 300 pupils' takes waiting, against the bare view.

    python -m bench.practice

Figures are ratios measured in one run; nothing here asserts a time.
"""

import http.client
import os
import statistics
import threading
import time
from pathlib import Path

from bench import common

PUPILS = 300
TAKE_BYTES = 5 * 1024 * 1024
CHUNK = 256 * 1024
PASSES = 5
MEDIA = Path(__file__).resolve().parent / ".media"


def seed():
    import datetime

    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    from community.members.models import User
    from community.schools.models import County, Municipality, School, SchoolMembership
    from courses.practice.models import Assignment, Take

    county = County.objects.first()
    municipality = Municipality.objects.create(name="Bergen", slug="bergen", county=county)
    school = School.objects.create(
        name="Bergen kulturskole", slug="bergen", municipality=municipality
    )
    teacher = User.objects.create(email="laerer@example.org", display_name="Lærer")
    SchoolMembership.objects.create(user=teacher, school=school, role="teacher")
    with transaction.atomic():
        pupils = User.objects.bulk_create(
            User(email=f"elev{n}@example.org", display_name=f"Elev {n}", age_band="over")
            for n in range(PUPILS)
        )
        SchoolMembership.objects.bulk_create(
            SchoolMembership(
                user=u, school=school, role="pupil", consent_recorded_at=timezone.now()
            )
            for u in pupils
        )
        assignment = Assignment.objects.create(school=school, teacher=teacher, title="Vårsang")
        assignment.pupils.set(pupils)
        now = timezone.now()
        Take.objects.bulk_create(
            Take(assignment=assignment, pupil=u, school=school, file=f"practice/takes/{n}.webm",
                 status="waiting", handed_in_at=now - datetime.timedelta(minutes=n),
                 delete_after=datetime.date(2030, 7, 31))
            for n, u in enumerate(pupils)
        )  # fmt: skip
    big = Take(
        assignment=assignment, pupil=pupils[0], school=school, size=TAKE_BYTES,
        delete_after=datetime.date(2030, 7, 31),
    )  # fmt: skip
    big.file.save("take.wav", ContentFile(os.urandom(TAKE_BYTES)), save=True)
    return teacher, pupils[0], big


def static_server(root: Path):
    """WhiteNoise (it answers Range requests) on a threaded wsgiref server."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from whitenoise import WhiteNoise

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Threaded(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    def not_found(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b""]

    app = WhiteNoise(not_found, root=str(root), prefix="/media/", autorefresh=False)
    port = common.free_port()
    server = make_server("127.0.0.1", port, app, server_class=Threaded, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


def ranged_throughput(base_url: str, path: str, cookie: str | None) -> dict:
    """Fetch the whole file PASSES times in CHUNK-sized ranges over one keep-alive
    connection; check every answer is a 206 with exactly the asked bytes."""
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Connection": "keep-alive"}
    if cookie:
        headers["Cookie"] = cookie
    rates, statuses = [], {}
    for _ in range(PASSES):
        received, start = 0, time.perf_counter()
        for first in range(0, TAKE_BYTES, CHUNK):
            last = min(first + CHUNK, TAKE_BYTES) - 1
            conn.request("GET", path, headers={**headers, "Range": f"bytes={first}-{last}"})
            response = conn.getresponse()
            body = response.read()
            statuses[response.status] = statuses.get(response.status, 0) + 1
            assert response.status == 206 and len(body) == last - first + 1, response.status
            received += len(body)
        rates.append(received / (time.perf_counter() - start))
    conn.close()
    return {"mb_per_s": statistics.median(rates) / 1e6, "statuses": statuses}


def main():
    MEDIA.mkdir(exist_ok=True)
    for old in (MEDIA / "practice" / "takes").glob("*") if (MEDIA / "practice").exists() else []:
        old.unlink()
    os.environ["DJANGO_MEDIA_ROOT"] = str(MEDIA)
    common.setup_django(fresh=True)
    teacher, pupil, big = seed()
    path = f"/media/{big.file.name}"
    static, static_url = static_server(MEDIA)
    try:
        with common.server() as url:
            pupil_cookie = common.session_cookie(pupil)
            teacher_cookie = common.session_cookie(teacher)
            checked = ranged_throughput(url, path, pupil_cookie)
            plain = ranged_throughput(static_url, path, None)
            summary = common.compare(
                url,
                {
                    "bare view (ceiling)": ("/bench/bare/", None),
                    f"inbox, {PUPILS} takes waiting": ("/practice/inbox/", teacher_cookie),
                },
                repeats=5,
                requests=60,
            )
    finally:
        static.shutdown()
    print(f"5 MB take in {CHUNK // 1024} KiB ranges, {PASSES} passes (median):")
    print(f"  static file server (WhiteNoise/wsgiref): {plain['mb_per_s']:8.1f} MB/s")
    print(f"  checked media view on Daphne:            {checked['mb_per_s']:8.1f} MB/s")
    print(
        f"  ratio checked / static:                  {checked['mb_per_s'] / plain['mb_per_s']:8.3f}"
    )
    print()
    common.print_table(summary, ceiling="bare view (ceiling)")


if __name__ == "__main__":
    main()
