"""The practice room at scale, in one run:

1. A 5 MB take fetched in 256 KiB range requests (what a player sends to seek) from the
   checked media view on gunicorn (session, access check, 206) against WhiteNoise alone
   on gunicorn serving the same file (no checks): bytes per second and the ratio.
2. The teacher's inbox with 300 pupils' takes waiting, on the peers' yardstick
   (bench/yardstick.py).

    python -m bench.practice [--duration 3 --reps 1]

Figures are ratios measured in one run; nothing here asserts a time.
"""

import http.client
import os
import statistics
import time
from pathlib import Path

from bench import common, yardstick
from bench.http import Gunicorn

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
    # Inherited by the gunicorns: Samspill reads takes from here, the static server too.
    os.environ["DJANGO_MEDIA_ROOT"] = str(MEDIA)
    os.environ["BENCH_STATIC_ROOT"] = str(MEDIA)
    args = yardstick.arguments(__doc__.splitlines()[0])
    common.setup_django(fresh=True)
    teacher, pupil, big = seed()
    path = f"/media/{big.file.name}"
    teacher_cookie = f"{common.session_cookie(teacher)}; csrftoken={'c' * 32}"
    cases = {f"inbox, {PUPILS} takes waiting": ("/practice/inbox/", teacher_cookie)}
    started = []
    try:
        static = Gunicorn("static", "bench.plain.static_wsgi:application", "bench.plain.settings")
        started.append(static)
        started.extend(yardstick.servers())
        static.wait_ready("/media/" + big.file.name)
        plain_files = ranged_throughput(static.base, path, None)
        checked = ranged_throughput(started[2].base, path, common.session_cookie(pupil))
        rows = yardstick.measure(*started[1:], cases, duration=args.duration, reps=args.reps)
    finally:
        for server in started:
            server.stop()
    print(f"5 MB take in {CHUNK // 1024} KiB ranges, {PASSES} passes (median), one connection:")
    print(f"  static files (WhiteNoise alone on gunicorn):  {plain_files['mb_per_s']:8.1f} MB/s")
    print(f"  checked media view (Samspill on gunicorn):    {checked['mb_per_s']:8.1f} MB/s")
    print(
        "  ratio checked / static:                       "
        f"{checked['mb_per_s'] / plain_files['mb_per_s']:8.3f}"
    )
    yardstick.print_table("The teacher's inbox", rows, duration=args.duration, reps=args.reps)


if __name__ == "__main__":
    main()
