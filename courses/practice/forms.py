from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.validation import validate_library_file

from . import selectors
from .models import Assignment, PracticeLogEntry, PracticePolicy, TakeComment
from .services import TAKE_EXTENSIONS


class PupilChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{membership.user.get_short_name()} ({membership.school.name})"


class AssignmentForm(forms.ModelForm):
    pupils = PupilChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Pupils"))

    class Meta:
        model = Assignment
        fields = ["title", "instructions", "tempo", "reference", "due_on"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "instructions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupils"].queryset = selectors.pupils_of(teacher)
        self.fields["reference"].queryset = selectors.reference_audio()
        self.fields["reference"].help_text = _(
            "Audio from the library's resources open to members, so pupils can play it."
        )
        self.fields["title"].help_text = _("For example: Play bars 1–16 of Vårsang at 80 bpm.")

    def clean_pupils(self):
        memberships = self.cleaned_data["pupils"]
        if len({m.school_id for m in memberships}) > 1:
            raise ValidationError(_("Choose pupils of one school."))
        return memberships


class TakeUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Audio file"),
        help_text=_("WebM, Ogg, MP3, WAV or M4A."),
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*,.webm,.m4a"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_library_file(upload, TAKE_EXTENSIONS)
        return upload


class CommentForm(forms.ModelForm):
    class Meta:
        model = TakeComment
        fields = ["at_seconds", "text"]
        widgets = {
            "at_seconds": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
            "text": forms.Textarea(attrs={"rows": 3}),
        }


class LogForm(forms.ModelForm):
    class Meta:
        model = PracticeLogEntry
        fields = ["practised_on", "minutes", "what", "note", "take"]
        widgets = {"practised_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["take"].queryset = pupil.practice_takes.select_related("assignment")
        self.fields["take"].label_from_instance = lambda take: (
            f"{take.assignment.title}, {take.created_at:%d.%m.%Y %H:%M}"
        )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = PracticePolicy
        fields = ["retention_days"]
