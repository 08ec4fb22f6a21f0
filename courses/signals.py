"""Keep derived state in step: Teachers group, view restrictions, listing cache,
review notifications."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from community.schools.models import SchoolMembership

from . import services
from .models import ResourcePage, ToolGuidePage
from .snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level, Platform

LIBRARY_PAGES = (ResourcePage, ToolGuidePage)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="library-member-erasing")
def member_erasing(sender, instance, **kwargs):
    from .erasure import member_library_erase

    member_library_erase(user=instance)


@receiver(post_save, sender=SchoolMembership)
@receiver(post_delete, sender=SchoolMembership)
def membership_changed(sender, instance, **kwargs):
    services.teacher_group_sync(user=instance.user)


def _page_created(sender, instance, created, raw=False, **kwargs):
    # A page made live without publish (imports, tests, copies) still gets its restriction.
    if created and not raw:
        services.page_restriction_sync(page=instance)
        if instance.live:
            _facets_sync(instance)
            services.library_bump()


def _facets_sync(page):
    if isinstance(page, ResourcePage):
        services.resource_facets_sync(page=page)


def _page_published(sender, instance, **kwargs):
    services.page_restriction_sync(page=instance)
    _facets_sync(instance)
    services.library_bump()


def _page_unpublished(sender, instance, **kwargs):
    _facets_sync(instance)
    services.library_bump()


def _page_gone(sender, instance, **kwargs):
    # A deleted resource's facet rows go with it (ON DELETE CASCADE).
    services.library_bump()


# snippet -> facet key in the facet-term table (Platform is for guides only)
TERM_FACETS = {
    Discipline: "discipline",
    Instrument: "instrument",
    Level: "level",
    AgeGroup: "age",
    ContentLanguage: "language",
}


def _term_deleted(sender, instance, **kwargs):
    if sender in TERM_FACETS:
        services.resource_facets_term_removed(facet=TERM_FACETS[sender], term_id=instance.pk)
    services.library_bump()


for model in LIBRARY_PAGES:
    post_save.connect(_page_created, sender=model, dispatch_uid=f"library-created-{model.__name__}")
    page_published.connect(
        _page_published, sender=model, dispatch_uid=f"library-pub-{model.__name__}"
    )
    page_unpublished.connect(
        _page_unpublished, sender=model, dispatch_uid=f"library-unpub-{model.__name__}"
    )
    post_delete.connect(_page_gone, sender=model, dispatch_uid=f"library-del-{model.__name__}")

for model in (Discipline, Instrument, Level, AgeGroup, ContentLanguage, Platform):
    post_save.connect(_page_gone, sender=model, dispatch_uid=f"library-term-{model.__name__}")
    post_delete.connect(
        _term_deleted, sender=model, dispatch_uid=f"library-term-del-{model.__name__}"
    )


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    page = instance.specific_deferred
    if isinstance(page, LIBRARY_PAGES):
        _facets_sync(page)
        services.library_bump()


def _workflow_page(instance):
    page = getattr(instance, "content_object", None) or getattr(instance, "page", None)
    return page.specific if page is not None else None


@receiver(workflow_submitted)
def review_submitted(sender, instance, user, **kwargs):
    page = _workflow_page(instance)
    if isinstance(page, LIBRARY_PAGES):
        services.submission_notify_editors(page=page, submitter=user)


@receiver(workflow_approved)
def review_approved(sender, instance, user, **kwargs):
    page = _workflow_page(instance)
    if isinstance(page, LIBRARY_PAGES):
        services.review_notify(page=page, approved=True, reviewer=user)


@receiver(workflow_rejected)
def review_rejected(sender, instance, user, **kwargs):
    page = _workflow_page(instance)
    if isinstance(page, LIBRARY_PAGES):
        comment = ""
        task_state = instance.current_task_state
        if task_state is not None:
            comment = task_state.get_comment() or ""
        services.review_notify(page=page, approved=False, reviewer=user, comment=comment)
