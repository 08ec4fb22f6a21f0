import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from community.schools import selectors as school_selectors
from community.storage import stored_file_response

from . import selectors, services
from .forms import AccountDeleteForm, ProfileForm
from .retention import periods


@login_required
def me(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        response = redirect("members:me")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            request.user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    return render(
        request,
        "community/members/me.html",
        {
            "form": form,
            "memberships": school_selectors.memberships_for(request.user),
            "led_schools": school_selectors.led_schools(request.user),
            "federated_login": bool(settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]),
        },
        status=400 if form.errors else 200,
    )


@login_required
def data_export(request):
    data = services.member_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="samspill-my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def data_archive(request):
    """Ask for the ZIP (POST) and see whether it is being built, ready or expired."""
    if request.method == "POST":
        services.data_export_request(user=request.user)
        messages.success(
            request, _("Your archive is being built. We will tell you when it is ready.")
        )
        return redirect("members:data_archive")
    return _archive_page(request, selectors.data_export_latest(user=request.user))


def _archive_page(request, export, status=200):
    expired = bool(export and export.status == export.Status.READY and export.is_expired())
    return render(
        request,
        "community/members/data_archive.html",
        {
            "export": export,
            "expired": expired,
            "expiry_days": periods(request).export_archive_days,
        },
        status=status,
    )


@login_required
def data_archive_download(request, pk):
    """The member's own archive, from private storage; anyone else's is not found."""
    export = selectors.data_export_for(user=request.user, pk=pk)
    if export.status != export.Status.READY:
        return redirect("members:data_archive")
    if export.is_expired():
        return _archive_page(request, export, status=410)
    stamp = export.ready_at.strftime("%Y-%m-%d")
    return stored_file_response(
        request,
        export.file.storage,
        export.file.name,
        content_type="application/zip",
        as_attachment=True,
        filename=f"samspill-my-data-{stamp}.zip",
    )


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.member_erase(user=user)
        messages.success(request, _("Your account and personal data have been erased."))
        return redirect("/")
    return render(
        request,
        "community/members/delete.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def language_switch(request):
    """Set the UI language: a cookie, and on the account for a signed-in member.

    Only a POST changes anything: a GET (an image in a post pointing here, a prefetch)
    just goes back. Exempt from CSRF so that visitors' pages carry no token and set no
    cookie (they stay cacheable); a forged change of a display preference is harmless,
    and a cross-site POST carries no session cookie (SameSite=Lax) anyway.
    """
    params = request.POST if request.method == "POST" else request.GET
    next_url = params.get("next") or "/"
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = params.get("language", "") if request.method == "POST" else ""
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            services.language_set(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response
