"""Organiser tools, calendars, breakout groups and the pages' query counts."""

import csv
import io
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from icalendar import Calendar

from community.gatherings import services
from community.gatherings.models import BreakoutGroup, Registration
from community.gatherings.services import plan_groups
from tests.factories.community import (
    MembershipFactory,
    MunicipalityFactory,
    SchoolFactory,
    UserFactory,
)
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


def test_ics_is_valid_and_in_the_gatherings_time_zone(client):
    start = timezone.make_aware(
        timezone.datetime(2027, 3, 1, 14, 0), timezone.get_fixed_timezone(60)
    )
    gathering = build_gathering(start=start, hours=2, venue="Seilet", address="Oslo")
    response = client.get(reverse("gatherings:ics", args=[gathering.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == gathering.title
    assert event["dtstart"].dt.hour == 14
    assert str(event["dtstart"].dt.tzinfo) == "Europe/Oslo"
    assert "Seilet, Oslo" in str(event["location"])
    feed = Calendar.from_ical(client.get(reverse("gatherings:feed")).content)
    assert len(feed.walk("VEVENT")) == 1


def test_participants_csv_only_for_organisers(client, hybrid, astrid_teacher, oda_organiser):
    register(hybrid, astrid_teacher, "on-site")
    client.force_login(astrid_teacher)
    assert client.get(reverse("gatherings:participants_csv", args=[hybrid.pk])).status_code == 403
    client.force_login(oda_organiser)
    response = client.get(reverse("gatherings:participants_csv", args=[hybrid.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Name", "E-mail address"]
    assert rows[1][:3] == ["Astrid", "astrid@example.org", "Bergen kulturskole"]


@pytest.mark.parametrize("name", ['=HYPERLINK("https://evil.example")', "+1", "-2+3", "@SUM(A1)"])
def test_participants_csv_never_carries_a_formula(client, hybrid, oda_organiser, name):
    register(hybrid, UserFactory(display_name=name), "on-site")
    client.force_login(oda_organiser)
    response = client.get(reverse("gatherings:participants_csv", args=[hybrid.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == f"'{name}"


@pytest.mark.parametrize(
    ("next_url", "lands"),
    [
        ("https://evil.example/", "/participants/"),
        ("//evil.example/", "/participants/"),
        ("/gatherings/", "/gatherings/"),
    ],
)
def test_check_in_only_returns_to_this_site(
    client, hybrid, astrid_teacher, oda_organiser, next_url, lands
):
    registration = register(hybrid, astrid_teacher, "on-site")
    client.force_login(oda_organiser)
    response = client.post(
        reverse("gatherings:check_in", args=[hybrid.pk, registration.pk]), {"next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(lands) and "evil" not in response["Location"]


def test_organiser_role_alone_is_not_enough(client, hybrid):
    from django.contrib.auth.models import Group

    other = UserFactory()
    other.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(other)
    assert client.get(reverse("gatherings:participants", args=[hybrid.pk])).status_code == 403


def test_check_in(client, hybrid, astrid_teacher, oda_organiser):
    registration = register(hybrid, astrid_teacher, "on-site")
    client.force_login(oda_organiser)
    client.post(reverse("gatherings:check_in", args=[hybrid.pk, registration.pk]))
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    page = client.get(reverse("gatherings:participants", args=[hybrid.pk])).content.decode()
    assert "Checked in" in page


def test_message_to_all_participants_mails_each_as_they_chose_once(
    client, hybrid, oda_organiser, django_capture_on_commit_callbacks
):
    """Per-message members get one mail, in-app-only members none (each was mailed
    twice, and in-app-only members anyway); a line break in the subject cannot make
    the mails fail."""
    from django.core import mail

    from community.notifications.models import Delivery
    from community.notifications.services import preference_set

    by_mail, in_app = [UserFactory() for _ in range(2)], UserFactory()
    for person in by_mail:
        preference_set(user=person, delivery=Delivery.EMAIL)
    for person in [*by_mail, in_app]:
        register(hybrid, person, "online")
    mail.outbox.clear()
    client.force_login(oda_organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("gatherings:message", args=[hybrid.pk]),
            {"subject": "Ny sal\r\nBcc: x@example.org", "body": "Vi er i sal B."},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in by_mail)
    assert mail.outbox[0].subject == "[Samspill] Ny sal Bcc: x@example.org"
    assert "Vi er i sal B." in mail.outbox[0].body
    assert all(
        p.notifications.filter(title="Ny sal Bcc: x@example.org").exists()
        for p in [*by_mail, in_app]
    )


def _people(municipalities: dict[str, int]) -> list:
    return [(f"{place}-{i}", place) for place, n in municipalities.items() for i in range(n)]


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(list("ABCDEFGH")), st.integers(1, 12), min_size=1),
    st.integers(2, 8),
)
def test_mixed_groups_spread_municipalities_evenly(municipalities, size):
    people = _people(municipalities)
    groups = plan_groups(people, method="mixed", size=size)
    placed = [key for group in groups for key in group]
    assert sorted(placed) == sorted(key for key, _ in people)  # everyone exactly once
    sizes = [len(group) for group in groups]
    assert max(sizes) - min(sizes) <= 1 and max(sizes) <= size
    for place in municipalities:
        per_group = [sum(1 for key in group if key.startswith(f"{place}-")) for group in groups]
        assert max(per_group) - min(per_group) <= 1, (place, per_group)


def test_groups_by_municipality_keep_municipalities_together():
    groups = plan_groups(_people({"Bergen": 3, "Oslo": 2}), method="by_municipality", size=5)
    assert [sorted({k.split("-")[0] for k in g}) for g in groups] == [["Bergen"], ["Oslo"]]


def test_groups_created_from_participants(client, oda_organiser):
    gathering = build_gathering(organisers=[oda_organiser])
    for place in ("Bergen", "Bergen", "Oslo", "Oslo", "Gjøvik", "Gjøvik"):
        user = UserFactory()
        school = SchoolFactory(municipality=MunicipalityFactory(name=place, slug=place.lower()))
        MembershipFactory(user=user, school=school)
        register(gathering, user, "online")
    session = gathering.sessions.get(kind="group-work")
    client.force_login(oda_organiser)
    response = client.post(
        reverse("gatherings:groups", args=[session.pk]), {"method": "mixed", "size": 3}
    )
    assert response.status_code == 302
    groups = list(BreakoutGroup.objects.filter(session=session))
    assert len(groups) == 2
    for group in groups:
        places = [m.memberships.get().school.municipality.name for m in group.members.all()]
        assert sorted(places) == ["Bergen", "Gjøvik", "Oslo"]


def test_group_page_for_members_and_organisers_only(
    client, oda_organiser, astrid_teacher, kari_other_school_teacher
):
    gathering = build_gathering(organisers=[oda_organiser])
    register(gathering, astrid_teacher)
    register(gathering, kari_other_school_teacher)
    session = gathering.sessions.get(kind="group-work")
    services.groups_create(session=session, method="mixed", size=2)
    group = BreakoutGroup.objects.get(members=astrid_teacher)
    client.force_login(astrid_teacher)
    response = client.post(
        reverse("gatherings:group", args=[group.pk]), {"notes": "Vi prøver MuseScore."}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.notes == "Vi prøver MuseScore."
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(reverse("gatherings:group", args=[group.pk])).status_code == 403


def test_listing_filters_and_query_count(client, django_assert_max_num_queries):
    from community.schools.models import County

    vestland = County.objects.get(slug="vestland")
    for i in range(12):
        build_gathering(
            title=f"G{i}",
            start=timezone.now() + timedelta(days=i + 1),
            format="online" if i % 2 else "on-site",
            county=vestland if i < 6 else None,
        )
    index_url = "/gatherings/"
    # 12 + 2 since pages have locales (the active locale and the home page's translation).
    with django_assert_max_num_queries(14):
        page = client.get(index_url, {"format": "online"}).content.decode()
    assert page.count('class="card"') == 6
    page = client.get(index_url, {"county": "national"}).content.decode()
    assert page.count('class="card"') == 6


def test_gathering_page_queries_do_not_grow(
    client, oda_organiser, astrid_teacher, django_assert_max_num_queries
):
    small = build_gathering(organisers=[oda_organiser], slug="small")
    many = [(f"S{i}", "workshop", i / 4, i / 4 + 0.25) for i in range(24)]
    large = build_gathering(organisers=[oda_organiser], sessions=many, slug="large")
    for _ in range(30):
        register(large, UserFactory())
    for gathering in (small, large):
        register(gathering, astrid_teacher)
    client.force_login(astrid_teacher)
    # Both visited once first: the second visit finds the page through the route cache.
    client.get(small.url)
    client.get(large.url)
    with django_assert_max_num_queries(30) as small_queries:
        client.get(small.url)
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        response = client.get(large.url)
    assert response.content.decode().count('class="session session--workshop') == 24


@pytest.mark.django_db(transaction=True)
def test_no_overbooking_under_concurrency():
    """Many people race for the last places: PostgreSQL must never give out more."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (run make test: the at-scale pass)")
    gathering = build_gathering(
        format="on-site", capacity_on_site=3, start=timezone.now() + timedelta(days=2)
    )
    users = [UserFactory() for _ in range(12)]
    barrier = threading.Barrier(len(users))
    errors = []

    def attempt(user):
        from django.db import connections

        try:
            barrier.wait()
            services.registration_create(gathering=gathering, user=user, mode="on-site")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    confirmed = Registration.objects.filter(gathering=gathering, status="confirmed").count()
    waiting = Registration.objects.filter(gathering=gathering, status="waiting").count()
    assert (confirmed, waiting) == (3, 9)
