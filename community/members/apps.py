from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    # Two AppConfig classes live in this module: without `default`, Django would use a
    # plain AppConfig for "community.members" and ready() (the logout receiver) never ran.
    default = True
    name = "community.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import signals

        signals.connect_role_changes()


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "community.members.viewsets.UserViewSet"
