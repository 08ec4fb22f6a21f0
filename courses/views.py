"""Thin views: parse, call one service or selector, render."""

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from community.storage import stored_file_response

from . import selectors, services
from .audience import is_library_teacher
from .files.selectors import page_file_allowed
from .forms import CollectionAddForm, CollectionForm, ResourceSubmitForm
from .models import FileUse, ResourcePage

IMAGE_SPECS = {"width-1200", "width-800", "width-400", selectors.CARD_RENDITION}
INLINE_TYPES = {"application/pdf", "audio/mpeg", "audio/ogg", "audio/wav", "audio/x-wav"}
INLINE_TYPES |= {"audio/mp4", "video/mp4", "video/webm", "image/png", "image/jpeg", "image/webp"}


def _library_page(request, page_id):
    """The page, a login redirect for visitors, or PermissionDenied for members."""
    try:
        return selectors.access_library_page(request.user, page_id), None
    except PermissionDenied:
        if not request.user.is_authenticated:
            return None, redirect_to_login(request.get_full_path())
        raise


def _teacher_only(request):
    if not is_library_teacher(request.user):
        raise PermissionDenied(_("This is for teachers. Pupils can browse the resources."))


def _private(response):
    response["Cache-Control"] = "private, max-age=600"
    return response


def document(request, page_id: int, document_id: int):
    page, denied = _library_page(request, page_id)
    if denied:
        return denied
    if not page_file_allowed(request.user, page, FileUse.Kind.DOCUMENT, document_id):
        raise Http404
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        raise Http404
    content_type = mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
    download = request.GET.get("download") == "1" or content_type not in INLINE_TYPES
    response = stored_file_response(
        request,
        document.file.storage,
        document.file.name,
        content_type=content_type,
        as_attachment=download,
        filename=PurePath(document.file.name).name,
    )
    response["Content-Security-Policy"] = "sandbox"
    return _private(response)


def image(request, page_id: int, image_id: int, spec: str):
    if spec not in IMAGE_SPECS:
        raise Http404
    page, denied = _library_page(request, page_id)
    if denied:
        return denied
    if not page_file_allowed(request.user, page, FileUse.Kind.IMAGE, image_id):
        raise Http404
    picture = get_image_model().objects.filter(pk=image_id).first()
    if picture is None:
        raise Http404
    try:
        rendition = picture.get_rendition(spec)
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    response = stored_file_response(
        request,
        rendition.file.storage,
        rendition.file.name,
        content_type=content_type,
        as_attachment=False,
        filename=PurePath(rendition.file.name).name,
    )
    return _private(response)


@login_required
def submit(request):
    _teacher_only(request)
    form = ResourceSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        review = request.POST.get("action") != "draft"
        try:
            page = services.resource_submit(
                user=request.user,
                data=form.cleaned_data,
                file_is_audio=form.file_is_audio,
                send_for_review=review,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if review:
                messages.success(
                    request,
                    _("Thank you! “%(title)s” is sent to the editors for review.")
                    % {"title": page.title},
                )
            else:
                messages.success(
                    request, _("“%(title)s” is saved as a draft.") % {"title": page.title}
                )
            return redirect("courses:mine")
    if request.method == "POST" and form.errors and request.FILES:
        messages.info(request, _("For your safety, files must be chosen again after an error."))
    return render(request, "courses/submit.html", {"form": form, "title": _("Share a resource")})


@login_required
def mine(request):
    _teacher_only(request)
    return render(
        request,
        "courses/mine.html",
        {"rows": selectors.my_contributions(request.user), "title": _("My contributions")},
    )


@login_required
@require_POST
def adapt(request, page_id: int):
    page, _denied = _library_page(request, page_id)
    _teacher_only(request)
    if not isinstance(page, ResourcePage):
        raise Http404(_("Only resources can be adapted."))  # a tool guide's id gave a 500
    copy = services.resource_adapt(resource=page, user=request.user)
    messages.success(
        request,
        _("A copy for your school is ready as a draft. Edit it, then send it for review."),
    )
    return redirect("wagtailadmin_pages:edit", copy.pk)


@login_required
def collections(request):
    _teacher_only(request)
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            collection = services.collection_create(owner=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The list “%(title)s” is made.") % {"title": collection})
            return redirect("courses:collection", collection.pk)
    return render(
        request,
        "courses/collections.html",
        {
            "collections": selectors.collections_for(request.user),
            "form": form,
            "title": _("My resource lists"),
        },
    )


@login_required
def collection(request, pk: int):
    _teacher_only(request)
    collection = selectors.collection_for_owner(request.user, pk)
    form = CollectionForm(instance=collection)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            services.collection_delete(collection=collection)
            messages.success(request, _("The list is deleted."))
            return redirect("courses:collections")
        if action == "remove":
            try:
                page_id = int(request.POST.get("page", ""))
            except ValueError:
                page_id = 0
            services.collection_remove(collection=collection, page_id=page_id)
            messages.success(request, _("Removed from the list."))
            return redirect("courses:collection", collection.pk)
        if action == "new-link":
            services.collection_new_link(collection=collection)
            messages.success(request, _("The list has a new link; the old one no longer works."))
            return redirect("courses:collection", collection.pk)
        form = CollectionForm(request.POST, instance=collection)
        if form.is_valid():
            try:
                services.collection_update(collection=collection, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("courses:collection", collection.pk)
        collection.refresh_from_db()
    pages, _hidden = selectors.collection_pages(collection, request.user)
    share_url = request.build_absolute_uri(
        reverse("courses:collection_shared", args=[collection.share_token])
    )
    return render(
        request,
        "courses/collection.html",
        {
            "collection": collection,
            "pages": pages,
            "form": form,
            "share_url": share_url,
            "title": collection.title,
        },
    )


@login_required
@require_POST
def collection_add(request, page_id: int):
    page, _denied = _library_page(request, page_id)
    _teacher_only(request)
    form = CollectionAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("Choose a list."))
        return redirect(page.url)
    try:
        if form.cleaned_data.get("collection"):
            target = selectors.collection_for_owner(request.user, form.cleaned_data["collection"])
        else:
            target = services.collection_create(
                owner=request.user, title=form.cleaned_data["new_title"]
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(page.url)
    added = services.collection_add(collection=target, page=page, user=request.user)
    if added:
        messages.success(request, _("Saved to “%(title)s”.") % {"title": target.title})
    else:
        messages.info(request, _("Already in “%(title)s”.") % {"title": target.title})
    return redirect(page.url)


def collection_shared(request, token: str):
    collection = selectors.shared_collection(token)
    pages, hidden = selectors.collection_pages(collection, request.user)
    return render(
        request,
        "courses/collection_shared.html",
        {"collection": collection, "pages": pages, "hidden": hidden, "title": collection.title},
    )
