"""The member's start page and a 50-topic list against the bare view, on the HTTP
bench's machinery (bench/http.py: gunicorn sync ×2, wrk, the plain Django ceiling).

    python -m bench.start                 # SQLite, 3 s per wrk run
    python -m bench.start --duration 5 --reps 3

Cases: the start page of a member with 20 followed topics (all with unread replies),
5 registrations and 3 courses; a category list of 50 topics for that member and for a
visitor; the Samspill stack's trivial view. Per case: req/s, × ceiling (req/s ÷ the
plain trivial view's req/s in the same repetition), × bare (÷ the Samspill stack's
trivial view), CPU ms per request and the queries of one warm request.
Nothing here asserts a time.
"""

import argparse
import statistics
import sys
from datetime import timedelta

from bench import common
from bench.http import ROOT, Gunicorn, load, probe, queries_and_writes


def seed() -> dict:
    from django.utils import timezone

    from courses.learning import build
    from courses.learning import services as learning_services
    from forums import services as forum_services
    from forums.models import Audience
    from tests.factories.community import UserFactory
    from tests.factories.forums import CategoryFactory, TopicFactory
    from tests.factories.gatherings import build_gathering, register

    member = UserFactory(display_name="Astrid Bench", email="astrid@bench.example")
    other = UserFactory(display_name="Kari Bench", email="kari@bench.example")
    followed = CategoryFactory(slug="folgt", read_audience=Audience.EVERYONE)
    for n in range(20):
        topic = TopicFactory(category=followed, author=other, title=f"Fulgt emne {n}", posts=2)
        forum_services.topic_follow(user=member, topic=topic, follow=True)
        forum_services.read_state_update(user=member, topic=topic, number=1)
    listing = CategoryFactory(slug="femti", read_audience=Audience.EVERYONE)
    for n in range(50):
        topic = TopicFactory(category=listing, author=other, title=f"Emne {n}", posts=3)
        if n % 2:
            forum_services.read_state_update(user=member, topic=topic, number=2)
    for n in range(5):
        gathering = build_gathering(
            title=f"Samling {n}", start=timezone.now() + timedelta(days=3 + n), hours=4
        )
        register(gathering, member)
    for n in range(3):
        course = build.course_create(
            title=f"Kurs {n}",
            summary="Ett modul.",
            author_name="Lærer",
            modules=[(f"Modul {n}", [{"title": f"Leksjon {n}", "body": []}])],
        )
        course.save_revision().publish()
        course.refresh_from_db()
        learning_services.enrolment_create(course=course, member=member)
    cookie = f"{common.session_cookie(member)}; csrftoken={'c' * 32}"
    return {
        "start page, member (20 follows, 5 reg., 3 courses)": ("/", cookie),
        "front page, visitor": ("/", None),
        "topic list of 50 topics, member": ("/forums/c/femti/", cookie),
        "topic list of 50 topics, visitor": ("/forums/c/femti/", None),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    servers = []
    try:
        common.setup_django(fresh=True)
        cases = seed()
        plain = Gunicorn("plain", "bench.plain.wsgi:application", "bench.plain.settings")
        samspill = Gunicorn("samspill", "bench.wsgi:application", "bench.settings")
        servers = [plain, samspill]
        plain.wait_ready("/ceiling/")
        samspill.wait_ready("/bench/bare/")
        targets = {
            "plain Django trivial view (ceiling)": (plain, "/ceiling/", None),
            "Samspill stack, trivial view (bare)": (samspill, "/bench/bare/", None),
        }
        targets.update({name: (samspill, *case) for name, case in cases.items()})
        counts = {}
        for name, (server, path, cookie) in targets.items():  # warm up, count queries once
            load(server, path, cookie, 1)
            counts[name] = queries_and_writes(path, cookie)[0] if server is samspill else 0
        runs = {name: [] for name in targets}
        for rep in range(args.reps):
            order = list(targets) if rep % 2 == 0 else list(targets)[::-1]
            for name in order:
                server, path, cookie = targets[name]
                runs[name].append(load(server, path, cookie, args.duration))
            ceiling = runs["plain Django trivial view (ceiling)"][-1]["rps"]
            bare = runs["Samspill stack, trivial view (bare)"][-1]["rps"]
            for name in order:
                result = runs[name][-1]
                result["ratio"] = result["rps"] / ceiling if ceiling else 0.0
                result["bare"] = result["rps"] / bare if bare else 0.0
        statuses = {name: probe(*targets[name])[0] for name in targets}
    finally:
        for server in servers:
            server.stop()
    print(
        f"\nStart page and topic lists (SQLite, local-memory cache): gunicorn sync ×2, "
        f"wrk -t1 -c8 {args.duration}s, {args.reps} repetition(s), medians"
    )
    print(f"| {'case':52} | {'req/s':>7} | {'× ceiling':>9} | {'× bare':>6} "
          f"| {'CPU ms/req':>10} | {'queries':>7} | {'statuses':>8} |")  # fmt: skip
    print("|" + "|".join("-" * w for w in (54, 9, 11, 8, 12, 9, 10)) + "|")
    for name, results in runs.items():
        status = ",".join(f"{k}×{v}" for k, v in sorted(statuses[name].items()))
        print(
            f"| {name:52} | {statistics.median(r['rps'] for r in results):7.1f} "
            f"| {statistics.median(r['ratio'] for r in results):9.3f} "
            f"| {statistics.median(r['bare'] for r in results):6.3f} "
            f"| {statistics.median(r['cpu_ms'] or 0 for r in results):10.2f} "
            f"| {counts[name]:7d} | {status:>8} |"
        )


if __name__ == "__main__":
    main()
