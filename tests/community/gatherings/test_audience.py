"""A gathering states who may register; registration, the stream link, the rooms and the
breakout groups follow it. Pupils take part only with recorded consent (as in forums).

Cases: a pupil of 11 without consent and a pupil with consent are refused by a
teachers' gathering (page, service, link); pupils with consent may join a pupils'
gathering, one without consent may not; a leaders' gathering refuses a teacher; a pupil
registered before the audience was narrowed neither reads its rooms nor blocks the
teachers' messages; breakout groups never leave a pupil alone with adults from other
schools.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community.chat import services as chat_services
from community.chat.access import room_access
from community.chat.models import Room
from community.gatherings import services
from community.gatherings.models import Registration, RegistrationStatus
from tests.factories.community import MembershipFactory, SchoolFactory, UserFactory
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


def _gathering(audience, **fields):
    return build_gathering(
        audience=audience,
        start=timezone.now() + timedelta(days=3),
        stream_url="https://meet.example.no/lukket",
        **fields,
    )


def test_pupils_cannot_register_for_a_teachers_gathering(client, emil_pupil_11, ingrid_pupil_14):
    gathering = _gathering("teachers")
    for pupil in (emil_pupil_11, ingrid_pupil_14):
        with pytest.raises(ValidationError, match="not open to pupils"):
            register(gathering, pupil)
        client.force_login(pupil)
        client.post(reverse("gatherings:register", args=[gathering.pk]), {"mode": "online"})
        page = client.get(gathering.url).content.decode()
        assert "This gathering is not open to pupils." in page
        assert "meet.example.no/lukket" not in page
    assert not Registration.objects.filter(gathering=gathering).exists()


def test_a_pupils_gathering_needs_consent(emil_pupil_11, ingrid_pupil_14, astrid_teacher):
    gathering = _gathering("pupils")
    with pytest.raises(ValidationError, match="consent"):
        register(gathering, emil_pupil_11)
    assert register(gathering, ingrid_pupil_14).status == RegistrationStatus.CONFIRMED
    assert register(gathering, astrid_teacher).status == RegistrationStatus.CONFIRMED


def test_a_leaders_gathering_refuses_a_teacher(astrid_teacher, jon_leader):
    gathering = _gathering("leaders")
    with pytest.raises(ValidationError, match="school leaders"):
        register(gathering, astrid_teacher)
    assert register(gathering, jon_leader).status == RegistrationStatus.CONFIRMED


def test_rooms_follow_the_audience(ingrid_pupil_14, astrid_teacher, oda_organiser):
    """A pupil registered before the organisers narrowed the audience: no access, no
    stream link, and the teachers' messages are not held back for "pupils present"."""
    gathering = build_gathering(audience="anyone", organisers=[oda_organiser])
    register(gathering, ingrid_pupil_14)
    register(gathering, astrid_teacher)
    gathering.audience = "teachers"
    gathering.save()
    lobby = Room.objects.get(gathering=gathering, kind="lobby")
    pupil = type(ingrid_pupil_14).objects.get(pk=ingrid_pupil_14.pk)
    assert room_access(pupil, lobby).denied
    message = chat_services.message_send(
        room=lobby, user=astrid_teacher, text="Velkommen, kolleger", client_id="t1"
    )
    assert message.seq == 1


def test_a_pupil_without_consent_only_reads_a_pupils_room(
    ingrid_pupil_14, astrid_teacher, oda_organiser
):
    gathering = build_gathering(audience="pupils", organisers=[oda_organiser])
    register(gathering, ingrid_pupil_14)
    membership = ingrid_pupil_14.memberships.get()
    membership.consent_recorded_at = None
    membership.save()
    lobby = Room.objects.get(gathering=gathering, kind="lobby")
    access = room_access(type(ingrid_pupil_14).objects.get(pk=ingrid_pupil_14.pk), lobby)
    assert access.can_read and not access.can_write


def test_breakout_groups_never_leave_a_pupil_alone_with_other_schools_adults(
    bergen, lorenskog, astrid_teacher, kari_other_school_teacher, oda_organiser
):
    gathering = build_gathering(audience="pupils", organisers=[oda_organiser])
    adults = [astrid_teacher, kari_other_school_teacher]
    adults += [MembershipFactory(school=lorenskog, role="teacher").user for _ in range(4)]
    pupils = []
    for school in (bergen, bergen, SchoolFactory(), lorenskog):
        pupil = UserFactory()
        MembershipFactory(
            user=pupil, school=school, role="pupil", consent_recorded_at=timezone.now()
        )
        pupils.append(pupil)
    for person in adults + pupils:
        register(gathering, person)
    session = gathering.sessions.get(kind="group-work")
    groups = services.groups_create(session=session, method="mixed", size=2)
    placed = set()
    for group in groups:
        members = list(group.members.prefetch_related("memberships"))
        for member in members:
            schools = {m.school_id for m in member.memberships.all()}
            roles = {m.role for m in member.memberships.all()}
            if roles != {"pupil"}:
                continue
            placed.add(member.pk)
            adults_here = [m for m in members if {x.role for x in m.memberships.all()} != {"pupil"}]
            own = [m for m in adults_here if schools & {x.school_id for x in m.memberships.all()}]
            assert not adults_here or own, f"{member} alone with other schools' adults"
    assert placed == {p.pk for p in pupils}
