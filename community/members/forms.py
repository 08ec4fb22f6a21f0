from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from community.schools import selectors as school_selectors
from community.schools.models import MembershipRole

from .adapters import INVITATION_SESSION_KEY
from .models import AgeBand, User


def refuse_age_in_name(name: str, *, pupil: bool) -> str:
    """A pupil's display name never shows their age to others ("Emil (11)"): a number
    in a pupil's name is refused. Adults may keep one (e.g. a band name)."""
    if pupil and any(ch.isdigit() for ch in name):
        raise forms.ValidationError(_("Leave numbers (such as your age) out of your display name."))
    return name


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form adds: what we need, and nothing more."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown to other members. A first name and an initial is enough."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=[("", _("Choose…")), *AgeBand.choices],
        required=False,
        help_text=_("Pupils only: we never ask for a birth date."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = None
        # allauth does not hand the request to the sign-up form; its middleware keeps it.
        request = allauth_context.request
        if request is not None:
            self.fields["language"].initial = request.LANGUAGE_CODE
            code = request.session.get(INVITATION_SESSION_KEY)
            self.invitation = school_selectors.usable_invitation(code) if code else None
        if not (self.invitation and self.invitation.role == MembershipRole.PUPIL):
            self.fields["age_band"].widget = forms.HiddenInput()
        if self.invitation and self.invitation.email:
            # The invited address is filled in (allauth adds the field after us).
            self.initial.setdefault("email", self.invitation.email)

    def clean(self):
        """An invitation locked to one address is refused here, with the form kept,
        before any account exists (it gave a 500 and left an orphan active account)."""
        cleaned = super().clean()
        email = (cleaned.get("email") or "").strip().lower()
        if self.invitation and self.invitation.email and email != self.invitation.email:
            self.add_error(
                "email",
                _("This invitation was sent to %(email)s: sign up with that address.")
                % {"email": self.invitation.email},
            )
        return cleaned

    def clean_display_name(self):
        pupil = bool(self.invitation and self.invitation.role == MembershipRole.PUPIL)
        return refuse_age_in_name(self.cleaned_data["display_name"], pupil=pupil)

    def clean_age_band(self):
        value = self.cleaned_data.get("age_band")
        if self.invitation and self.invitation.role == MembershipRole.PUPIL and not value:
            raise forms.ValidationError(_("Please choose your age group."))
        return value

    def signup(self, request, user):
        # Imported here: services import this app's models at module level.
        from community.schools import services as school_services

        if self.invitation:
            school_services.invitation_accept(invitation=self.invitation, user=user)
            request.session.pop(INVITATION_SESSION_KEY, None)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "language"]
        labels = {"display_name": _("Display name"), "language": _("Language")}

    def clean_display_name(self):
        return refuse_age_in_name(
            self.cleaned_data["display_name"], pupil=bool(self.instance.age_band)
        )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be erased."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password
