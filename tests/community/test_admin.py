"""Wagtail admin at /admin/ (editors, organisers, superusers); Django admin for staff only."""

import pytest

from community.members.models import User

pytestmark = pytest.mark.django_db


def test_wagtail_admin_user_form_asks_for_display_name(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/users/new/").content.decode()
    assert 'name="display_name"' in page
    assert 'name="first_name"' not in page
    response = client.post(
        "/admin/users/new/",
        {
            "email": "ny@example.org",
            "display_name": "Ny Lærer",
            "language": "da",
            "password1": "Long-enough-passw0rd",
            "password2": "Long-enough-passw0rd",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="ny@example.org")
    assert (user.display_name, user.language) == ("Ny Lærer", "da")


def test_editors_and_teachers_reach_wagtail_admin_but_pupils_do_not(
    client, eva_editor, astrid_teacher, ingrid_pupil_14
):
    """Teachers write drafts of library pages there (see tests/courses/test_access.py)."""
    client.force_login(eva_editor)
    assert client.get("/admin/").status_code == 200
    client.force_login(astrid_teacher)
    assert client.get("/admin/").status_code == 200
    client.force_login(ingrid_pupil_14)
    assert client.get("/admin/").status_code == 302


def test_django_admin_is_for_staff_only(client, eva_editor, admin_user):
    client.force_login(eva_editor)
    assert client.get("/django-admin/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/django-admin/").status_code == 200
