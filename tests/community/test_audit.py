"""The audit trail: each audited action leaves an entry naming who and whose data (by
reference only), leaders see their school's entries and no other, administrators all;
entries past the retention period are purged and no others. A leader's erasure of a
pupil is one of the audited actions."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from community.audit.models import AuditAction, AuditEntry
from community.members.roles import SiteRole
from community.members.services import member_erase
from forums import services as forum_services
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


def _actions(**filters):
    return list(AuditEntry.objects.filter(**filters).values_list("action", flat=True))


def test_participant_lists_and_exports_are_logged_per_school(
    client, oda_organiser, ingrid_pupil_14, kari_other_school_teacher, bergen, lorenskog
):
    gathering = build_gathering(organisers=[oda_organiser], title="Samspilldag", audience="anyone")
    register(gathering, ingrid_pupil_14)
    register(gathering, kari_other_school_teacher)
    client.force_login(oda_organiser)
    assert client.get(f"/gatherings/{gathering.pk}/participants/").status_code == 200
    assert client.get(f"/gatherings/{gathering.pk}/participants.csv").status_code == 200
    for school in (None, bergen, lorenskog):
        entries = AuditEntry.objects.filter(school=school, actor=oda_organiser)
        assert sorted(entries.values_list("action", flat=True)) == [
            AuditAction.PARTICIPANTS_EXPORTED,
            AuditAction.PARTICIPANTS_VIEWED,
        ]
    assert AuditEntry.objects.filter(detail__startswith="Samspilldag (gathering").count() == 6


def test_consents_member_lists_and_roles_are_logged(
    client, jon_leader, emil_pupil_11, bergen, eva_editor
):
    membership = emil_pupil_11.memberships.get()
    client.force_login(jon_leader)
    client.get("/schools/bergen-kulturskole/")
    url = f"/schools/bergen-kulturskole/members/{membership.pk}/consent/"
    client.post(url)
    client.post(url)
    assert _actions(actor=jon_leader, school=bergen) == [
        AuditAction.CONSENT_WITHDRAWN,
        AuditAction.CONSENT_GIVEN,
        AuditAction.MEMBERS_VIEWED,
    ]
    assert AuditEntry.objects.filter(subject=emil_pupil_11).count() >= 2

    membership.role = "teacher"
    membership.save()
    change = AuditEntry.objects.filter(action=AuditAction.ROLE_CHANGED, subject=emil_pupil_11)
    assert change.get(detail="pupil → teacher").school == bergen
    eva_editor.groups.add(Group.objects.get(name=SiteRole.ORGANISER.value))
    assert AuditEntry.objects.filter(
        action=AuditAction.ROLE_CHANGED, subject=eva_editor, detail=f"+ {SiteRole.ORGANISER}"
    ).exists()


def test_erasure_and_moderation_are_logged_without_names(
    magnus_moderator, astrid_teacher, ingrid_pupil_14, bergen
):
    forum_services.member_suspend(
        user=magnus_moderator, member=astrid_teacher, days=3, reason="Tone"
    )
    moderation = AuditEntry.objects.get(action=AuditAction.MODERATION)
    assert (moderation.actor, moderation.subject) == (magnus_moderator, astrid_teacher)
    member_erase(user=ingrid_pupil_14)
    erased = AuditEntry.objects.get(action=AuditAction.ERASED, school=bergen)
    assert erased.actor is None and erased.subject is None
    assert "Ingrid" not in erased.detail


def test_leaders_see_their_schools_entries_and_administrators_all(
    client, jon_leader, lars_leader, admin_user, bergen, lorenskog, django_assert_max_num_queries
):
    for index in range(30):
        AuditEntry.objects.create(
            action=AuditAction.MEMBERS_VIEWED,
            actor=jon_leader,
            subject=lars_leader,
            school=bergen if index % 2 else lorenskog,
            detail=f"bergen-{index}" if index % 2 else f"lorenskog-{index}",
        )
    client.force_login(jon_leader)
    with django_assert_max_num_queries(12):
        html = client.get("/audit/").content.decode()
    assert "bergen-1" in html and "lorenskog-" not in html
    # Another school by address shows nothing of it.
    html = client.get(f"/audit/?school={lorenskog.pk}").content.decode()
    assert "lorenskog-" not in html
    client.force_login(admin_user)
    html = client.get(f"/audit/?school={lorenskog.pk}&action=members-viewed").content.decode()
    assert "lorenskog-0" in html and "bergen-1" not in html


def test_purge_deletes_exactly_what_has_expired(settings, jon_leader):
    settings.SAMSPILL_AUDIT_RETENTION_DAYS = 30
    old = AuditEntry.objects.create(action=AuditAction.MEMBERS_VIEWED, actor=jon_leader)
    edge = AuditEntry.objects.create(action=AuditAction.MEMBERS_VIEWED, actor=jon_leader)
    fresh = AuditEntry.objects.create(action=AuditAction.MEMBERS_VIEWED, actor=jon_leader)
    now = timezone.now()
    AuditEntry.objects.filter(pk=old.pk).update(at=now - timedelta(days=31))
    AuditEntry.objects.filter(pk=edge.pk).update(at=now - timedelta(days=29))
    call_command("purge_audit")
    kept = AuditEntry.objects.filter(pk__in=[old.pk, edge.pk, fresh.pk])
    assert set(kept.values_list("pk", flat=True)) == {edge.pk, fresh.pk}


def test_a_leader_erases_a_pupil_of_their_school(
    client, jon_leader, lars_leader, ingrid_pupil_14, password, bergen
):
    membership = ingrid_pupil_14.memberships.get()
    url = f"/schools/bergen-kulturskole/members/{membership.pk}/erase/"
    client.force_login(lars_leader)
    assert client.get(url).status_code == 403
    client.force_login(jon_leader)
    detail = client.get("/schools/bergen-kulturskole/").content.decode()
    assert f'href="{url}"' in detail
    response = client.post(url, {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400 and "That password is not right" in response.content.decode()
    response = client.post(url, {"password": password, "confirm": "on"})
    assert response["Location"] == "/schools/bergen-kulturskole/"
    assert not type(ingrid_pupil_14).objects.filter(pk=ingrid_pupil_14.pk).exists()
    erased = AuditEntry.objects.get(action=AuditAction.ERASED, school=bergen)
    assert erased.actor == jon_leader and erased.subject is None


def test_a_school_cannot_erase_a_pupil_of_another_school_too(
    jon_leader, ingrid_pupil_14, lorenskog
):
    from django.core.exceptions import ValidationError

    from community.schools.services import pupil_erase
    from tests.factories.community import MembershipFactory

    MembershipFactory(user=ingrid_pupil_14, school=lorenskog, role="pupil")
    membership = ingrid_pupil_14.memberships.get(school__slug="bergen-kulturskole")
    with pytest.raises(ValidationError):
        pupil_erase(membership=membership, erased_by=jon_leader)
    assert type(ingrid_pupil_14).objects.filter(pk=ingrid_pupil_14.pk).exists()


def test_viewing_pupils_progress_recordings_and_practice_log_is_logged(
    client, astrid_teacher, ingrid_pupil_14, bergen
):
    """The pupil's own look is not an access to others' data; the teacher's is."""
    from django.urls import reverse

    from courses.learning.services import enrolment_create
    from courses.practice import services as practice
    from tests.courses.practice.factories import wav_upload
    from tests.factories.learning import small_course

    course = small_course(teachers=[astrid_teacher])
    enrolment_create(course=course, member=ingrid_pupil_14)
    assignment = practice.assignment_create(
        teacher=astrid_teacher, school_id=bergen.pk, title="Skala", pupils=[ingrid_pupil_14]
    )
    take = practice.take_create(pupil=ingrid_pupil_14, assignment=assignment, upload=wav_upload())
    take_url = reverse("practice:take", args=[take.pk])
    log_url = reverse("practice:pupil_log", args=[bergen.pk, ingrid_pupil_14.pk])
    client.force_login(ingrid_pupil_14)
    assert client.get(take_url).status_code == 200
    assert not AuditEntry.objects.filter(actor=ingrid_pupil_14).exists()

    client.force_login(astrid_teacher)
    for url in (course.url + "teach/", take_url, log_url):
        assert client.get(url).status_code == 200, url
    assert sorted(_actions(actor=astrid_teacher, school=bergen)) == sorted(
        [
            AuditAction.PROGRESS_VIEWED,
            AuditAction.RECORDING_VIEWED,
            AuditAction.PRACTICE_LOG_VIEWED,
        ]
    )
    assert _actions(actor=astrid_teacher, school=None) == [AuditAction.PROGRESS_VIEWED]
    assert AuditEntry.objects.filter(
        action=AuditAction.RECORDING_VIEWED, subject=ingrid_pupil_14
    ).exists()
