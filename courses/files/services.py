"""Keep FileUse in step with pages: live content on publish, drafts on every revision."""

from django.db import transaction
from django.db.models import ForeignKey
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.models import FileUse


def _kind_of(model) -> str | None:
    if model is None:
        return None
    if issubclass(model, get_image_model()):
        return FileUse.Kind.IMAGE
    if issubclass(model, get_document_model()):
        return FileUse.Kind.DOCUMENT
    return None


def _uses_in_instance(instance) -> set[tuple[str, int]]:
    found = set()
    for field in instance._meta.concrete_fields:
        if isinstance(field, ForeignKey):
            kind = _kind_of(field.related_model)
            object_id = getattr(instance, field.attname)
            if kind and object_id:
                found.add((kind, int(object_id)))
        elif isinstance(field, StreamField):
            # Wagtail's own block API: every chooser block reports what it points at.
            for model, object_id, _path, _content_path in field.extract_references(
                getattr(instance, field.attname)
            ):
                kind = _kind_of(model)
                if kind and object_id:
                    found.add((kind, int(object_id)))
    return found


def file_uses_in(page) -> set[tuple[str, int]]:
    """(kind, id) of every image and document in the page's fields, streams and inline
    children (e.g. a gathering session's slides)."""
    found = _uses_in_instance(page)
    for relation in get_all_child_relations(page):
        for child in getattr(page, relation.get_accessor_name()).all():
            found |= _uses_in_instance(child)
    return found


@transaction.atomic
def file_uses_record_revision(*, page) -> None:
    """Add the files of a saved draft or revision (kept: an old revision still counts)."""
    existing = set(
        FileUse.objects.filter(page_id=page.pk, live=False).values_list("kind", "object_id")
    )
    FileUse.objects.bulk_create(
        [
            FileUse(page_id=page.pk, kind=kind, object_id=object_id, live=False)
            for kind, object_id in file_uses_in(page) - existing
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def file_uses_sync_live(*, page) -> None:
    """Replace the page's live uses with what its live content uses (none if unpublished)."""
    FileUse.objects.filter(page_id=page.pk, live=True).delete()
    if not page.live:
        return
    uses = file_uses_in(page)
    FileUse.objects.bulk_create(
        [
            FileUse(page_id=page.pk, kind=kind, object_id=object_id, live=live)
            for kind, object_id in uses
            for live in (True, False)
        ],
        ignore_conflicts=True,
    )


def file_uses_rebuild() -> int:
    """Fill FileUse from every page's live content and revisions (after the first migrate
    that added it). Returns the number of pages read."""
    count = 0
    for page in Page.objects.specific().iterator(chunk_size=200):
        file_uses_sync_live(page=page)
        for revision in page.revisions.order_by("pk").iterator():
            draft = revision.as_object()
            file_uses_record_revision(page=draft)
        count += 1
    return count
