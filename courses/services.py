"""Writes for the library: audience restrictions, contributions, adaptations, lists."""

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import PageViewRestriction

from community import l10n, pagecache
from community.members.roles import SiteRole
from community.notifications.services import notify
from community.schools.models import MembershipRole, SchoolMembership

from . import facets
from .audience import TEACHERS_GROUP, Audience, can_view, is_library_teacher
from .models import (
    ResourceCollection,
    ResourceCollectionItem,
    ResourceIndexPage,
    ResourcePage,
    ToolGuidePage,
)
from .selectors import may_adapt


def library_bump() -> None:
    """A new library version: cached listings and terms are recomputed on next view."""

    from django.db.models import F

    from .models import LibraryState

    if not LibraryState.objects.filter(pk=1).update(version=F("version") + 1):
        LibraryState.objects.get_or_create(pk=1, defaults={"version": 1})
    transaction.on_commit(database_statistics_refresh)
    pagecache.bump_on_commit()


@transaction.atomic
def resource_facets_sync(*, page) -> None:
    """Rewrite one resource's rows in the facet-term table: its current values when it
    is a live original, none otherwise (unpublished, or a translation's copy)."""
    from .models import ResourceFacetTerm

    ResourceFacetTerm.objects.filter(resource_id=page.pk).delete()
    if not page.live or not l10n.is_original(page):
        return
    ResourceFacetTerm.objects.bulk_create(
        ResourceFacetTerm(resource_id=page.pk, facet=facet, term=term, audience=page.audience)
        for facet, term in facets.page_rows(page)
    )


def resource_facets_term_removed(*, facet: str, term_id: int) -> None:
    """A deleted term leaves the counts (its many-to-many links are gone with it)."""
    from .models import ResourceFacetTerm

    ResourceFacetTerm.objects.filter(facet=facet, term=str(term_id)).delete()


@transaction.atomic
def resource_facets_rebuild() -> int:
    """The whole facet-term table from the live resources (`library_facets_rebuild`)."""
    from django.apps import apps

    written = facets.rebuild(apps)
    library_bump()
    return written


STATISTICS_KEY = "courses:statistics-refreshed"


def database_statistics_refresh(*, force: bool = False) -> None:
    """Keep SQLite's planner statistics current (at most every ten minutes).

    Without them SQLite joins Wagtail's search index the slow way round: a search among
    10,000 resources took 1.4 s instead of 30 ms. With a sample limit, ANALYZE takes
    about 10 ms. PostgreSQL keeps its statistics itself (autovacuum).
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    if not force and not cache.add(STATISTICS_KEY, True, 600):
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


def teacher_group_sync(*, user) -> None:
    """Teachers and school leaders are in the Teachers group, which Wagtail's view
    restrictions and page permissions use; everyone else is not."""
    group, _created = Group.objects.get_or_create(name=TEACHERS_GROUP)
    staff = SchoolMembership.objects.filter(
        user=user, role__in=[MembershipRole.TEACHER, MembershipRole.LEADER]
    ).exists()
    if staff:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    user.__dict__.pop("_site_roles", None)


def page_restriction_sync(*, page) -> None:
    """Write the page's audience as its Wagtail view restriction."""
    PageViewRestriction.objects.filter(page=page).delete()
    if page.audience == Audience.MEMBERS:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif page.audience == Audience.TEACHERS:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(
            Group.objects.filter(name__in=[TEACHERS_GROUP, SiteRole.EDITOR.value])
        )


# --- contributions -----------------------------------------------------------------


def _unique_slug(parent, title: str) -> str:
    base = slugify(title)[:60] or "ressurs"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _school_of(user):
    membership = (
        SchoolMembership.objects.filter(user=user)
        .select_related("school")
        .order_by("joined_at")
        .first()
    )
    return membership.school if membership else None


def _paragraphs_html(text: str) -> str:
    from django.utils.html import escape

    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join("<p>" + escape(part).replace("\n", "<br>") + "</p>" for part in parts if part)


def _body_from_submission(*, user, data: dict, file_is_audio: bool) -> list:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    body = [("paragraph", _paragraphs_html(data["description"]))]
    image = None
    if data.get("image"):
        image = get_image_model()(
            title=data["title"][:255], file=data["image"], uploaded_by_user=user
        )
        image._set_image_file_metadata()
        image.save()
        body.append(("image", {"image": image, "alt_text": data["image_alt"], "caption": ""}))
    if data.get("file"):
        document = get_document_model()(
            title=data["file_title"], file=data["file"], uploaded_by_user=user
        )
        document._set_document_file_metadata()
        document.save()
        if file_is_audio:
            body.append(
                ("audio", {"title": data["file_title"], "audio": document, "transcript": ""})
            )
        else:
            body.append(
                (
                    "document",
                    {
                        "document": document,
                        "kind": "score" if document.file_extension == "pdf" else "other",
                        "title": data["file_title"],
                        "description": "",
                        "preview_image": None,
                        "preview_alt": "",
                    },
                )
            )
    if data.get("video_url"):
        body.append(
            (
                "video",
                {
                    "title": data["video_title"],
                    "url": data["video_url"],
                    "file": None,
                    "transcript": "",
                },
            )
        )
    return body, image


@transaction.atomic
def resource_submit(*, user, data: dict, file_is_audio: bool = False, send_for_review: bool = True):
    """A teacher's resource from the friendly form: a draft owned by them, sent to the
    editors' review workflow unless they keep it as a draft."""
    if not is_library_teacher(user):
        raise PermissionDenied(_("Only teachers can contribute resources."))
    index = l10n.originals(ResourceIndexPage.objects).first()
    if index is None:
        raise ValidationError(_("The resource library has not been set up yet."))
    body, image = _body_from_submission(user=user, data=data, file_is_audio=file_is_audio)
    page = ResourcePage(
        title=data["title"],
        slug=_unique_slug(index, data["title"]),
        summary=data["summary"],
        licence=data["licence"],
        audience=data["audience"],
        author_name=data.get("author_name") or user.display_name or user.email,
        school=_school_of(user),
        language=data.get("language"),
        cover_image=image,
        cover_alt=data.get("image_alt", "") if image else "",
        body=body,
        owner=user,
        live=False,
    )
    # Parental many-to-many values are written with the page itself.
    for name in ("disciplines", "instruments", "levels", "age_groups"):
        getattr(page, name).set(data.get(name) or [])
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    if send_for_review:
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    return ResourcePage.objects.get(pk=page.pk)


@transaction.atomic
def resource_adapt(*, resource: ResourcePage, user) -> ResourcePage:
    """A new draft copy for the user's school that records where it came from.

    The licence decides: ND and all-rights-reserved works can only be adapted by
    their owner; ShareAlike works keep their licence (checked in ResourcePage.clean).
    """
    if not can_view(user, resource) or not may_adapt(user, resource):
        raise PermissionDenied(_("The licence of this resource does not allow adaptations."))
    index = resource.get_parent()
    title = _("%(title)s (adapted)") % {"title": resource.title}
    copy = resource.copy(
        to=index,
        update_attrs={
            "title": title[:255],
            "slug": _unique_slug(index, title),
            "owner": user,
            "live": False,
            "adapted_from": resource,
            "author_name": user.display_name or user.email,
            "school": _school_of(user),
            "first_published_at": None,
            "last_published_at": None,
            "go_live_at": None,
            "expire_at": None,
        },
        keep_live=False,
        user=user,
        copy_revisions=False,
        log_action="wagtail.copy",
    )
    copy = ResourcePage.objects.get(pk=copy.pk)
    for name in ("disciplines", "instruments", "levels", "age_groups"):
        getattr(copy, name).set(getattr(resource, name).all())
    copy.tags.set(list(resource.tags.all()))
    copy.save()
    copy.save_revision(user=user)
    return copy


# --- review notifications ----------------------------------------------------------


def review_notify(*, page, approved: bool, reviewer=None, comment: str = "") -> None:
    """Tell the author how the editors' review went."""
    page = page.specific
    author = page.owner
    if author is None or not isinstance(page, ResourcePage | ToolGuidePage):
        return
    if approved:
        title = gettext_lazy("Your contribution “{title}” was approved and published")
        url = page.url or ""
    else:
        title = gettext_lazy("The editors asked for changes to “{title}”")
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    notify(
        recipient=author,
        kind="library_review",
        title=format_lazy(title, title=page.title),
        body=comment,
        url=url,
        actor=reviewer,
    )


def submission_notify_editors(*, page, submitter) -> None:
    from django.contrib.auth import get_user_model

    editors = get_user_model().objects.filter(groups__name=SiteRole.EDITOR.value, is_active=True)
    for editor in editors.exclude(pk=getattr(submitter, "pk", None)):
        notify(
            recipient=editor,
            kind="library_review",
            title=format_lazy(
                gettext_lazy("“{title}” is waiting for your review"), title=page.title
            ),
            url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            actor=submitter,
        )


# --- lists -------------------------------------------------------------------------


def _check_list_owner(user):
    if not is_library_teacher(user):
        raise PermissionDenied(_("Only teachers can make resource lists."))


@transaction.atomic
def collection_create(*, owner, title: str, description: str = "") -> ResourceCollection:
    _check_list_owner(owner)
    collection = ResourceCollection(
        owner=owner, title=title.strip(), description=description.strip()
    )
    collection.full_clean()
    try:
        with transaction.atomic():
            collection.save()
    except IntegrityError as exc:
        raise ValidationError({"title": _("You already have a list with this name.")}) from exc
    return collection


@transaction.atomic
def collection_update(*, collection, title: str, description: str = "") -> ResourceCollection:
    collection.title = title.strip()
    collection.description = description.strip()
    collection.full_clean()
    try:
        with transaction.atomic():
            collection.save()
    except IntegrityError as exc:
        raise ValidationError({"title": _("You already have a list with this name.")}) from exc
    return collection


@transaction.atomic
def collection_delete(*, collection) -> None:
    collection.delete()


@transaction.atomic
def collection_add(*, collection, page, user) -> bool:
    """Add a page to the user's own list; False if it was already there."""
    if collection.owner_id != user.pk:
        raise PermissionDenied
    if not can_view(user, page):
        raise PermissionDenied
    _item, created = ResourceCollectionItem.objects.get_or_create(collection=collection, page=page)
    if created:
        collection.save(update_fields=["updated_at"])
    return created


@transaction.atomic
def collection_remove(*, collection, page_id: int) -> None:
    collection.items.filter(page_id=page_id).delete()
    collection.save(update_fields=["updated_at"])


@transaction.atomic
def collection_new_link(*, collection) -> ResourceCollection:
    """A new share link; the old one stops working (e.g. after it spread too far)."""
    from .models import new_share_token

    collection.share_token = new_share_token()
    collection.save(update_fields=["share_token", "updated_at"])
    return collection
