"""Member changes that the cached post lists (forums/cache.py) must hear of.

The cached facts behind a member's Viewer (forums/access.py) hear of memberships, site
roles, schools, municipalities and groups here too.

A post shows its author's name (the display name, or the e-mail address when there is
none) and "Former member" once the account is erased. Renames and erasures are rare, so
they replace the members' generation, which every cached list's key holds, rather than
looking up each topic the member wrote in. Signals rather than calls in the members'
services, so edits in the admin count too.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_delete

from community.members.models import User
from community.schools.models import Municipality, School, SchoolMembership

from .access import viewer_facts_changed, viewers_changed
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
    viewer_facts_changed(instance.pk)


def member_erasing(sender, instance, **kwargs):
    from .erasure import member_forum_content_erase

    member_forum_content_erase(user=instance)


def membership_changed(sender, instance, **kwargs):
    """A role, a consent, a school joined or left: the member's cached Viewer is stale."""
    viewer_facts_changed(instance.user_id)


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A site role given or taken (from either side of the relation)."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        viewer_facts_changed(instance.pk)
    elif pk_set:
        for user_id in pk_set:
            viewer_facts_changed(user_id)
    else:  # a group's members cleared: who they were is no longer known
        viewers_changed()


def places_changed(sender, **kwargs):
    """A school or municipality moved, a group renamed: every cached Viewer is stale."""
    viewers_changed()


def connect() -> None:
    post_save.connect(membership_changed, sender=SchoolMembership, dispatch_uid="forums-viewer-m")
    post_delete.connect(
        membership_changed, sender=SchoolMembership, dispatch_uid="forums-viewer-md"
    )
    m2m_changed.connect(groups_changed, sender=User.groups.through, dispatch_uid="forums-viewer-g")
    for model in (School, Municipality, Group):
        post_save.connect(
            places_changed, sender=model, dispatch_uid=f"forums-viewer-{model.__name__}"
        )
        post_delete.connect(
            places_changed, sender=model, dispatch_uid=f"forums-viewer-{model.__name__}-d"
        )
    pre_delete.connect(member_erasing, sender=User, dispatch_uid="forums-member-erasing")
    post_init.connect(remember_name, sender=User, dispatch_uid="forums-remember-name")
    post_save.connect(name_changed, sender=User, dispatch_uid="forums-name-changed")
    post_delete.connect(member_erased, sender=User, dispatch_uid="forums-member-erased")
