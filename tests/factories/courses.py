"""Library pages for tests: published resources and guides with taxonomy and files."""

import io

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from community import l10n
from courses.demo_media import cover_png, melody_wav
from courses.models import ResourceIndexPage, ResourcePage, ToolGuideIndexPage, ToolGuidePage
from courses.snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level, Platform


def resource_index() -> ResourceIndexPage:
    return l10n.originals(ResourceIndexPage.objects).get()  # not its translations


def guide_index() -> ToolGuideIndexPage:
    return l10n.originals(ToolGuideIndexPage.objects).get()


def make_image(title="Bilde", seed=0):
    image = get_image_model()(
        title=title, file=ImageFile(io.BytesIO(cover_png(title, seed, (320, 180))), name="t.png")
    )
    image._set_image_file_metadata()
    image.save()
    return image


# A one-object PDF: valid for the upload checks, and ~200 times faster to make than
# rendering a page of sheet music (which the authorisation matrix did 484 times).
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def make_document(title="Noter", kind="pdf"):
    content = TINY_PDF if kind == "pdf" else melody_wav(notes=(60, 64), beat=0.1)
    document = get_document_model()(title=title)
    document.file.save(f"{title}.{kind}", ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ressurs {n}")
    slug = factory.Sequence(lambda n: f"ressurs-{n}")
    summary = "Et opplegg for samspill."
    author_name = "Astrid"
    licence = "cc-by-sa"
    audience = "public"
    parent = factory.LazyFunction(resource_index)
    live = True

    class Meta:
        model = ResourcePage


class ToolGuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Veiledning {n}")
    slug = factory.Sequence(lambda n: f"veiledning-{n}")
    summary = "Slik bruker du verktøyet."
    tool_name = factory.Sequence(lambda n: f"Verktøy {n}")
    author_name = "Kari"
    audience = "public"
    parent = factory.LazyFunction(guide_index)
    live = True

    class Meta:
        model = ToolGuidePage


def resource(
    *,
    disciplines=(),
    instruments=(),
    levels=(),
    ages=(),
    language="",
    tags=(),
    publish=True,
    **fields,
) -> ResourcePage:
    """A resource with terms given by slug, published through Wagtail (signals run)."""
    page = ResourcePageFactory.build(**fields)
    page.disciplines.set(Discipline.objects.filter(slug__in=disciplines))
    page.instruments.set(Instrument.objects.filter(slug__in=instruments))
    page.levels.set(Level.objects.filter(slug__in=levels))
    page.age_groups.set(AgeGroup.objects.filter(slug__in=ages))
    if language:
        page.language = ContentLanguage.objects.get(slug=language)
    page.live = False
    resource_index().add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
        page.save()
    if publish:
        page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk)


def guide(*, platforms=(), publish=True, statuses=(), **fields) -> ToolGuidePage:
    from courses.models import ToolPrivacyStatus

    page = ToolGuidePageFactory.build(**fields)
    page.platforms.set(Platform.objects.filter(slug__in=platforms))
    page.privacy_statuses = [ToolPrivacyStatus(**status) for status in statuses]
    page.live = False
    guide_index().add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return ToolGuidePage.objects.get(pk=page.pk)
