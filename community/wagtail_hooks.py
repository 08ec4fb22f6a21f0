"""Administrators find failed background tasks from the Wagtail admin."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def background_tasks_menu_item():
    # The Django admin lists every attempt with its traceback; failed ones first.
    return SuperuserMenuItem(
        _("Background tasks"),
        reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?status__exact=FAILED",
        icon_name="cogs",
        order=900,
    )
