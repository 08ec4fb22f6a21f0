from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ModerationAction, TopicKind
from .services import MAX_POST_LENGTH

BODY_HELP = _(
    "Markdown: **bold**, *italic*, [link](https://…), > quote, - list. "
    "Mention someone with @ and their name without spaces, e.g. @AstridHaugland."
)


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 8, "data-draft": "body"}),
        max_length=MAX_POST_LENGTH,
        help_text=BODY_HELP,
    )


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=160, widget=forms.TextInput(attrs={"data-draft": "title"})
    )
    kind = forms.ChoiceField(
        label=_("Kind of topic"),
        choices=TopicKind.choices,
        initial=TopicKind.DISCUSSION,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10, "data-draft": "body"}),
        max_length=MAX_POST_LENGTH,
        help_text=BODY_HELP,
    )


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_POST_LENGTH,
        help_text=BODY_HELP,
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (for the moderation log)"), max_length=300)


class TopicModerationForm(ReasonForm):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (a.value, a.label)
            for a in (
                ModerationAction.LOCK,
                ModerationAction.UNLOCK,
                ModerationAction.PIN,
                ModerationAction.UNPIN,
                ModerationAction.HIDE_TOPIC,
                ModerationAction.RESTORE_TOPIC,
            )
        ],
    )


class MoveForm(ReasonForm):
    category = forms.ModelChoiceField(label=_("Move to category"), queryset=None)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class MergeForm(ReasonForm):
    target = forms.IntegerField(
        label=_("Merge into topic number"),
        min_value=1,
        help_text=_("The number in the other topic's address, /forums/t/<number>/."),
    )


class SplitForm(ReasonForm):
    title = forms.CharField(label=_("Title of the new topic"), max_length=160)
    numbers = forms.CharField(
        label=_("Reply numbers to move"),
        help_text=_("Separated by commas, e.g. 4, 5, 7."),
        max_length=500,
    )

    def clean_numbers(self):
        raw = self.cleaned_data["numbers"]
        try:
            numbers = sorted({int(part) for part in raw.replace(" ", "").split(",") if part})
        except ValueError:
            raise forms.ValidationError(_("Use numbers separated by commas.")) from None
        if not numbers:
            raise forms.ValidationError(_("Give at least one reply number."))
        return numbers


class SlowModeForm(ReasonForm):
    seconds = forms.IntegerField(
        label=_("Seconds between a member's posts (0 turns slow mode off)"),
        min_value=0,
        max_value=24 * 3600,
    )


class SuspendForm(ReasonForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=7)
