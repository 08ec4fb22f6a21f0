"""Erasure leaves no name or e-mail address anywhere: every table and column of the
database is searched after a member with posts, replies, reactions, a draft, a
registration, a library page with revisions and notifications to others is erased.
Posts follow one rule (forums/erasure.py): unanswered ones are removed, answered ones
stay as "Former member"."""

import pytest
from django.db import connection

from community.members.services import member_erase
from community.notifications.models import Notification
from community.notifications.services import notify
from forums.models import Draft, Post, Reaction, Subscription, Topic
from tests.factories.community import MembershipFactory, UserFactory
from tests.factories.courses import resource
from tests.factories.forums import CategoryFactory, PostFactory, TopicFactory
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Zyxwina Prøvesen", "zyxwina.provesen@skole.example"


def _tables_mentioning(*marks) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (our own table names)
            for row in cursor.fetchall():
                text = " ".join(str(cell) for cell in row if isinstance(cell, str | bytes))
                if any(mark.lower() in text.lower() for mark in marks):
                    found.append(table)
                    break
    return found


def test_erasure_leaves_no_name_or_email_in_any_table(astrid_teacher, bergen):
    member = UserFactory(display_name=NAME, email=EMAIL, language="nb")
    MembershipFactory(user=member, school=bergen, role="teacher")
    category = CategoryFactory(title="Samspill")
    answered = TopicFactory(category=category, author=member, title="Kornett")
    first = PostFactory(topic=answered, author=member, body="Hvordan stemmer dere?")
    PostFactory(topic=answered, author=astrid_teacher, body="Med app.")
    alone = TopicFactory(category=category, author=member, title="Bare meg")
    PostFactory(topic=alone, author=member, body="Ingen svarte")
    others = TopicFactory(category=category, author=astrid_teacher, title="Astrids tråd")
    PostFactory(topic=others, author=astrid_teacher, body="Spørsmål")
    last_word = PostFactory(topic=others, author=member, body="Siste ord")
    Reaction.objects.create(post=first, user=member, kind="👍")
    Subscription.objects.get_or_create(user=member, topic=others)
    Draft.objects.create(user=member, topic=others, body="Utkast")
    notify(recipient=astrid_teacher, kind="reply", title=f"{NAME} svarte deg", actor=member)
    register(build_gathering(title="Samspilldag"), member)
    page = resource(slug="min-side", owner=member, author_name=NAME)
    page.summary = "Ny tekst"
    page.save_revision()
    assert set(_tables_mentioning(NAME, EMAIL)) >= {"members_user", "notifications_notification"}

    member_erase(user=member)

    assert _tables_mentioning(NAME, EMAIL) == []
    assert not Topic.objects.filter(pk=alone.pk).exists()
    kept = Post.objects.get(pk=first.pk)
    assert kept.author is None and kept.body == "Hvordan stemmer dere?"
    removed = Post.objects.get(pk=last_word.pk)
    assert removed.is_removed and removed.body == ""
    note = Notification.objects.get(recipient=astrid_teacher)
    assert note.title.endswith(" svarte deg") and NAME not in note.title
