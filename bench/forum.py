"""A long forum topic under load: first, middle and last page of a 1,000-post topic by 50
members with reactions, and the category list, as a visitor and as a signed-in member,
against a bare Django view on the same Daphne server (the stack's ceiling).

    python -m bench.forum

Each case runs 5 times, alternating cases; the table shows medians. Figures are ratios
measured in one run; nothing here asserts a time.
"""

import random

from bench import common

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
    common.setup_django(fresh=True)
    from django.contrib.sessions.models import Session

    from forums.selectors import POSTS_PER_PAGE

    category, topic, member = seed()
    pages = -(-POSTS // POSTS_PER_PAGE)
    topic_url = f"/forums/t/{topic.pk}/"
    sessions_before = Session.objects.count()
    with common.server() as url:
        cookie = common.session_cookie(member)
        cases = {"bare view (ceiling)": ("/bench/bare/", None)}
        for who, c in (("visitor", None), ("member", cookie)):
            cases[f"topic first page, {who}"] = (topic_url, c)
            cases[f"topic middle page, {who}"] = (f"{topic_url}?page={pages // 2}", c)
            cases[f"topic last page, {who}"] = (f"{topic_url}?page={pages}", c)
            cases[f"category list, {who}"] = (f"/forums/c/{category.slug}/", c)
        summary = common.compare(url, cases, repeats=5, requests=150)
    common.print_table(summary, ceiling="bare view (ceiling)")
    new_sessions = Session.objects.count() - sessions_before - 1  # one made for the member
    print(f"\nNew sessions created by visitor page views: {new_sessions}")


if __name__ == "__main__":
    main()
