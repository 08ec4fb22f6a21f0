"""GDPR: a member downloads their data and erases their account."""

import json

import pytest
from django.urls import reverse

from community.members.models import User
from community.notifications.services import notify
from community.schools.models import SchoolMembership

pytestmark = pytest.mark.django_db


def test_export_contains_the_members_data_and_nobody_elses(client, astrid_teacher, jon_leader):
    notify(recipient=astrid_teacher, kind="test", title="Hei Astrid")
    notify(recipient=jon_leader, kind="test", title="Hei Jon")
    client.force_login(astrid_teacher)
    response = client.get(reverse("members:data_export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "astrid@example.org"
    assert data["schools"][0]["school"] == "Bergen kulturskole"
    assert [n["title"] for n in data["notifications"]] == ["Hei Astrid"]
    assert "Jon" not in response.content.decode()


def test_erasure_needs_the_password_and_confirmation(client, astrid_teacher, password):
    client.force_login(astrid_teacher)
    response = client.post(reverse("members:delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    assert "That password is not right" in response.content.decode()
    assert User.objects.filter(pk=astrid_teacher.pk).exists()

    response = client.post(reverse("members:delete"), {"password": password, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="astrid@example.org").exists()
    assert not SchoolMembership.objects.filter(user_id=astrid_teacher.pk).exists()
    assert client.get(reverse("members:me")).status_code == 302
