from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Mode


class RegistrationForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How will you take part?"), choices=Mode.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, gathering, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [
            (m, label) for m, label in Mode.choices if m in gathering.modes
        ]
        if len(gathering.modes) == 1:
            self.fields["mode"].initial = gathering.modes[0]
            self.fields["mode"].widget = forms.HiddenInput()


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )


class GroupsForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How to group"),
        choices=[
            ("mixed", _("Mixed: spread municipalities across groups")),
            ("by_municipality", _("By municipality")),
        ],
        widget=forms.RadioSelect,
        initial="mixed",
    )
    size = forms.IntegerField(label=_("People per group"), min_value=2, max_value=50, initial=6)


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Group notes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=20_000,
    )


class PreworkForm(forms.Form):
    prework = forms.CharField(
        label=_("My pre-work"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=10_000,
    )
