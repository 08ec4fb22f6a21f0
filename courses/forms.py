from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField

from .audience import Audience
from .models import Licence, ResourceCollection
from .snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level
from .validation import ALL_EXTENSIONS, AUDIO_EXTENSIONS, extension_of, validate_library_file
from .video import parse_video_url


class LibraryDocumentForm(BaseDocumentForm):
    """Wagtail's document upload, refusing files whose content does not match their type."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):
            validate_library_file(uploaded)
        return uploaded


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, and a damaged file is a form error, not a 500: Pillow
    raises OSError ("image file is truncated") when it reads the size of a cut-off PNG."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except OSError:
            raise forms.ValidationError(
                _("The image file is damaged or incomplete. Please upload it again."),
                code="invalid_image",
            ) from None


class ResourceSubmitForm(forms.Form):
    """The friendly way in: one page, plain text, at most one file, image and video."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in lists and search results."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("How to use it in teaching. Blank lines separate paragraphs."),
    )
    disciplines = TermChoiceField(
        label=_("Disciplines"),
        queryset=Discipline.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    instruments = TermChoiceField(
        label=_("Instruments"),
        queryset=Instrument.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    levels = TermChoiceField(
        label=_("Levels"), queryset=Level.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    age_groups = TermChoiceField(
        label=_("Age groups"),
        queryset=AgeGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ModelChoiceField(
        label=_("Language of the resource"), queryset=ContentLanguage.objects.all()
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=Licence.choices,
        initial=Licence.CC_BY_SA,
        widget=forms.RadioSelect,
        help_text=_("CC BY-SA lets other teachers adapt and share it, naming you."),
    )
    audience = forms.ChoiceField(
        label=_("Who may see it"),
        choices=Audience.choices,
        initial=Audience.PUBLIC,
        widget=forms.RadioSelect,
    )
    author_name = forms.CharField(
        label=_("Author as shown"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use your display name."),
    )
    file = forms.FileField(
        label=_("File (sheet music, lesson plan or audio)"),
        required=False,
        help_text=_("PDF, Word, OpenDocument, MusicXML, MIDI, MP3, OGG, WAV or M4A."),
    )
    file_title = forms.CharField(label=_("File title"), max_length=200, required=False)
    image = forms.Field(required=False)  # replaced per form in __init__
    image_alt = forms.CharField(
        label=_("Image description"),
        max_length=250,
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    video_url = forms.URLField(
        label=_("YouTube or Vimeo address"), required=False, max_length=500, assume_scheme="https"
    )
    video_title = forms.CharField(label=_("Video title"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per form, so size and pixel limits follow the current settings.
        self.fields["image"] = CheckedImageField(
            label=_("Image"), required=False, help_text=_("JPEG, PNG, GIF or WebP.")
        )
        self.fields["language"].label_from_instance = lambda obj: obj.label
        self.fields["instruments"].label_from_instance = lambda obj: (
            f"{obj.label} ({obj.get_family_display()})"
        )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            validate_library_file(uploaded, ALL_EXTENSIONS)
        return uploaded

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_alt", "").strip():
            self.add_error("image_alt", _("Describe the image."))
        url = data.get("video_url")
        if url:
            if parse_video_url(url) is None:
                self.add_error(
                    "video_url", _("Only YouTube and Vimeo video addresses can be embedded.")
                )
            if not data.get("video_title", "").strip():
                self.add_error("video_title", _("Give the video a title."))
        uploaded = data.get("file")
        if uploaded and not data.get("file_title", "").strip():
            data["file_title"] = uploaded.name.rsplit(".", 1)[0][:200]
        return data

    @property
    def file_is_audio(self) -> bool:
        uploaded = self.cleaned_data.get("file")
        return bool(uploaded) and extension_of(uploaded.name) in AUDIO_EXTENSIONS


class CollectionForm(forms.ModelForm):
    class Meta:
        model = ResourceCollection
        fields = ["title", "description"]
        labels = {"title": _("Name of the list"), "description": _("Description")}


class CollectionAddForm(forms.Form):
    collection = forms.IntegerField(required=False, widget=forms.HiddenInput)
    new_title = forms.CharField(label=_("Or a new list"), max_length=120, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("collection") and not data.get("new_title", "").strip():
            raise ValidationError(_("Choose a list or name a new one."))
        return data
