"""Nothing restricted is reachable by address: originals, renditions and documents of
pages that are not public, in drafts, removed from a page or never attached, are refused
to visitors and pupils under /media/ and /documents/ (courses/files/)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupCollectionPermission
from wagtail.permissions import policy_registry

from courses.audience import TEACHERS_GROUP
from courses.files.services import file_uses_rebuild
from courses.models import FileUse
from tests.factories.courses import make_document, make_image, resource

pytestmark = pytest.mark.django_db


def _doc_block(document):
    return ("document", {"document": document, "kind": "score", "title": "Noter"})


def _image_block(picture):
    return ("image", {"image": picture, "alt_text": "Noter", "caption": ""})


def _addresses(document=None, picture=None):
    urls = []
    if document is not None:
        urls += [f"/media/{document.file.name}", f"/documents/{document.pk}/{document.filename}"]
    if picture is not None:
        urls += [f"/media/{picture.file.name}", picture.get_rendition("width-800").url]
    return urls


def _refused(client, url, pupil):
    client.logout()
    visitor = client.get(url)
    client.force_login(pupil)
    member = client.get(url)
    client.logout()
    return visitor.status_code == 302 and member.status_code == 403


def test_every_restricted_file_is_refused_to_visitors_and_pupils(
    client, astrid_teacher, ingrid_pupil_14, eva_editor
):
    teacher_doc, teacher_image = make_document("laerer"), make_image("laerer", 1)
    draft_doc, draft_image = make_document("utkast"), make_image("utkast", 2)
    removed_doc, unattached_doc = make_document("fjernet"), make_document("løs")
    public_doc, public_image = make_document("open"), make_image("open", 3)
    resource(
        slug="teachers",
        audience="teachers",
        body=[_doc_block(teacher_doc), _image_block(teacher_image)],
    )
    # A public page whose unpublished draft adds files: only the live content counts.
    public = resource(
        slug="open",
        owner=astrid_teacher,
        body=[_doc_block(public_doc), _image_block(public_image), _doc_block(removed_doc)],
    )
    public.body = [_doc_block(public_doc), _image_block(public_image)]
    public.save_revision().publish()  # removed_doc is gone from the live page
    public.body = [
        _doc_block(public_doc),
        _image_block(public_image),
        _doc_block(draft_doc),
        _image_block(draft_image),
    ]
    public.save_revision()

    restricted = [
        *_addresses(teacher_doc, teacher_image),
        *_addresses(draft_doc, draft_image),
        *_addresses(removed_doc),
        *_addresses(unattached_doc),
    ]
    refused = [url for url in restricted if _refused(client, url, ingrid_pupil_14)]
    assert refused == restricted

    for url in _addresses(public_doc, public_image):
        response = client.get(url)
        assert response.status_code == 200, url
    rendition = client.get(public_image.get_rendition("width-800").url)
    assert rendition["Cache-Control"].startswith("public")
    assert rendition["Content-Security-Policy"] == "sandbox"

    # The draft's owner and editors see the draft's files; teachers see teachers' files.
    client.force_login(astrid_teacher)
    assert client.get(f"/media/{draft_doc.file.name}").status_code == 200
    assert client.get(_addresses(picture=teacher_image)[1])["Cache-Control"].startswith("private")
    assert client.get(f"/media/{unattached_doc.file.name}").status_code == 403
    client.force_login(eva_editor)
    assert client.get(f"/media/{unattached_doc.file.name}").status_code == 200
    # Page-scoped addresses check drafts the same way.
    assert client.get(f"/library/{public.pk}/files/{draft_doc.pk}/").status_code == 200
    client.force_login(ingrid_pupil_14)
    assert client.get(f"/library/{public.pk}/files/{draft_doc.pk}/").status_code == 404
    assert client.get("/media/../samspill.sqlite3").status_code == 404
    assert client.get("/media/other/thing.txt").status_code == 404


def test_an_image_is_public_only_while_every_page_using_it_is(client, settings):
    picture = make_image("delt", 4)
    resource(slug="open", body=[_image_block(picture)])
    url = picture.get_rendition("width-800").url
    assert client.get(url)["Cache-Control"].startswith("public")
    resource(slug="teachers", audience="teachers", body=[_image_block(picture)])
    response = client.get(url)
    # Still on a public page, so visitors get it, but no shared cache may keep it.
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    # Behind nginx, Django checks and nginx sends the bytes.
    settings.SAMSPILL_MEDIA_ACCEL_REDIRECT = "/protected-media/"
    response = client.get(url)
    assert response["X-Accel-Redirect"] == "/protected-media" + url.removeprefix("/media")
    assert response.content == b""


def test_choosers_show_each_editor_only_what_they_may_see(
    client, astrid_teacher, kari_other_school_teacher, eva_editor
):
    on_public, on_teachers = make_image("Offentlig", 1), make_image("Lærer", 2)
    in_kari_draft = make_image("Karis utkast", 3)
    make_image("Løst", 4)  # on no page, uploaded by nobody here
    own = make_image("Mitt", 5)
    own.uploaded_by_user = astrid_teacher
    own.save()
    resource(slug="open", body=[_image_block(on_public)])
    resource(slug="teachers", audience="teachers", body=[_image_block(on_teachers)])
    draft = resource(slug="draft2", owner=kari_other_school_teacher, publish=False)
    draft.body = [_image_block(in_kari_draft)]
    draft.save_revision()

    policy = policy_registry.get_by_type(get_image_model())
    choosable = policy.instances_user_has_any_permission_for(astrid_teacher, ["choose"])
    assert set(choosable.values_list("title", flat=True)) == {"Offentlig", "Lærer", "Mitt"}
    kari = policy.instances_user_has_any_permission_for(kari_other_school_teacher, ["choose"])
    assert "Karis utkast" in set(kari.values_list("title", flat=True))
    editor = policy.instances_user_has_any_permission_for(eva_editor, ["choose"])
    assert editor.count() == 5

    client.force_login(astrid_teacher)
    html = client.get("/admin/images/chooser/").content.decode()
    assert "Offentlig" in html and "Mitt" in html
    assert "Karis utkast" not in html and "Løst" not in html

    # Documents follow the same rule.
    document = make_document("løs-fil")
    documents = policy_registry.get_by_type(get_document_model())
    assert document not in documents.instances_user_has_any_permission_for(
        astrid_teacher, ["choose"]
    )
    assert GroupCollectionPermission.objects.filter(
        group=Group.objects.get(name=TEACHERS_GROUP), permission__codename="choose_document"
    ).exists()


def test_file_uses_can_be_rebuilt_from_pages_and_revisions():
    document, draft_doc = make_document("a"), make_document("b")
    page = resource(slug="r", body=[_doc_block(document)])
    page.body = [_doc_block(document), _doc_block(draft_doc)]
    page.save_revision()
    before = set(FileUse.objects.values_list("page_id", "kind", "object_id", "live"))
    FileUse.objects.all().delete()
    file_uses_rebuild()
    after = set(FileUse.objects.values_list("page_id", "kind", "object_id", "live"))
    assert after == before
    assert (page.pk, "document", draft_doc.pk, False) in after
    assert (page.pk, "document", draft_doc.pk, True) not in after
