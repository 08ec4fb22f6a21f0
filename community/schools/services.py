from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community.audit.models import AuditAction
from community.audit.services import audit_record

from .models import Invitation, MembershipRole, School, SchoolMembership


@transaction.atomic
def invitation_create(
    *,
    school: School,
    role: str,
    created_by,
    email: str = "",
    max_uses: int = 1,
    days: int = 14,
    send: bool = False,
) -> Invitation:
    """A join link; with `send` and an address, it is also mailed (by the task worker)."""
    if role not in MembershipRole.values:
        raise ValidationError(_("Unknown role."))
    if not 1 <= max_uses <= 500:
        raise ValidationError(_("An invitation can be used between 1 and 500 times."))
    if not 1 <= days <= 90:
        raise ValidationError(_("An invitation can be valid for 1 to 90 days."))
    invitation = Invitation(
        school=school,
        role=role,
        email=email.strip().lower(),
        max_uses=1 if email else max_uses,
        expires_at=timezone.now() + timedelta(days=days),
        created_by=created_by,
    )
    invitation.full_clean()
    invitation.save()
    if send and invitation.email:
        from community.background import enqueue_on_commit

        from .tasks import invitation_mail_send

        enqueue_on_commit(invitation_mail_send, invitation.pk)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> SchoolMembership:
    """Join the invitation's school. Uses are counted in the database, so two
    people racing for the last use cannot both get it."""
    if invitation.email and invitation.email != user.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    updated = Invitation.objects.filter(
        pk=invitation.pk,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        uses__lt=F("max_uses"),
    ).update(uses=F("uses") + 1)
    if not updated:
        raise ValidationError(_("This invitation has expired or has been used up."))
    membership, created = SchoolMembership.objects.get_or_create(
        user=user, school=invitation.school, defaults={"role": invitation.role}
    )
    if not created and membership.role != invitation.role:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def pupil_consent_record(*, membership: SchoolMembership, recorded_by) -> SchoolMembership:
    if membership.role != MembershipRole.PUPIL:
        raise ValidationError(_("Consent is recorded for pupils only."))
    membership.consent_recorded_at = timezone.now()
    membership.consent_recorded_by = recorded_by
    membership.save(update_fields=["consent_recorded_at", "consent_recorded_by"])
    audit_record(
        action=AuditAction.CONSENT_GIVEN,
        actor=recorded_by,
        subject=membership.user,
        school=membership.school,
    )
    return membership


@transaction.atomic
def pupil_consent_withdraw(*, membership: SchoolMembership, withdrawn_by=None) -> SchoolMembership:
    membership.consent_recorded_at = None
    membership.consent_recorded_by = None
    membership.save(update_fields=["consent_recorded_at", "consent_recorded_by"])
    audit_record(
        action=AuditAction.CONSENT_WITHDRAWN,
        actor=withdrawn_by,
        subject=membership.user,
        school=membership.school,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: SchoolMembership, removed_by) -> None:
    if membership.user_id == removed_by.pk and membership.role == MembershipRole.LEADER:
        others = SchoolMembership.objects.filter(
            school=membership.school, role=MembershipRole.LEADER
        ).exclude(pk=membership.pk)
        if not others.exists():
            raise ValidationError(_("A school needs at least one leader."))
    audit_record(
        action=AuditAction.ROLE_CHANGED,
        actor=removed_by,
        subject=membership.user,
        school=membership.school,
        detail=f"{membership.role} → –",
    )
    membership.delete()


@transaction.atomic
def pupil_erase(*, membership: SchoolMembership, erased_by) -> None:
    """A leader erases a pupil's account (for instance at the guardian's request): the
    same erasure as the pupil's own, recorded in the audit trail with the leader's name.
    Only a pupil who belongs to no other school, so one school never erases another's."""
    from community.members.services import member_erase

    if membership.role != MembershipRole.PUPIL:
        raise ValidationError(_("A school can erase only its pupils' accounts."))
    others = SchoolMembership.objects.filter(user_id=membership.user_id).exclude(pk=membership.pk)
    if others.exists():
        raise ValidationError(
            _("This pupil also belongs to another school; an administrator can erase the account.")
        )
    member_erase(user=membership.user, erased_by=erased_by)
