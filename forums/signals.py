"""Member changes that the cached post lists (forums/cache.py) must hear of.

A post shows its author's name (the display name, or the e-mail address when there is
none) and "Former member" once the account is erased. Renames and erasures are rare, so
they replace the members' generation, which every cached list's key holds, rather than
looking up each topic the member wrote in. Signals rather than calls in the members'
services, so edits in the admin count too.
"""

from django.db.models.signals import post_delete, post_init, post_save, pre_delete

from community.members.models import User

from .cache import members_bump_on_commit

_SHOWN = ("display_name", "email")


def _shown(user) -> tuple | None:
    """What a post shows of the member, if loaded (never a query for deferred fields)."""
    if any(name not in user.__dict__ for name in _SHOWN):
        return None
    return tuple(user.__dict__[name] for name in _SHOWN)


def remember_name(sender, instance, **kwargs):
    instance._forum_shown = _shown(instance)


def name_changed(sender, instance, created, update_fields=None, **kwargs):
    if created:
        return
    if update_fields is not None and not set(update_fields) & set(_SHOWN):
        return
    before = getattr(instance, "_forum_shown", None)
    now = _shown(instance)
    if before is None or before != now:
        members_bump_on_commit()
    instance._forum_shown = now


def member_erased(sender, instance, **kwargs):
    members_bump_on_commit()


def member_erasing(sender, instance, **kwargs):
    from .erasure import member_forum_content_erase

    member_forum_content_erase(user=instance)


def connect() -> None:
    pre_delete.connect(member_erasing, sender=User, dispatch_uid="forums-member-erasing")
    post_init.connect(remember_name, sender=User, dispatch_uid="forums-remember-name")
    post_save.connect(name_changed, sender=User, dispatch_uid="forums-name-changed")
    post_delete.connect(member_erased, sender=User, dispatch_uid="forums-member-erased")
