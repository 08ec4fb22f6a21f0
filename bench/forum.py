"""A long forum topic under load: first, middle and last page of a 1,000-post topic by 50
members with reactions, and the category list, as a visitor and as a signed-in member,
on the peers' yardstick (bench/yardstick.py: gunicorn sync ×2 and wrk, against a plain
Django trivial view in its own gunicorn). bench/http.py measures the peers' 200-post
topic; this one the long topic. It also counts the sessions the page views created
(a visitor's view must create none).

    python -m bench.forum [--duration 3 --reps 1]

Figures are ratios measured in one run; nothing here asserts a time.
"""

import random

from bench import common, yardstick

POSTS = 1000
MEMBERS = 50


def seed():
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("seed_demo", "--quiet-logins")

    from django.utils import timezone

    from community.members.models import User
    from forums.markup import render_markdown
    from forums.models import Audience, Category, Post, Reaction, ReactionKind, Topic

    category = Category.objects.filter(read_audience=Audience.EVERYONE).order_by("pk").first()
    members = User.objects.bulk_create(
        User(email=f"forum{i}@example.org", display_name=f"Medlem {i}", password="!")  # noqa: S106
        for i in range(MEMBERS)
    )
    rng = random.Random(7)
    topic = Topic.objects.create(
        category=category,
        title="Lang tråd: øvingsrutiner",
        author=members[0],
        last_post_author=members[0],
        last_post_at=timezone.now(),
    )
    bodies = [
        "Vi bruker **fast** øvetid hver dag.",
        "Prøv [denne guiden](/forums/) – den hjalp oss.",
        "> Godt spørsmål\n\nVi deler elevene i grupper.",
        "- skala\n- etyde\n- stykke",
    ]
    posts = [
        Post(
            topic=topic,
            number=n,
            author=members[n % MEMBERS],
            body=bodies[n % 4],
            body_html=render_markdown(bodies[n % 4]),
            reaction_counts={},
        )
        for n in range(1, POSTS + 1)
    ]
    Post.objects.bulk_create(posts)
    posts = list(Post.objects.filter(topic=topic).order_by("number"))
    reactions = []
    kinds = list(ReactionKind.values)
    for post in posts:
        for member in rng.sample(members, rng.randint(0, 5)):
            kind = rng.choice(kinds)
            reactions.append(Reaction(post=post, user=member, kind=kind))
            post.reaction_counts[kind] = post.reaction_counts.get(kind, 0) + 1
    Post.objects.bulk_update(posts, ["reaction_counts"])
    Reaction.objects.bulk_create(reactions, ignore_conflicts=True)
    topic.last_number = topic.post_count = POSTS
    topic.last_post_author = members[-1]
    topic.save()
    return category, topic, members[1]


def main():
    sessions = {}

    def cases():  # runs once Django is set up (yardstick.run)
        from django.contrib.sessions.models import Session

        from forums.selectors import POSTS_PER_PAGE

        category, topic, member = seed()
        pages = -(-POSTS // POSTS_PER_PAGE)
        topic_url = f"/forums/t/{topic.pk}/"
        cookie = f"{common.session_cookie(member)}; csrftoken={'c' * 32}"
        sessions["before"] = Session.objects.count()
        found = {}
        for who, c in (("visitor", None), ("member", cookie)):
            found[f"topic first page, {who}"] = (topic_url, c)
            found[f"topic middle page, {who}"] = (f"{topic_url}?page={pages // 2}", c)
            found[f"topic last page, {who}"] = (f"{topic_url}?page={pages}", c)
            found[f"category list, {who}"] = (f"/forums/c/{category.slug}/", c)
        return found

    yardstick.run(f"A {POSTS}-post topic", cases, __doc__)
    from django.contrib.sessions.models import Session

    print(f"\nNew sessions created by page views: {Session.objects.count() - sessions['before']}")


if __name__ == "__main__":
    main()
