"""`manage.py seed_demo` builds a believable site, can run twice, and only with DEBUG on."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from community.members.demo import COMMUNITY
from community.members.models import User
from community.schools.models import School, SchoolMembership

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_is_idempotent_and_covers_every_role(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (User.objects.count(), School.objects.count(), SchoolMembership.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (
        User.objects.count(),
        School.objects.count(),
        SchoolMembership.objects.count(),
    ) == counts

    names = set(School.objects.values_list("municipality__name", flat=True))
    assert {
        "Bergen",
        "Lørenskog",
        "Gjøvik",
        "Trondheim",
        "Porsgrunn",
        "Ålesund",
        "Bærum",
        "Stavanger",
        "Herning",
    } <= names
    roles = set(SchoolMembership.objects.values_list("role", flat=True))
    assert roles == {"pupil", "teacher", "leader"}
    groups = set(User.objects.values_list("groups__name", flat=True))
    assert {"Organisers", "Community moderators", "Library editors"} <= groups
    assert client.login(email="astrid@demo.samspill.no", password="samspill-demo")
    assert client.get("/").status_code == 200

    # Courses: two with self-checks, one made from a past gathering, members at stages.
    from courses.learning.models import Completion, CoursePage, Enrolment

    courses = CoursePage.objects.live()
    assert courses.count() == 3
    assert courses.filter(source_gathering__isnull=False).count() == 1
    astrid = User.objects.get(email="astrid@demo.samspill.no")
    assert Completion.objects.filter(enrolment__member=astrid, revoked_at=None).exists()
    ingrid = Enrolment.objects.get(member__email="ingrid@demo.samspill.no")
    assert 0 < ingrid.lessons_done < ingrid.lessons_required and ingrid.last_lesson_id
    assert client.get("/courses/").status_code == 200

    # Practice: Astrid's pupils, an approved take, one waiting, feedback at moments;
    # Emil (no consent) has the assignment but no takes.
    from courses.practice.models import Take, TakeComment

    takes = Take.objects.filter(assignment__teacher=astrid)
    assert set(takes.values_list("status", flat=True)) == {"again", "approved", "waiting"}
    assert not takes.filter(pupil__email="emil@demo.samspill.no").exists()
    assert TakeComment.objects.filter(take__in=takes, at_seconds__gt=0).count() >= 3
    assert client.get("/practice/inbox/").content.decode().count("/practice/takes/") == 1

    # Believable at first sight (the same run: seeding twice is the slow part).
    _assert_forums_read_like_people(client)
    _assert_past_gathering_happened(client)


def _assert_forums_read_like_people(client):
    """Every post is its own words, and every quote is a paragraph its author wrote
    earlier in the same topic, rendered as a quote."""
    import re

    from django.db.models import Count

    from forums.models import Post, Topic

    assert Topic.objects.filter(category__read_audience="everyone").count() >= 20
    repeated = Post.objects.values("body").annotate(n=Count("pk")).filter(n__gt=1)
    assert not repeated.exists(), list(repeated[:3])
    quotes = Post.objects.filter(body__startswith="> **").select_related("topic")
    assert quotes.count() >= 15
    for post in quotes:
        name, quoted = re.match(r"> \*\*(.+?):\*\*\n((?:>.*\n)+)\n", post.body).groups()
        text = "\n".join(line[2:] for line in quoted.splitlines())
        earlier = Post.objects.filter(
            topic=post.topic, number__lt=post.number, author__display_name=name
        )
        assert any(e.body.startswith(text) for e in earlier), (post.topic.title, text)
        assert post.body_html.startswith("<blockquote>") and "&gt;" not in post.body_html
    # Danish colleagues write too.
    assert Post.objects.filter(author__email__endswith=".dk").count() >= 6
    # The first unread page a newcomer opens renders.
    assert client.get("/forums/").status_code == 200


def _assert_past_gathering_happened(client):
    from community.chat.models import Message, Question
    from community.gatherings.models import GatheringPage, Registration
    from community.members.models import User
    from forums.models import Post

    past = GatheringPage.objects.get(slug="skole-pluss-kulturskole-2024")
    assert past.end < timezone.now()
    came = Registration.objects.filter(gathering=past, status="confirmed")
    assert came.count() >= 10
    assert set(came.values_list("mode", flat=True)) == {"on-site", "online"}
    assert came.filter(checked_in_at__isnull=False, mode="on-site").count() >= 4
    places = set(came.values_list("user__memberships__school__municipality__name", flat=True))
    assert len(places) >= 8
    assert Message.objects.filter(room__gathering=past).count() >= 15
    assert Question.objects.filter(room__gathering=past, answered_at__isnull=False).count() >= 3
    transcript = Post.objects.get(topic__category_id=past.exchange_category_id, number__gt=1)
    assert "**Lars Lie**" in transcript.body and "<h2>" in transcript.body_html
    # Colleagues with names, schools and municipalities (their initials come from there).
    colleagues = User.objects.filter(email__in=[e for e, *_ in COMMUNITY.values()])
    assert colleagues.count() == len(COMMUNITY)
    assert all(" " in user.display_name for user in colleagues)
    assert colleagues.filter(memberships__isnull=True).count() == 0
    # The organiser sees who came from where as a chart.
    client.force_login(past.organisers.first())
    html = client.get(f"/gatherings/{past.pk}/participants/").content.decode()
    assert 'id="registrations-chart"' in html and "Lørenskog" in html
