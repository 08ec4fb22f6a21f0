"""A deleted take (erasure of the pupil, the retention clean-up, a deleted assignment or
school) takes its audio file with it, once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from community.members.retention import periods_changed

from .models import Take


@receiver(post_delete, sender=Take, dispatch_uid="practice-take-file")
def take_deleted(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


@receiver(periods_changed, dispatch_uid="practice-site-period")
def site_period_changed(sender, changed, **kwargs):
    if "practice_recording_days" in changed:
        from .services import takes_redate_for_site_period

        takes_redate_for_site_period()
