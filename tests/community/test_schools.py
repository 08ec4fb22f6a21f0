"""School leaders manage their own school only: members, invitations, pupil consent."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community.schools import services
from community.schools.models import Invitation, SchoolMembership
from tests.factories.community import InvitationFactory

pytestmark = pytest.mark.django_db


def test_leader_sees_own_school_members(client, jon_leader, astrid_teacher, ingrid_pupil_14):
    client.force_login(jon_leader)
    response = client.get(reverse("schools:detail", args=["bergen-kulturskole"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Astrid" in page and "Ingrid" in page
    assert "1 pupils, 1 teachers, 1 leaders" in page


def test_leader_of_another_school_cannot_see_the_member_list(client, lars_leader, astrid_teacher):
    client.force_login(lars_leader)
    response = client.get(reverse("schools:detail", args=["bergen-kulturskole"]))
    assert response.status_code == 403
    assert "Astrid" not in response.content.decode()


@pytest.mark.parametrize("persona", ["ingrid_pupil_14", "astrid_teacher"])
def test_pupils_and_teachers_cannot_open_leader_pages(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("schools:detail", args=["bergen-kulturskole"])).status_code == 403


def test_leader_creates_an_invitation_and_sees_its_link(client, jon_leader):
    client.force_login(jon_leader)
    response = client.post(
        reverse("schools:detail", args=["bergen-kulturskole"]),
        {"role": "pupil", "email": "", "max_uses": 25, "days": 30},
        follow=True,
    )
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.max_uses) == ("pupil", 25)
    assert f"/join/{invitation.code}/" in response.content.decode()


def test_bad_invitation_input_is_explained_and_kept(client, jon_leader):
    client.force_login(jon_leader)
    response = client.post(
        reverse("schools:detail", args=["bergen-kulturskole"]),
        {"role": "pupil", "email": "not-an-address", "max_uses": 9999, "days": 30},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page
    assert 'value="not-an-address"' in page
    assert not Invitation.objects.exists()


def test_leader_records_and_withdraws_consent(client, jon_leader, emil_pupil_11):
    membership = SchoolMembership.objects.get(user=emil_pupil_11)
    client.force_login(jon_leader)
    url = reverse("schools:consent", args=["bergen-kulturskole", membership.pk])
    client.post(url)
    membership.refresh_from_db()
    assert membership.has_consent and membership.consent_recorded_by == jon_leader
    client.post(url)
    membership.refresh_from_db()
    assert not membership.has_consent


def test_last_leader_cannot_remove_themself(client, jon_leader):
    membership = SchoolMembership.objects.get(user=jon_leader)
    client.force_login(jon_leader)
    response = client.post(
        reverse("schools:remove", args=["bergen-kulturskole", membership.pk]), follow=True
    )
    assert "at least one leader" in response.content.decode()
    assert SchoolMembership.objects.filter(pk=membership.pk).exists()


def test_invitation_uses_are_counted_and_capped(bergen, astrid_teacher, kari_other_school_teacher):
    invitation = InvitationFactory(school=bergen, role="teacher", max_uses=1)
    services.invitation_accept(invitation=invitation, user=kari_other_school_teacher)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=astrid_teacher)
    assert SchoolMembership.objects.filter(user=kari_other_school_teacher, school=bergen).exists()


def test_revoked_invitation_stops_working(client, jon_leader, bergen):
    invitation = InvitationFactory(school=bergen)
    client.force_login(jon_leader)
    client.post(reverse("schools:revoke", args=["bergen-kulturskole", invitation.pk]))
    assert client.get(reverse("join", args=[invitation.code])).status_code == 404


def test_an_invitation_can_be_mailed_from_the_school_page(
    client, jon_leader, bergen, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(jon_leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/schools/bergen-kulturskole/",
            {
                "role": "teacher",
                "email": "Ny.Laerer@example.org",
                "max_uses": 1,
                "days": 7,
                "send": "on",
            },
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["ny.laerer@example.org"]
    code = bergen.invitations.get().code
    assert f"/join/{code}/" in message.body and "Bergen kulturskole" in message.subject
