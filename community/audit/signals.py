"""Audit entries for changes made anywhere (the admin included): roles and moderation.
Accesses (lists, exports) and consents are recorded by the views and services that do them."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from community.members.roles import SiteRole
from community.schools.models import SchoolMembership

from .models import AuditAction
from .services import audit_record


@receiver(pre_save, sender=SchoolMembership, dispatch_uid="audit-membership-before")
def membership_before(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._audit_old_role = (
        SchoolMembership.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
    )


@receiver(post_save, sender=SchoolMembership, dispatch_uid="audit-membership-after")
def membership_after(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    old = None if created else getattr(instance, "_audit_old_role", instance.role)
    if old == instance.role:
        return
    audit_record(
        action=AuditAction.ROLE_CHANGED,
        subject=instance.user,
        school=instance.school,
        detail=f"{old or '–'} → {instance.role}",
    )


@receiver(m2m_changed, sender=get_user_model().groups.through, dispatch_uid="audit-site-roles")
def site_roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove"} or reverse or not pk_set:
        return
    from django.contrib.auth.models import Group

    names = Group.objects.filter(pk__in=pk_set, name__in=SiteRole.values)
    for name in names.values_list("name", flat=True):
        sign = "+" if action == "post_add" else "−"
        audit_record(action=AuditAction.ROLE_CHANGED, subject=instance, detail=f"{sign} {name}")


def _moderation(source):
    def record(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            audit_record(
                action=AuditAction.MODERATION,
                actor=instance.actor,
                subject=instance.target_user,
                detail=f"{source}: {instance.action}",
            )

    return record


forum_moderation = _moderation("forums")
chat_moderation = _moderation("chat")
post_save.connect(forum_moderation, sender="forums.ModerationLogEntry", dispatch_uid="audit-forums")
post_save.connect(chat_moderation, sender="chat.ModerationAction", dispatch_uid="audit-chat")
