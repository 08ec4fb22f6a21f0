"""The member's start page and a 50-topic list against the bare view, on the HTTP
bench's yardstick (bench/yardstick.py: gunicorn sync ×2, wrk, the plain Django ceiling).

    python -m bench.start                 # SQLite, 3 s per wrk run
    python -m bench.start --duration 5 --reps 3

Cases: the start page of a member with 20 followed topics (all with unread replies),
5 registrations and 3 courses; a category list of 50 topics for that member and for a
visitor; the Samspill stack's trivial view. Per case: req/s, × ceiling (req/s ÷ the
plain trivial view's req/s in the same repetition), × bare (÷ the Samspill stack's
trivial view), CPU ms per request and the queries of one warm request.
Nothing here asserts a time.
"""

from datetime import timedelta

from bench import common, yardstick


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
    yardstick.run("Start page and topic lists (SQLite, local-memory cache)", seed, __doc__)


if __name__ == "__main__":
    main()
