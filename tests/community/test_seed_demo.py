"""`manage.py seed_demo` builds a believable site, can run twice, and only with DEBUG on."""

import pytest
from django.core.management import CommandError, call_command

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
