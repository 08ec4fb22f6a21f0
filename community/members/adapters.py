from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from community.schools import selectors as school_selectors

INVITATION_SESSION_KEY = "samspill_invitation"


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open only with a valid school invitation (unless configured open)."""

    def is_open_for_signup(self, request):
        if settings.SAMSPILL_OPEN_SIGNUP:
            return True
        code = request.session.get(INVITATION_SESSION_KEY)
        return bool(code and school_selectors.usable_invitation(code))

    def pre_login(self, request, user, **kwargs):
        from .federation import federated_login_required, has_linked_login

        via_provider = "sociallogin" in (kwargs.get("signal_kwargs") or {})
        if not via_provider and federated_login_required(user) and has_linked_login(user):
            messages.error(
                request, _("Your school asks its teachers to sign in with Feide or UNI-Login.")
            )
            return redirect("account_login")
        return super().pre_login(request, user, **kwargs)

    def get_login_redirect_url(self, request):
        from .federation import federated_login_required, has_linked_login

        user = request.user
        if federated_login_required(user) and not has_linked_login(user):
            messages.info(
                request,
                _(
                    "Your school asks its teachers to sign in with Feide or UNI-Login: link it here."
                ),
            )
            return reverse("socialaccount_connections")
        return super().get_login_redirect_url(request)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "").strip()
        user.language = form.cleaned_data.get("language") or request.LANGUAGE_CODE
        user.age_band = form.cleaned_data.get("age_band") or ""
        if commit:
            user.save()
        return user
