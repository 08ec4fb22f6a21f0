from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MembershipRole


class InvitationForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("Leave empty to make a code several people can use, e.g. a whole class."),
    )
    max_uses = forms.IntegerField(
        label=_("How many may use it"), min_value=1, max_value=500, initial=1
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=90, initial=14)
    send = forms.BooleanField(
        label=_("E-mail the invitation to this address"), required=False, initial=True
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("send") and not cleaned.get("email"):
            cleaned["send"] = False  # nothing to send to: the link is shown instead
        return cleaned


class PupilEraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the pupil's account and personal data will be erased.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password
