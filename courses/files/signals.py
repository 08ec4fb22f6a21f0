"""FileUse follows every page save, revision, publish and unpublish."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page, Revision
from wagtail.signals import page_unpublished

from . import services


@receiver(post_save, dispatch_uid="file-uses-page-save")
def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Only full saves carry content: save_revision() writes a few bookkeeping fields.
    if raw or update_fields is not None or not isinstance(instance, Page):
        return
    services.file_uses_record_revision(page=instance)
    if instance.live:
        services.file_uses_sync_live(page=instance)


@receiver(post_save, sender=Revision, dispatch_uid="file-uses-revision")
def revision_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    if instance.base_content_type.model_class() is not Page:
        return
    services.file_uses_record_revision(page=instance.as_object())


@receiver(page_unpublished, dispatch_uid="file-uses-unpublished")
def page_unpublished_(sender, instance, **kwargs):
    services.file_uses_sync_live(page=instance)
