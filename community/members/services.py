import calendar
import io
import json
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from community.audit.models import AuditAction, AuditEntry
from community.audit.services import audit_record, audit_record_per_school
from community.background import enqueue_on_commit
from community.notifications.services import notifications_forget_actor, notify
from community.realtime.events import AccessChanged, SessionEnded, user_group
from community.realtime.publish import publish_on_commit
from community.schools.models import Invitation, SchoolMembership

from . import privacy, retention
from .models import DataExport, User
from .retention import periods


@transaction.atomic
def profile_update(*, user: User, display_name: str, language: str) -> User:
    user.display_name = display_name.strip()
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "language"])
    return user


@transaction.atomic
def language_set(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def member_sockets_close(*, user: User) -> None:
    """Close the member's open sockets, e.g. after logging out."""
    publish_on_commit(user_group(user.pk), SessionEnded())


def member_access_changed(*, user: User) -> None:
    """The member's registration, role or group changed: their open sockets check
    their access again, on every process, and close where it is gone."""
    publish_on_commit(user_group(user.pk), AccessChanged())


def member_export(*, user: User) -> dict:
    """Everything Samspill holds about the member, as JSON-ready data."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "age_band": user.age_band,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "site_roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "schools": [
            {
                "school": m.school.name,
                "role": m.role,
                "joined_at": m.joined_at.isoformat(),
                "consent_recorded_at": m.consent_recorded_at.isoformat()
                if m.consent_recorded_at
                else None,
            }
            for m in user.memberships.select_related("school")
        ],
        "notifications": [
            {
                "title": n.title,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in user.notifications.all()
        ],
    }
    data["linked_sign_in"] = list(user.socialaccount_set.values("provider", "uid"))
    data["email_addresses"] = list(user.emailaddress_set.values("email", "verified", "primary"))
    preference = getattr(user, "notification_preference", None)
    data["notification_settings"] = (
        {"delivery": preference.delivery} if preference is not None else None
    )
    data["invitations_made"] = [
        {"school": i.school.name, "role": i.role, "expires_at": i.expires_at.isoformat()}
        for i in Invitation.objects.filter(created_by=user).select_related("school")
    ]
    data["consents_recorded"] = list(
        SchoolMembership.objects.filter(consent_recorded_by=user).values_list(
            "school__name", flat=True
        )
    )
    # Who looked at or changed the member's data: the kind and the time, not the person.
    data["access_to_my_data"] = [
        {"action": entry.action, "at": entry.at.isoformat()}
        for entry in AuditEntry.objects.filter(subject=user)
    ]
    for name, exporter in privacy.exporters().items():
        data[name] = exporter(user)
    return data


def member_export_archive(*, user: User) -> bytes:
    """The export as a ZIP: a readable summary (index.html), the same data as JSON and the
    files the member made. Built by the `data_export_build` task (`data_export_request`)."""
    data = member_export(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        names = []
        for name, field in privacy.member_files(user):
            try:
                with field.open("rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
            except (FileNotFoundError, OSError):
                continue
            names.append(name)
        summary = render_to_string(
            "community/members/export_summary.html", {"data": data, "files": names, "user": user}
        )
        archive.writestr("index.html", summary)
    return buffer.getvalue()


@transaction.atomic
def data_export_request(*, user: User) -> DataExport:
    """Ask for a data archive; a task builds it. An archive still being built is reused,
    so pressing the button twice queues one build; after an hour (a build that failed for
    good) a new one may be asked for."""
    pending = user.data_exports.filter(
        status=DataExport.Status.PENDING, created_at__gte=timezone.now() - timedelta(hours=1)
    ).first()
    if pending:
        return pending
    export = DataExport.objects.create(user=user)
    from . import tasks

    enqueue_on_commit(tasks.data_export_build, export.pk)
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    """Build the archive into private storage and tell the member (in the app, and by
    mail per their notification settings). Safe to run again: a ready one is left alone."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return export
    content = member_export_archive(user=export.user)
    now = timezone.now()
    with transaction.atomic():
        export.file.save(
            f"samspill-{export.pk}-{now:%Y%m%d%H%M%S}.zip", ContentFile(content), save=False
        )
        export.status = DataExport.Status.READY
        export.ready_at = now
        days = periods().export_archive_days
        export.expires_at = now + timedelta(days=days)
        export.save(update_fields=["file", "status", "ready_at", "expires_at"])
        notify(
            recipient=export.user,
            kind="data_export",
            title=gettext_lazy("Your data archive is ready to download"),
            body=gettext_lazy("The link works for %(days)s days.") % {"days": days},
            url=reverse("members:data_archive"),
        )
    return export


def data_exports_delete(*, exports) -> int:
    """Delete archives and their files (the row alone would leave the ZIP on disk)."""
    count = 0
    for export in list(exports):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count


def data_exports_purge(*, now=None) -> int:
    """Delete the file of every archive whose link has expired (`manage.py retention`).
    The row stays, holding only dates, so the member's page can say it expired."""
    now = now or timezone.now()
    count = 0
    for export in DataExport.objects.filter(expires_at__lte=now).exclude(file=""):
        export.file.delete(save=True)
        count += 1
    return count


@transaction.atomic
def member_erase(*, user: User, erased_by=None, detail: str = "") -> None:
    """Erase the account. Memberships and notifications go with it (CASCADE); other
    members' notifications about the member lose the name; each app clears what it
    holds in a pre_delete receiver on User (forums: posts nobody answered are removed,
    answered ones stay as "Former member"; library: the author name on the member's
    pages and their revisions becomes "Former member"); SET_NULL keeps threads readable."""
    member_sockets_close(user=user)
    notifications_forget_actor(user=user)
    data_exports_delete(exports=user.data_exports.all())
    # The trail keeps that an account was erased (and for which schools), never whose.
    audit_record_per_school(
        action=AuditAction.ERASED,
        actor=erased_by,
        school_ids=user.memberships.values_list("school_id", flat=True),
        detail=detail,
    )
    user.delete()


def retention_periods_changed(*, actor, before: dict) -> dict:
    """Audit a change of the retention periods (saved by Wagtail's settings view) and
    tell apps whose stored dates depend on them. Returns {field: (old, new)}."""
    after = periods().as_dict()
    changed = {
        field: (old, after[field]) for field, old in before.items() if after.get(field) != old
    }
    if changed:
        audit_record(
            action=AuditAction.RETENTION_CHANGED,
            actor=actor,
            detail="; ".join(f"{field}: {old} → {new}" for field, (old, new) in changed.items()),
        )
        retention.periods_changed.send(sender=User, changed=changed)
    return changed


# --- Inactive accounts ---------------------------------------------------------------


def months_before(moment, months: int):
    """The same day and time `months` calendar months earlier (31 March - 1 = 28/29 Feb)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def _automatically_erasable():
    # Staff and superusers are never erased by a schedule: someone must decide that.
    return User.objects.filter(is_active=True, is_staff=False, is_superuser=False)


def inactive_members_to_warn(*, now):
    cutoff = months_before(now, periods().inactive_account_months)
    return (
        _automatically_erasable()
        .filter(inactivity_warned_at__isnull=True)
        .annotate(seen=Coalesce("last_login", "date_joined"))
        .filter(seen__lt=cutoff)
    )


def inactive_members_warn(*, now=None) -> int:
    """Queue the warning mail to every member who has not signed in for the period; the
    mail task marks the member as warned once the mail is sent, so the grace period
    never starts without a warning (a failed mail is tried again the next day)."""
    now = now or timezone.now()
    from . import tasks

    ids = list(inactive_members_to_warn(now=now).values_list("pk", flat=True))
    for user_id in ids:
        enqueue_on_commit(tasks.inactivity_warning_send, user_id)
    return len(ids)


def inactivity_warning_mark(*, user_id: int, now=None) -> User | None:
    """Mark the member warned if they still are due a warning; None if not (signed in
    meanwhile, erased, or already warned by an earlier run)."""
    now = now or timezone.now()
    with transaction.atomic():
        user = inactive_members_to_warn(now=now).select_for_update().filter(pk=user_id).first()
        if user is not None:
            User.objects.filter(pk=user.pk).update(inactivity_warned_at=now)
            user.inactivity_warned_at = now
    return user


def inactive_members_erase(*, now=None) -> int:
    """Erase, with the ordinary erasure (audited), every member warned more than the grace
    period ago who has not signed in since the warning."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=periods().inactive_grace_days)
    due = (
        _automatically_erasable()
        .filter(inactivity_warned_at__lte=cutoff)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=F("inactivity_warned_at")))
    )
    count = 0
    for user in due:
        member_erase(user=user, detail="inactive account")
        count += 1
    return count


def inactive_members_purge(*, now=None) -> int:
    """The retention registry's purger: erase those whose grace period is over, then warn
    the next ones. Returns how many accounts were erased."""
    now = now or timezone.now()
    erased = inactive_members_erase(now=now)
    inactive_members_warn(now=now)
    return erased


def inactivity_warning_clear(*, user: User) -> None:
    """Signing in keeps the account: the warning no longer applies."""
    if user.inactivity_warned_at is not None:
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
