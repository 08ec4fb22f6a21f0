"""Writing the audit trail (and pruning it)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .context import current_actor
from .models import AuditAction, AuditEntry


def _actor(actor):
    actor = actor if actor is not None else current_actor.get()
    return actor if getattr(actor, "is_authenticated", False) else None


def audit_record(
    *,
    action: AuditAction,
    actor=None,
    subject=None,
    subject_id: int | None = None,
    school=None,
    school_id: int | None = None,
    detail: str = "",
) -> AuditEntry:
    """One entry; `subject_id`/`school_id` spare a query when only the id is at hand."""
    return AuditEntry.objects.create(
        action=action,
        actor=_actor(actor),
        subject_id=subject.pk if subject is not None else subject_id,
        school=school,
        school_id=school.pk if school is not None else school_id,
        detail=detail[:300],
    )


@transaction.atomic
def audit_record_per_school(
    *, action: AuditAction, actor, school_ids, detail: str = ""
) -> list[AuditEntry]:
    """One entry for administrators and one for each school whose members were shown."""
    actor = _actor(actor)
    rows = [AuditEntry(action=action, actor=actor, detail=detail[:300])]
    rows += [
        AuditEntry(action=action, actor=actor, school_id=school_id, detail=detail[:300])
        for school_id in sorted(set(school_ids))
    ]
    return AuditEntry.objects.bulk_create(rows)


def audit_purge(*, now=None) -> int:
    """Delete entries older than the audit trail's retention period; returns how many."""
    from community.members.retention import periods

    cutoff = (now or timezone.now()) - timedelta(days=periods().audit_days)
    deleted, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
