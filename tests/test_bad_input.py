"""Bad input found by trying Samspill as a new user would: each once gave a 500.

Cases: a sign-up with another address than the invitation's; a truncated PNG in the
resource form; ids beyond 64 bits in paths and filters; a `"` in the Wagtail admin's
image and document search; *adapt* posted with a tool guide's id.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community.members.models import User
from courses.models import ResourcePage
from tests.factories.community import InvitationFactory
from tests.factories.courses import guide

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def test_signup_with_another_address_than_invited_keeps_the_form(client, bergen):
    invitation = InvitationFactory(school=bergen, email="invited@example.org")
    client.get(reverse("join", args=[invitation.code]))
    page = client.get(reverse("account_signup")).content.decode()
    assert 'value="invited@example.org"' in page  # the invited address is filled in
    response = client.post(
        reverse("account_signup"),
        {
            "email": "someone.else@example.org",
            "password1": "a-long-enough-Passw0rd",
            "password2": "a-long-enough-Passw0rd",
            "display_name": "Nina N.",
            "language": "nb",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This invitation was sent to invited@example.org" in html
    assert 'value="Nina N."' in html
    assert not User.objects.filter(email="someone.else@example.org").exists()


def _truncated_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 300), "red").save(out, "PNG")
    return out.getvalue()[:400]


def test_a_truncated_png_is_refused_with_a_message(client, astrid_teacher):
    from tests.courses.test_uploads import _form_data

    client.force_login(astrid_teacher)
    data = _form_data(image=SimpleUploadedFile("kutt.png", _truncated_png()), image_alt="Bilde")
    response = client.post("/me/contributions/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Min ressurs"' in html
    assert "The image file is damaged or incomplete" in html
    assert not ResourcePage.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        f"/gatherings/{HUGE}/calendar.ics",
        f"/me/lists/{HUGE}/",
        f"/forums/t/{HUGE}/",
        f"/resources/?discipline={HUGE}&level={HUGE}&instrument=-1&language=x",
        f"/guides/?platform={HUGE}",
        f"/search/?q=gitar&category={HUGE}&author={HUGE}",
    ],
)
def test_huge_ids_are_not_found_never_a_500(client, astrid_teacher, url):
    client.force_login(astrid_teacher)
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", ["/admin/images/", "/admin/documents/"])
def test_a_quote_in_the_admin_search(client, eva_editor, url):
    from tests.factories.courses import make_document, make_image

    make_image("Gitar"), make_document("Gitarnoter")
    client.force_login(eva_editor)
    for q in ['"', 'gitar "', "a AND OR", "*", "(", "-"]:
        assert client.get(url, {"q": q}).status_code == 200, q


def test_adapt_with_a_tool_guides_id_is_not_found(client, astrid_teacher):
    page = guide(slug="musescore", audience="public")
    client.force_login(astrid_teacher)
    assert client.post(reverse("courses:adapt", args=[page.pk])).status_code == 404


@pytest.mark.django_db
def test_a_nul_byte_in_a_search_is_dropped_not_a_server_error(client):
    response = client.get("/search/", {"q": "gitar\x00"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_nul_bytes_in_any_query_parameter_are_dropped(client):
    for path in (
        "/search/?q=a%00&author=%00&category=x%00",
        "/resources/?q=%00gitar",
        "/courses/?q=%00",
    ):
        assert client.get(path).status_code == 200, path
