from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    name = "community.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import signals  # noqa: F401


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "community.members.viewsets.UserViewSet"
