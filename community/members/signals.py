from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from . import services


@receiver(user_logged_out)
def close_sockets_on_logout(sender, request, user, **kwargs):
    if user is not None:
        services.member_sockets_close(user=user)


@receiver(user_logged_in)
def keep_account_on_login(sender, request, user, **kwargs):
    services.inactivity_warning_clear(user=user)


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A site role (organiser, moderator) given or taken: open sockets decide again."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from .models import User

    users = User.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    for user in users:
        services.member_access_changed(user=user)


def connect_role_changes():
    from .models import User

    m2m_changed.connect(
        _groups_changed, sender=User.groups.through, dispatch_uid="members-role-changes"
    )
