"""Retention periods are set in Wagtail's settings view; these hooks audit every change."""

from wagtail import hooks

from . import services
from .models import RetentionSettings

_BEFORE = "_samspill_retention_before"


@hooks.register("before_edit_setting")
def remember_retention_periods(request, instance):
    # The view saves the form itself; remember the old values to name what changed.
    if isinstance(instance, RetentionSettings) and request.method == "POST":
        setattr(request, _BEFORE, RetentionSettings.objects.get(pk=instance.pk).as_dict())


@hooks.register("after_edit_setting")
def audit_retention_periods(request, instance):
    before = getattr(request, _BEFORE, None)
    if isinstance(instance, RetentionSettings) and before is not None:
        services.retention_periods_changed(actor=request.user, before=before)
