"""Bad uploads are refused with a clear message, and what the teacher typed is kept.

Cases, through the friendly form and Wagtail's own upload screens: a text file renamed
.png, an oversize image, a decompression bomb (more pixels than allowed), an SVG with
a script, a "PDF" that is HTML, an oversize document.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from courses.demo_media import cover_png, score_pdf
from courses.models import ResourcePage
from courses.snippets import ContentLanguage, Discipline, Level

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>'


def _form_data(**extra):
    return {
        "title": "Min ressurs",
        "summary": "Kort om den",
        "description": "Første avsnitt.\n\nAndre avsnitt.",
        "disciplines": [Discipline.objects.get(slug="music").pk],
        "levels": [Level.objects.get(slug="beginner").pk],
        "language": ContentLanguage.objects.get(slug="nb").pk,
        "licence": "cc-by-sa",
        "audience": "public",
        "action": "review",
        **extra,
    }


def _bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (7000, 7000)).save(out, "PNG")  # 49 million pixels, a few kB on disk
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("noter.png", b"this is not an image at all", "Upload a valid image"),
        ("tegning.svg", SVG, "Not a supported image format"),
        ("tegning.png", SVG, "The extension does not match the file format (svg)"),
        ("bombe.png", _bomb(), "too many pixels"),
    ],
)
def test_bad_images_are_refused_in_the_friendly_form(
    client, astrid_teacher, name, content, message
):
    client.force_login(astrid_teacher)
    data = _form_data(image=SimpleUploadedFile(name, content), image_alt="Bilde")
    response = client.post("/me/contributions/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message.lower() in html.lower(), html[:3000]
    assert 'value="Min ressurs"' in html  # what was typed is kept
    assert "Første avsnitt." in html
    assert not ResourcePage.objects.exists()


def test_oversize_image_is_refused(client, astrid_teacher, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    client.force_login(astrid_teacher)
    data = _form_data(image=SimpleUploadedFile("stor.png", cover_png("x", 1)), image_alt="Bilde")
    html = client.post("/me/contributions/new/", data).content.decode()
    assert "This file is too big" in html
    assert not ResourcePage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("noter.pdf", b"<html><script>alert(1)</script></html>", "does not look like a PDF file"),
        ("noter.exe", b"MZ\x90\x00", "cannot be uploaded"),
        ("lyd.mp3", b"RIFF....WAVEfmt ", "does not look like a MP3 file"),
    ],
)
def test_bad_documents_are_refused(client, astrid_teacher, name, content, message):
    client.force_login(astrid_teacher)
    html = client.post(
        "/me/contributions/new/", _form_data(file=SimpleUploadedFile(name, content))
    ).content.decode()
    assert message in html
    assert "files must be chosen again" in html
    assert not ResourcePage.objects.exists()


def test_oversize_document_is_refused(client, astrid_teacher, settings):
    settings.SAMSPILL_LIBRARY_MAX_FILE_SIZE = 100
    client.force_login(astrid_teacher)
    data = _form_data(file=SimpleUploadedFile("noter.pdf", score_pdf("x", 2)))
    html = client.post("/me/contributions/new/", data).content.decode()
    assert "the largest allowed is 100" in html
    assert not ResourcePage.objects.exists()


def test_wagtail_admin_image_upload_refuses_a_bomb_and_svg(client, eva_editor):
    from wagtail.images import get_image_model

    client.force_login(eva_editor)
    for name, content in [("bombe.png", _bomb()), ("x.svg", SVG), ("x.png", b"text")]:
        response = client.post(
            "/admin/images/add/", {"title": "x", "file": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 200, name
    assert not get_image_model().objects.exists()


def test_wagtail_admin_document_upload_checks_the_content(client, eva_editor):
    from wagtail.documents import get_document_model

    client.force_login(eva_editor)
    response = client.post(
        "/admin/documents/add/",
        {"title": "x", "file": SimpleUploadedFile("x.pdf", b"<html></html>")},
    )
    assert "does not look like a PDF file" in response.content.decode()
    assert not get_document_model().objects.exists()
    client.post(
        "/admin/documents/add/",
        {"title": "ok", "file": SimpleUploadedFile("ok.pdf", score_pdf("ok", 2))},
    )
    assert get_document_model().objects.filter(title="ok").exists()
