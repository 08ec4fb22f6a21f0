from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.audit.models import AuditAction
from community.audit.services import audit_record
from community.members.adapters import INVITATION_SESSION_KEY

from . import selectors, services
from .forms import InvitationForm, PupilEraseForm
from .models import Invitation, SchoolMembership


@login_required
def school_detail(request, slug):
    school = selectors.access_school_as_leader(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                school=school, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Invitation created. Share this link: %(url)s")
                % {"url": request.build_absolute_uri(reverse("join", args=[invitation.code]))},
            )
            if form.cleaned_data["send"]:
                messages.success(
                    request, _("It is on its way to %(email)s.") % {"email": invitation.email}
                )
            return redirect("schools:detail", slug=school.slug)
    audit_record(action=AuditAction.MEMBERS_VIEWED, actor=request.user, school=school)
    return render(
        request,
        "community/schools/school_detail.html",
        {
            "school": school,
            "memberships": selectors.school_members(school),
            "counts": selectors.school_member_counts(school),
            "invitations": selectors.open_invitations(school),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _membership(request, slug, pk):
    school = selectors.access_school_as_leader(request.user, slug)
    return get_object_or_404(SchoolMembership.objects.select_related("user"), pk=pk, school=school)


@login_required
@require_POST
def consent_toggle(request, slug, pk):
    membership = _membership(request, slug, pk)
    try:
        if membership.has_consent:
            services.pupil_consent_withdraw(membership=membership, withdrawn_by=request.user)
            messages.success(
                request,
                _("Consent withdrawn for %(name)s.") % {"name": membership.user.display_name},
            )
        else:
            services.pupil_consent_record(membership=membership, recorded_by=request.user)
            messages.success(
                request,
                _("Consent recorded for %(name)s.") % {"name": membership.user.display_name},
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("schools:detail", slug=slug)


@login_required
@require_POST
def membership_remove(request, slug, pk):
    membership = _membership(request, slug, pk)
    try:
        services.membership_remove(membership=membership, removed_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s no longer belongs to the school.") % {"name": membership.user.display_name},
        )
    return redirect("schools:detail", slug=slug)


@login_required
def pupil_erase(request, slug, pk):
    membership = _membership(request, slug, pk)
    form = PupilEraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        name = membership.user.display_name
        try:
            services.pupil_erase(membership=membership, erased_by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The account of %(name)s is erased.") % {"name": name})
            return redirect("schools:detail", slug=slug)
    return render(
        request,
        "community/schools/pupil_erase.html",
        {"membership": membership, "school": membership.school, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    school = selectors.access_school_as_leader(request.user, slug)
    invitation = get_object_or_404(Invitation, pk=pk, school=school)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("The invitation no longer works."))
    return redirect("schools:detail", slug=slug)


def join(request, code):
    """Landing page of an invitation link: accept it, or sign up with it."""
    invitation = selectors.usable_invitation(code)
    if invitation is None:
        return render(request, "community/schools/join_invalid.html", status=404)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Welcome to %(school)s!") % {"school": invitation.school})
            return redirect("members:me")
    if not request.user.is_authenticated:
        request.session[INVITATION_SESSION_KEY] = invitation.code
    return render(request, "community/schools/join.html", {"invitation": invitation})
