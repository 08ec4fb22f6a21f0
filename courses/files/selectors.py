"""Who may fetch an image, rendition or document (see the rule in __init__)."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.permissions import policy_registry

from courses.audience import can_view, is_library_editor, visible_audiences
from courses.models import FileUse, LibraryPage


def _restrictions_allow(user, page) -> bool:
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.LOGIN and user.is_authenticated:
            continue
        if restriction.restriction_type == PageViewRestriction.GROUPS and user.is_authenticated:
            if user.is_superuser:
                continue
            if user.groups.filter(pk__in=restriction.groups.all()).exists():
                continue
        # Passwords and anything else: never through a file address.
        return False
    return True


def page_readable(user, page) -> bool:
    """May the user see the page's live content?"""
    if not page.live:
        return False
    if isinstance(page, LibraryPage):
        return can_view(user, page)
    return _restrictions_allow(user, page)


def draft_readable(user, page) -> bool:
    """May the user see the page's drafts (its owner, editors, whoever may edit it)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if page.owner_id == user.pk or is_library_editor(user):
        return True
    return page.permissions_for_user(user).can_edit()


def _uses(kind, object_id) -> list[tuple[bool, Page]]:
    uses = list(FileUse.objects.filter(kind=kind, object_id=object_id))
    pages = Page.objects.filter(pk__in={use.page_id for use in uses}).specific().in_bulk()
    return [(use.live, pages[use.page_id]) for use in uses if use.page_id in pages]


def manages(user, obj) -> bool:
    """The uploader (with *add* on the collection) or an editor with *change* on it."""
    if not getattr(user, "is_authenticated", False):
        return False
    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_permission_for_instance(user, "change", obj)


def file_readable(user, kind: str, obj) -> bool:
    if manages(user, obj):
        return True
    for live, page in _uses(kind, obj.pk):
        if live and page_readable(user, page):
            return True
        if draft_readable(user, page):
            return True
    return False


def file_is_public(kind: str, obj) -> bool:
    """Used, and only on live pages that visitors may see: its renditions may be cached."""
    uses = _uses(kind, obj.pk)
    visitor = AnonymousUser()
    live_on = {page.pk for live, page in uses if live}
    # Every page using it, in any revision, shows it live to visitors.
    return bool(uses) and all(
        page.pk in live_on and page_readable(visitor, page) for _live, page in uses
    )


def visible_files_q(user, kind: str) -> Q:
    """The files the user may pick in the admin's choosers besides their own uploads:
    those on live pages they may see and on drafts of their own pages."""
    audiences = visible_audiences(user)
    library = Q(page__resourcepage__audience__in=audiences) | Q(
        page__toolguidepage__audience__in=audiences
    )
    other = Q(page__resourcepage__isnull=True, page__toolguidepage__isnull=True) & ~Q(
        page__view_restrictions__restriction_type=PageViewRestriction.GROUPS
    )
    live = FileUse.objects.filter(kind=kind, live=True, page__live=True).filter(library | other)
    drafts = FileUse.objects.filter(kind=kind, page__owner=user)
    return Q(pk__in=live.values("object_id")) | Q(pk__in=drafts.values("object_id"))


def image_for_media_path(name: str):
    """(image, is_original) for a file under MEDIA_ROOT, or (None, False)."""
    image_model = get_image_model()
    image = image_model.objects.filter(file=name).first()
    if image is not None:
        return image, True
    rendition = (
        image_model.get_rendition_model().objects.filter(file=name).select_related("image").first()
    )
    return (rendition.image if rendition else None), False


def document_for_media_path(name: str):
    return get_document_model().objects.filter(file=name).first()


def page_file_allowed(user, page, kind: str, object_id: int) -> bool:
    """For the page-scoped addresses (/library/<page>/files|images/…): the file is in the
    page's live content, or in any of its drafts and revisions for those who may see them.
    The caller has already checked that the user may see the page."""
    uses = FileUse.objects.filter(page_id=page.pk, kind=kind, object_id=object_id)
    if page.live and uses.filter(live=True).exists():
        return True
    return draft_readable(user, page) and uses.exists()
