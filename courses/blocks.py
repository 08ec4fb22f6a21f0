"""The one block library for every page in the library (resources and tool guides).

Each block has a template in templates/blocks/, an icon and a preview value, so
editors see what they insert. Files and images on pages that are not public are
served through permission-checked views (see templatetags/library.py).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .validation import AUDIO_EXTENSIONS, DOCUMENT_EXTENSIONS, VIDEO_EXTENSIONS, extension_of
from .video import parse_video_url

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def _file_kind_error(document, allowed: set[str], message):
    if document is not None and extension_of(document.file.name) not in allowed:
        return ValidationError(message)
    return None


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph.html"
        preview_value = "<h2>Oppvarming</h2><p>Start med lange toner i fem minutter.</p>"
        description = _("Text with headings (levels 2 and 3), lists and links.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        preview_value = {"alt_text": "Elever øver i ensemble", "caption": "Ensembleøving"}
        description = _("An image with required alternative text and an optional caption.")


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    audio = DocumentChooserBlock(
        label=_("audio file"), help_text=_("MP3, OGG, WAV or M4A, uploaded as a document.")
    )
    transcript = blocks.TextBlock(label=_("transcript or description"), required=False)

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "blocks/audio.html"
        preview_value = {"title": "Play-along: Vårsang", "transcript": ""}
        description = _("An uploaded sound file with a player and an optional transcript.")

    def clean(self, value):
        value = super().clean(value)
        error = _file_kind_error(
            value.get("audio"), AUDIO_EXTENSIONS, _("Choose an audio file (MP3, OGG, WAV or M4A).")
        )
        if error:
            raise StructBlockValidationError(block_errors={"audio": error})
        return value


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("title"), max_length=200, help_text=_("Shown before the video is loaded.")
    )
    url = blocks.URLBlock(
        label=_("YouTube or Vimeo address"),
        required=False,
        help_text=_("Loaded only when the viewer clicks, through the privacy-enhanced player."),
    )
    file = DocumentChooserBlock(
        label=_("or an uploaded video file"), required=False, help_text=_("MP4 or WebM.")
    )
    transcript = blocks.TextBlock(label=_("transcript or description"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        preview_value = {"title": "Slik stemmer du gitaren", "url": ""}
        description = _("A YouTube or Vimeo video that loads after a click, or a video file.")

    def clean(self, value):
        value = super().clean(value)
        url, file = value.get("url"), value.get("file")
        errors = {}
        if bool(url) == bool(file):
            errors["url"] = ValidationError(
                _("Give either a YouTube or Vimeo address or a video file, not both.")
            )
        elif url and parse_video_url(url) is None:
            errors["url"] = ValidationError(
                _("Only YouTube and Vimeo video addresses can be embedded.")
            )
        elif file is not None:
            error = _file_kind_error(
                file, VIDEO_EXTENSIONS, _("Choose a video file (MP4 or WebM).")
            )
            if error:
                errors["file"] = error
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video"] = parse_video_url(value.get("url") or "")
        return context


class DocumentBlock(blocks.StructBlock):
    KINDS = [
        ("score", _("Sheet music")),
        ("lesson-plan", _("Lesson plan")),
        ("worksheet", _("Worksheet")),
        ("other", _("Document")),
    ]
    document = DocumentChooserBlock(label=_("file"))
    kind = blocks.ChoiceBlock(label=_("kind"), choices=KINDS, default="score")
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)
    preview_image = ImageChooserBlock(
        label=_("preview image"), required=False, help_text=_("For example the first page.")
    )
    preview_alt = blocks.CharBlock(label=_("preview image text"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Sheet music or document")
        template = "blocks/document.html"
        preview_value = {"kind": "score", "title": "Vårsang, stemme for kornett i B"}
        description = _("A PDF of sheet music or a lesson plan, with its file type and size.")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        error = _file_kind_error(
            value.get("document"),
            DOCUMENT_EXTENSIONS,
            _("Choose a document (PDF, Word, OpenDocument, MusicXML or MIDI)."),
        )
        if error:
            errors["document"] = error
        if value.get("preview_image") and not value.get("preview_alt"):
            errors["preview_alt"] = ValidationError(_("Describe the preview image."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(self.KINDS).get(value.get("kind"), "")
        return context


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step title"), max_length=200)
    text = blocks.RichTextBlock(label=_("what to do"), features=SHORT_TEXT_FEATURES)
    screenshot = ImageChooserBlock(label=_("screenshot"), required=False)
    screenshot_alt = blocks.CharBlock(label=_("screenshot text"), required=False, max_length=250)

    class Meta:
        icon = "list-ol"
        label = _("Numbered step")
        template = "blocks/step.html"
        preview_value = {"title": "Logg inn", "text": "<p>Åpne appen og logg inn med Feide.</p>"}
        description = _("One step of a how-to: numbered automatically.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("screenshot") and not value.get("screenshot_alt"):
            raise StructBlockValidationError(
                block_errors={"screenshot_alt": ValidationError(_("Describe the screenshot."))}
            )
        return value


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("tip", _("Tip")), ("warning", _("Warning"))],
        default="tip",
        widget=forms.RadioSelect,
    )
    text = blocks.RichTextBlock(label=_("text"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Tip or warning")
        template = "blocks/callout.html"
        preview_value = {"kind": "tip", "text": "<p>La elevene velge tempo selv.</p>"}
        description = _("A highlighted tip or warning.")


class ResourceLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        label=_("resource or guide"), page_type=["courses.ResourcePage", "courses.ToolGuidePage"]
    )
    note = blocks.CharBlock(label=_("why it is useful"), required=False, max_length=250)

    class Meta:
        icon = "link"
        label = _("Link to another resource")
        template = "blocks/resource_link.html"
        preview_value = {"note": "Passer godt som neste steg."}
        description = _("A card linking to another resource or tool guide.")


class LibraryStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageBlock()
    audio = AudioBlock()
    video = VideoBlock()
    document = DocumentBlock()
    step = StepBlock()
    callout = CalloutBlock()
    resource_link = ResourceLinkBlock()


# --- Learning: blocks only lessons use -------------------------------------------------


class EmbeddedResourceBlock(blocks.StructBlock):
    """A library resource or tool guide shown as a card inside a lesson. The lesson
    shows it only to learners the resource's own audience includes."""

    page = blocks.PageChooserBlock(
        label=_("resource or guide"), page_type=["courses.ResourcePage", "courses.ToolGuidePage"]
    )
    note = blocks.CharBlock(label=_("what to do with it"), required=False, max_length=250)

    class Meta:
        icon = "doc-empty-inverse"
        label = _("Resource from the library")
        template = "blocks/embedded_resource.html"
        preview_value = {"note": "Les ressursen og prøv øvelsen."}
        description = _("A resource or tool guide from the library, shown as a card.")


class SelfCheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    correct = blocks.BooleanBlock(
        label=_("correct"),
        required=False,
        help_text=_("For ordering questions, list the answers in the right order instead."),
    )
    feedback = blocks.CharBlock(label=_("feedback when chosen"), required=False, max_length=400)


class SelfCheckBlock(blocks.StructBlock):
    """A question graded on the server. Its template shows the question and the
    answers in a neutral order, never which is right (see courses/learning/grading.py)."""

    KINDS = [
        ("single", _("Single choice")),
        ("multiple", _("Multiple choice")),
        ("ordering", _("Put in order")),
        ("reflection", _("Short reflection (free text)")),
        ("audio", _("Listen, then choose")),
    ]
    kind = blocks.ChoiceBlock(label=_("kind"), choices=KINDS, default="single")
    question = blocks.CharBlock(label=_("question"), max_length=400)
    audio = DocumentChooserBlock(
        label=_("sound clip"),
        required=False,
        help_text=_("For “Listen, then choose”: the clip the learner plays first."),
    )
    options = blocks.ListBlock(
        SelfCheckOptionBlock(),
        label=_("answers"),
        required=False,
        min_num=0,
        max_num=10,
    )
    feedback_correct = blocks.CharBlock(
        label=_("feedback when right"), required=False, max_length=400
    )
    feedback_wrong = blocks.CharBlock(
        label=_("feedback when not yet right"), required=False, max_length=400
    )

    class Meta:
        icon = "help"
        label = _("Self-check")
        template = "blocks/self_check.html"
        preview_value = {"kind": "single", "question": "Hvor mange slag har en 4/4-takt?"}
        description = _(
            "A question with feedback, checked on the server: choice, order, reflection "
            "or listening."
        )

    def clean(self, value):
        value = super().clean(value)
        kind, options = value.get("kind"), value.get("options") or []
        errors = {}
        right = sum(1 for option in options if option.get("correct"))
        if kind == "reflection":
            pass
        elif len(options) < 2:
            errors["options"] = ValidationError(_("Give at least two answers."))
        elif kind in ("single", "audio") and right != 1:
            errors["options"] = ValidationError(_("Mark exactly one answer as correct."))
        elif kind == "multiple" and right < 1:
            errors["options"] = ValidationError(_("Mark at least one answer as correct."))
        if kind == "audio" and value.get("audio") is None:
            errors["audio"] = ValidationError(_("Choose the sound clip to play."))
        elif kind == "audio":
            error = _file_kind_error(
                value.get("audio"),
                AUDIO_EXTENSIONS,
                _("Choose an audio file (MP3, OGG, WAV or M4A)."),
            )
            if error:
                errors["audio"] = error
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class LessonStreamBlock(LibraryStreamBlock):
    """A lesson: everything a library page has, plus library resources and self-checks."""

    resource = EmbeddedResourceBlock()
    self_check = SelfCheckBlock()
