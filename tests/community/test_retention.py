"""Retention: each kind of data is purged exactly when its period is over, and
`manage.py retention` runs every registered purger through the task queue."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.audit.models import AuditAction, AuditEntry
from community.members import retention
from community.notifications.models import Notification
from community.notifications.services import notifications_purge
from tests.factories.community import NotificationFactory

pytestmark = pytest.mark.django_db


def test_notifications_older_than_the_period_are_deleted_and_no_others(settings, astrid_teacher):
    settings.SAMSPILL_NOTIFICATION_RETENTION_DAYS = 30
    old = NotificationFactory(recipient=astrid_teacher, title="gammel")
    edge = NotificationFactory(recipient=astrid_teacher, title="grense")
    NotificationFactory(recipient=astrid_teacher, title="ny")
    now = timezone.now()
    Notification.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=31))
    Notification.objects.filter(pk=edge.pk).update(created_at=now - timedelta(days=29))
    assert notifications_purge(now=now) == 1
    assert set(Notification.objects.values_list("title", flat=True)) == {"grense", "ny"}


def test_the_command_runs_every_registered_purger_including_an_apps_own(settings, astrid_teacher):
    """The hook other apps (practice recordings) use, and the built-in kinds."""
    settings.SAMSPILL_NOTIFICATION_RETENTION_DAYS = 30
    settings.SAMSPILL_AUDIT_RETENTION_DAYS = 30
    old = NotificationFactory(recipient=astrid_teacher)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    NotificationFactory(recipient=astrid_teacher, title="ny")
    old_entry = AuditEntry.objects.create(action=AuditAction.ERASED)
    AuditEntry.objects.filter(pk=old_entry.pk).update(at=timezone.now() - timedelta(days=40))
    AuditEntry.objects.create(action=AuditAction.ERASED)  # recent: kept
    kept = set(AuditEntry.objects.exclude(pk=old_entry.pk).values_list("pk", flat=True))
    calls = []
    retention.register_purger("recordings_test", lambda *, now: calls.append(now) or 0)
    try:
        call_command("retention")
    finally:
        retention._PURGERS.pop("recordings_test")
    assert len(calls) == 1
    assert list(Notification.objects.values_list("title", flat=True)) == ["ny"]
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == kept
    assert {"chat_messages", "notifications", "audit_trail", "data_archives"} <= set(
        retention.purgers()
    )
