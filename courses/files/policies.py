"""Wagtail's collection permissions, narrowed so that *choose* shows each editor only the
images and documents they may see (registered by the app configs in courses/apps.py)."""

from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from courses.models import FileUse

from .selectors import visible_files_q


class _AudiencePolicy(CollectionOwnershipPermissionPolicy):
    kind = ""

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if "choose" not in actions or (user.is_active and user.is_superuser):
            return instances
        # What they may change (their uploads; everything for editors) stays choosable.
        changeable = super().instances_user_has_any_permission_for(user, ["change"])
        return instances.filter(
            visible_files_q(user, self.kind) | self._q_pks(changeable)
        ).distinct()

    @staticmethod
    def _q_pks(queryset):
        from django.db.models import Q

        return Q(pk__in=queryset.values("pk"))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        if "choose" not in actions or set(actions) - {"choose"}:
            return True
        return (
            self.instances_user_has_any_permission_for(user, ["choose"])
            .filter(pk=instance.pk)
            .exists()
        )


class ImagePolicy(_AudiencePolicy):
    kind = FileUse.Kind.IMAGE


class DocumentPolicy(_AudiencePolicy):
    kind = FileUse.Kind.DOCUMENT
