"""Retention periods set in the admin, and each kind of data purged exactly when its
period is over:

- the Wagtail setting: administrators only, bad values answered in the user's language,
  every change audited, the approval pack shows the admin's values;
- registrations after a gathering: deleted with check-ins and group members, counts per
  municipality and mode kept, the boundary day kept;
- inactive accounts: a warning mail in the member's language, erasure (audited) after
  the grace period, signing in keeps the account, staff and superusers never touched;
- chat messages and practice recordings through the registry, files included;
- the schedule: one waiting run at a time, each run queues the next at 03:00.
"""

import datetime
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from community.audit.models import AuditAction, AuditEntry
from community.chat.models import Message
from community.gatherings.models import BreakoutMembership, Registration, RegistrationTally
from community.gatherings.services import check_in_toggle, groups_create, registrations_purge
from community.members import retention, services
from community.members.models import RetentionSettings, User
from community.members.retention import next_run_at, periods, purgers
from tests.factories.community import UserFactory
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


def settings_url():
    return f"/admin/settings/members/retentionsettings/{periods().pk}/"


def _form(**changes):
    data = {
        "chat_message_days": "365",
        "registration_days": "365",
        "notification_days": "365",
        "practice_recording_days": "",
        "audit_days": "730",
        "export_archive_days": "7",
        "inactive_account_months": "24",
        "inactive_grace_days": "30",
    }
    return {**data, **changes}


def test_admin_sets_periods_audited_and_the_pack_shows_them(client, admin_user):
    assert periods().chat_message_days == 365  # the environment's default
    client.force_login(admin_user)
    response = client.post(settings_url(), _form(chat_message_days="30", registration_days="400"))
    assert response.status_code == 302
    assert (periods().chat_message_days, periods().registration_days) == (30, 400)
    entry = AuditEntry.objects.get(action=AuditAction.RETENTION_CHANGED)
    assert entry.actor == admin_user
    assert entry.detail == "chat_message_days: 365 → 30; registration_days: 365 → 400"
    html = client.get("/privacy/approval-pack/").content.decode()
    assert "30 days, then deleted." in html
    assert "Until 400 days after the gathering ends" in html
    # Saving unchanged values records nothing more.
    client.post(settings_url(), _form(chat_message_days="30", registration_days="400"))
    assert AuditEntry.objects.filter(action=AuditAction.RETENTION_CHANGED).count() == 1


def test_bad_periods_are_refused_in_the_users_language_keeping_what_was_typed(client, admin_user):
    admin_user.language = "nb"
    admin_user.save()
    client.force_login(admin_user)
    response = client.post(
        settings_url(),
        _form(chat_message_days="mange", registration_days="0", inactive_grace_days="9999"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="mange"' in html
    assert "Oppgi et heltall." in html
    assert "Verdien må være større enn eller lik 1." in html
    assert "Verdien må være mindre enn eller lik 365." in html
    assert periods().chat_message_days == 365
    assert not AuditEntry.objects.filter(action=AuditAction.RETENTION_CHANGED).exists()


def test_only_administrators_change_the_periods(client, eva_editor, jon_leader, oda_organiser):
    for member in (eva_editor, jon_leader, oda_organiser):
        client.force_login(member)
        assert client.get(settings_url()).status_code == 302
        client.post(settings_url(), _form(chat_message_days="1"))
    assert periods().chat_message_days == 365


# --- Registrations after a gathering -----------------------------------------------


def test_registrations_are_deleted_after_the_period_keeping_only_counts(
    client, settings, oda_organiser, astrid_teacher, jon_leader, kari_other_school_teacher
):
    settings.SAMSPILL_REGISTRATION_RETENTION_DAYS = 300
    now = timezone.now()
    old = build_gathering(
        title="Gammel samling", organisers=[oda_organiser], start=now - timedelta(days=301, hours=9)
    )
    edge = build_gathering(title="Grensesamling", start=now - timedelta(days=299, hours=9))
    on_site = register(old, astrid_teacher, mode="on-site")
    check_in_toggle(registration=on_site)
    register(old, jon_leader, mode="on-site")
    register(old, kari_other_school_teacher, mode="online")
    groups_create(session=old.sessions.get(kind="group-work"), method="mixed", size=3)
    register(edge, astrid_teacher)
    assert BreakoutMembership.objects.filter(session__gathering=old).exists()

    assert registrations_purge(now=now) == 3
    assert list(Registration.objects.values_list("gathering__title", flat=True)) == [
        "Grensesamling"
    ]
    assert not BreakoutMembership.objects.filter(session__gathering=old).exists()
    counts = {
        (t.municipality.name, t.mode): (t.registered, t.checked_in)
        for t in RegistrationTally.objects.select_related("municipality")
    }
    assert counts == {("Bergen", "on-site"): (2, 1), ("Lørenskog", "online"): (1, 0)}
    # Safe to run again: nothing is counted twice.
    assert registrations_purge(now=now) == 0
    assert RegistrationTally.objects.get(mode="on-site").registered == 2

    client.force_login(oda_organiser)
    html = client.get(f"/gatherings/{old.pk}/participants/").content.decode()
    assert "Counts kept after the registrations were deleted" in html
    assert "Lørenskog" in html and "Astrid" not in html


# --- Inactive accounts ---------------------------------------------------------------


def test_inactive_members_are_warned_then_erased_unless_they_sign_in(
    client, settings, password, bergen, django_capture_on_commit_callbacks
):
    settings.SAMSPILL_INACTIVE_ACCOUNT_MONTHS = 24
    settings.SAMSPILL_INACTIVE_GRACE_DAYS = 30
    now = timezone.now()
    two_years = services.months_before(now, 24)

    def member(name, seen, language="en", **fields):
        user = UserFactory(display_name=name, language=language, **fields)
        User.objects.filter(pk=user.pk).update(last_login=seen, date_joined=seen)
        return user

    stays = member("Sigrid", two_years - timedelta(days=1), language="da")
    comes_back = member("Ola", two_years - timedelta(days=40))
    member("Recent", two_years + timedelta(minutes=1))
    member("Staff", two_years - timedelta(days=400), is_staff=True)
    member("Root", two_years - timedelta(days=400), is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.inactive_members_purge(now=now) == 0
    warned = {message.to[0]: message for message in mail.outbox}
    assert set(warned) == {stays.email, comes_back.email}
    danish = warned[stays.email]
    assert "Log ind, inden" in danish.body and "/accounts/login/" in danish.body
    assert "24" in danish.body

    client.post("/accounts/login/", {"login": comes_back.email, "password": password})
    comes_back.refresh_from_db()
    assert comes_back.inactivity_warned_at is None  # signing in cancels it

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.inactive_members_purge(now=now + timedelta(days=29)) == 0
        assert services.inactive_members_purge(now=now + timedelta(days=30, seconds=1)) == 1
    assert not User.objects.filter(pk=stays.pk).exists()
    assert set(User.objects.values_list("display_name", flat=True)) == {
        "Ola",
        "Recent",
        "Staff",
        "Root",
    }
    assert AuditEntry.objects.filter(action=AuditAction.ERASED, detail="inactive account").exists()
    assert mail.outbox == []  # Ola signed in 40 days short of the period: no new warning


def test_months_before_counts_calendar_months():
    moment = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert services.months_before(moment, 1) == datetime.datetime(
        2026, 2, 28, 12, tzinfo=datetime.UTC
    )
    assert services.months_before(moment, 24).date() == datetime.date(2024, 3, 31)


# --- Chat and practice recordings through the registry -----------------------------


def test_every_kind_has_a_purger_and_chat_keeps_the_boundary(settings, astrid_teacher):
    assert {
        "chat_messages",
        "gathering_registrations",
        "notifications",
        "practice_recordings",
        "audit_trail",
        "data_archives",
        "inactive_accounts",
    } <= set(purgers())
    from community.chat.services import rooms_sync

    room = rooms_sync(gathering=build_gathering())[0]
    now = timezone.now()
    for text, age in (("gammel", 31), ("grense", 29)):
        message = Message.objects.create(room=room, author=astrid_teacher, text=text, seq=age)
        Message.objects.filter(pk=message.pk).update(created_at=now - timedelta(days=age))
    RetentionSettings.objects.filter(pk=periods().pk).update(chat_message_days=30)
    assert purgers()["chat_messages"](now=now) == 1
    assert list(Message.objects.values_list("text", flat=True)) == ["grense"]


def test_the_sites_period_for_recordings_redates_takes_and_purges_their_files(
    client, admin_user, astrid_teacher, ingrid_pupil_14, bergen, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from courses.practice import services as practice
    from courses.practice.models import Take
    from tests.courses.practice.factories import wav_upload

    assignment = practice.assignment_create(
        teacher=astrid_teacher, school_id=bergen.pk, title="Skala", pupils=[ingrid_pupil_14]
    )
    take = practice.take_create(pupil=ingrid_pupil_14, assignment=assignment, upload=wav_upload())
    made = timezone.localdate(take.created_at)
    client.force_login(admin_user)
    client.post(settings_url(), _form(practice_recording_days="10"))
    take.refresh_from_db()
    assert take.delete_after == made + timedelta(days=10)
    purge = purgers()["practice_recordings"]
    at = datetime.datetime.combine(made + timedelta(days=10), datetime.time(12))
    assert purge(now=timezone.make_aware(at)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert purge(now=timezone.make_aware(at + timedelta(days=1))) == 1
    assert not Take.objects.exists()
    assert not default_storage.exists(take.file.name)


# --- The schedule --------------------------------------------------------------------


def test_the_daily_run_keeps_exactly_one_run_waiting(settings, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("retention", "--schedule")
    call_command("retention", "--schedule")  # make run again: still one
    waiting = DBTaskResult.objects.filter(task_path__endswith="retention_run")
    assert waiting.count() == 1
    assert waiting.get().run_after <= timezone.now()

    ran = []
    monkeypatch.setattr(retention, "retention_purge_all", lambda: ran.append(1) or {})
    waiting.update(status="RUNNING")
    from community.members.tasks import retention_run

    retention_run.call()
    assert ran == [1]
    following = DBTaskResult.objects.get(task_path__endswith="retention_run", status="READY")
    local = timezone.localtime(following.run_after)
    assert (local.hour, local.minute) == (3, 0)
    assert following.run_after - timezone.now() <= timedelta(days=1)


def test_next_run_is_03_00_local_time_across_summer_time():
    oslo = timezone.get_default_timezone()
    before_change = datetime.datetime(2027, 3, 27, 4, 0, tzinfo=oslo)  # DST starts on the 28th
    assert next_run_at(before_change) == datetime.datetime(2027, 3, 28, 3, 0, tzinfo=oslo)
    night = datetime.datetime(2027, 3, 28, 2, 30, tzinfo=datetime.UTC)
    assert next_run_at(night).utcoffset() == timedelta(hours=2)
