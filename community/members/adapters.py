from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from community.schools import selectors as school_selectors

INVITATION_SESSION_KEY = "samspill_invitation"


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open only with a valid school invitation (unless configured open)."""

    def is_open_for_signup(self, request):
        if settings.SAMSPILL_OPEN_SIGNUP:
            return True
        code = request.session.get(INVITATION_SESSION_KEY)
        return bool(code and school_selectors.usable_invitation(code))

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.display_name = form.cleaned_data.get("display_name", "").strip()
        user.language = form.cleaned_data.get("language") or request.LANGUAGE_CODE
        user.age_band = form.cleaned_data.get("age_band") or ""
        if commit:
            user.save()
        return user
