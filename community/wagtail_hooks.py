"""Administrators find failed background tasks from the Wagtail admin; pages are shown
in the member's language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import l10n


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


@hooks.register("before_serve_page")
def page_in_members_language(page, request, serve_args, serve_kwargs):
    """The Norwegian page answers every address; a live Danish or English translation's
    text is shown over it (community/l10n.py). Only for reading: a form posted to a page
    works on the original."""
    if request.method in ("GET", "HEAD"):
        l10n.localize_page(page)
