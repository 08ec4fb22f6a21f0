"""Accounts: sign-up by invitation, e-mail verification, login and its throttling,
logout, password reset, profile."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from community.members.models import User
from community.schools.models import SchoolMembership
from tests.factories.community import InvitationFactory

pytestmark = pytest.mark.django_db


def _signup(client, **overrides):
    data = {
        "email": "new.teacher@example.org",
        "password1": "a-long-enough-Passw0rd",
        "password2": "a-long-enough-Passw0rd",
        "display_name": "Nina N.",
        "language": "da",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_signup_is_closed_without_an_invitation(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    _signup(client)
    assert not User.objects.filter(email="new.teacher@example.org").exists()


def test_signup_by_invitation_creates_member_and_requires_verification(client, bergen):
    invitation = InvitationFactory(school=bergen, role="teacher", max_uses=3)
    response = client.get(reverse("join", args=[invitation.code]))
    assert response.status_code == 200
    assert "Bergen kulturskole" in response.content.decode()

    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="new.teacher@example.org")
    assert user.display_name == "Nina N."
    assert user.language == "da"
    membership = SchoolMembership.objects.get(user=user)
    assert (membership.school, membership.role) == (bergen, "teacher")
    invitation.refresh_from_db()
    assert invitation.uses == 1

    # Not logged in until the address is verified.
    assert client.get(reverse("members:me")).status_code == 302
    assert len(mail.outbox) == 1
    confirm_url = re.search(r"https?://[^/]+(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body)
    assert confirm_url, mail.outbox[0].body
    response = client.post(confirm_url.group(1))
    assert response.status_code == 302
    assert client.get(reverse("members:me")).status_code == 200


def test_pupil_invitation_asks_for_age_band_not_birth_date(client, bergen):
    invitation = InvitationFactory(school=bergen, role="pupil")
    client.get(reverse("join", args=[invitation.code]))
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="age_band"' in page
    assert 'type="date"' not in page
    assert 'name="birth' not in page
    response = _signup(client, email="pupil@example.org")
    assert response.status_code == 200  # form re-shown with the error
    assert "Please choose your age group" in response.content.decode()
    assert 'value="pupil@example.org"' in response.content.decode()  # what was typed is kept
    response = _signup(client, email="pupil@example.org", age_band="under")
    assert response.status_code == 302
    assert User.objects.get(email="pupil@example.org").age_band == "under"


def test_used_up_invitation_is_refused(client, bergen):
    invitation = InvitationFactory(school=bergen, max_uses=1, uses=1)
    response = client.get(reverse("join", args=[invitation.code]))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_invitation_for_another_address_is_refused(client, bergen, astrid_teacher, password):
    invitation = InvitationFactory(
        school=bergen, role="leader", email="someone@example.org", max_uses=1
    )
    client.login(email=astrid_teacher.email, password=password)
    response = client.post(reverse("join", args=[invitation.code]), follow=True)
    assert "another e-mail address" in response.content.decode()
    assert SchoolMembership.objects.get(user=astrid_teacher).role == "teacher"


def test_login_and_logout(client, astrid_teacher, password):
    response = client.post(
        reverse("account_login"), {"login": "ASTRID@example.org", "password": password}
    )
    assert response.status_code == 302
    assert client.get(reverse("members:me")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("members:me")).status_code == 302


def test_wrong_password_keeps_the_email_and_says_why(client, astrid_teacher):
    response = client.post(
        reverse("account_login"), {"login": astrid_teacher.email, "password": "wrong"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert astrid_teacher.email in page
    assert "not correct" in page or "incorrect" in page


def test_login_is_throttled_after_repeated_failures(client, astrid_teacher, password):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": astrid_teacher.email, "password": "nope"})
    response = client.post(
        reverse("account_login"), {"login": astrid_teacher.email, "password": password}
    )
    assert client.get(reverse("members:me")).status_code == 302
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset(client, astrid_teacher):
    response = client.post(reverse("account_reset_password"), {"email": astrid_teacher.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/[^\s]+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    response = client.post(
        form_url, {"password1": "Brand-new-passw0rd", "password2": "Brand-new-passw0rd"}
    )
    assert response.status_code == 302
    assert client.login(email=astrid_teacher.email, password="Brand-new-passw0rd")


def test_profile_edit(client, astrid_teacher, password):
    client.login(email=astrid_teacher.email, password=password)
    response = client.post(reverse("members:me"), {"display_name": "Astrid H.", "language": "en"})
    assert response.status_code == 302
    astrid_teacher.refresh_from_db()
    assert (astrid_teacher.display_name, astrid_teacher.language) == ("Astrid H.", "en")


def test_profile_with_empty_name_shows_error_and_keeps_input(client, astrid_teacher, password):
    client.login(email=astrid_teacher.email, password=password)
    response = client.post(reverse("members:me"), {"display_name": "", "language": "xx"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_a_pupils_age_is_never_part_of_a_shown_name(client, ingrid_pupil_14, astrid_teacher):
    """The demo showed "Emil (11)" to everyone; pupils cannot name themselves so either."""
    from community.members.demo import ACCOUNTS

    pupils = [entry[1] for entry in ACCOUNTS.values() if entry[4] == "pupil"]
    assert pupils and not any(ch.isdigit() for name in pupils for ch in name)
    client.force_login(ingrid_pupil_14)
    response = client.post(reverse("members:me"), {"display_name": "Ingrid (14)", "language": "nb"})
    assert response.status_code in (200, 400)
    assert "Leave numbers (such as your age) out of your display name." in response.content.decode()
    ingrid_pupil_14.refresh_from_db()
    assert ingrid_pupil_14.display_name == "Ingrid"
    client.force_login(astrid_teacher)  # adults may keep a number (a band's name)
    client.post(reverse("members:me"), {"display_name": "Astrid 4tet", "language": "nb"})
    astrid_teacher.refresh_from_db()
    assert astrid_teacher.display_name == "Astrid 4tet"
