"""Audiences: Wagtail view restrictions follow the page's audience, the Teachers group
follows school memberships, and files, images and previews obey the same rule.
(The full URL × persona table is in access_rows.py.)"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from community.schools.models import SchoolMembership
from courses.audience import TEACHERS_GROUP
from tests.factories.courses import make_document, make_image, resource

pytestmark = pytest.mark.django_db


def test_audience_becomes_a_wagtail_view_restriction_on_publish():
    page = resource(slug="r", audience="public")
    assert not PageViewRestriction.objects.filter(page=page).exists()
    page.audience = "teachers"
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.get(page=page)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {
        TEACHERS_GROUP,
        "Library editors",
    }
    page.audience = "members"
    page.save_revision().publish()
    assert PageViewRestriction.objects.get(page=page).restriction_type == PageViewRestriction.LOGIN


def test_a_draft_audience_does_not_change_the_live_restriction():
    page = resource(slug="r", audience="teachers")
    page.audience = "public"
    page.save_revision()  # not published
    assert PageViewRestriction.objects.get(page=page).restriction_type == PageViewRestriction.GROUPS


def test_teachers_group_follows_school_memberships(bergen, lorenskog):
    from tests.factories.community import MembershipFactory, UserFactory

    user = UserFactory()
    membership = MembershipFactory(user=user, school=bergen, role="pupil")
    assert not user.groups.filter(name=TEACHERS_GROUP).exists()
    membership.role = "teacher"
    membership.save()
    assert user.groups.filter(name=TEACHERS_GROUP).exists()
    MembershipFactory(user=user, school=lorenskog, role="leader")
    membership.delete()
    assert user.groups.filter(name=TEACHERS_GROUP).exists()
    SchoolMembership.objects.filter(user=user).delete()
    assert not Group.objects.get(name=TEACHERS_GROUP).user_set.filter(pk=user.pk).exists()


def test_pupils_get_a_clear_403_not_a_login_loop(client, ingrid_pupil_14):
    page = resource(slug="r", audience="teachers")
    client.force_login(ingrid_pupil_14)
    response = client.get(page.url)
    assert response.status_code == 403
    assert "This page is for teachers." in response.content.decode()


def test_restricted_page_images_never_use_public_rendition_addresses(client, astrid_teacher):
    picture = make_image("hemmelig")
    page = resource(
        slug="r",
        audience="teachers",
        cover_image=picture,
        cover_alt="Noter",
        body=[("image", {"image": picture, "alt_text": "Noter", "caption": ""})],
    )
    client.force_login(astrid_teacher)
    html = client.get(page.url).content.decode()
    assert "/media/images/" not in html
    assert f"/library/{page.pk}/images/{picture.pk}/width-800/" in html
    listing = client.get("/resources/").content.decode()
    assert "/media/images/" not in listing and f"/library/{page.pk}/images/" in listing
    image_response = client.get(f"/library/{page.pk}/images/{picture.pk}/width-800/")
    assert image_response.status_code == 200
    assert image_response["Content-Type"] == "image/png"
    assert image_response["Cache-Control"].startswith("private")


def test_files_are_served_inline_or_as_download(client):
    document = make_document("noter")
    page = resource(slug="r", body=[("document", {"document": document, "kind": "score"})])
    inline = client.get(f"/library/{page.pk}/files/{document.pk}/")
    assert inline.status_code == 200 and inline["Content-Type"] == "application/pdf"
    assert "attachment" not in inline.get("Content-Disposition", "")
    assert b"".join(inline.streaming_content).startswith(b"%PDF-")
    download = client.get(f"/library/{page.pk}/files/{document.pk}/?download=1")
    assert download["Content-Disposition"].startswith("attachment")


def test_drafts_are_visible_only_to_their_owner_and_editors(
    client, astrid_teacher, kari_other_school_teacher, eva_editor
):
    document = make_document("utkast")
    page = resource(
        slug="utkast",
        owner=astrid_teacher,
        publish=False,
        body=[("document", {"document": document, "kind": "score"})],
    )
    url = f"/library/{page.pk}/files/{document.pk}/"
    client.force_login(kari_other_school_teacher)
    assert client.get(url).status_code == 403
    client.force_login(astrid_teacher)
    assert client.get(url).status_code == 200
    client.force_login(eva_editor)
    assert client.get(url).status_code == 200


def test_pupils_cannot_reach_admin_previews(client, ingrid_pupil_14):
    page = resource(slug="r", audience="teachers")
    client.force_login(ingrid_pupil_14)
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response.status_code in {302, 403}
    assert b"Fordypning" not in response.content


def test_teachers_may_edit_only_their_own_drafts_and_never_publish(
    astrid_teacher, kari_other_school_teacher
):
    own = resource(slug="egen", owner=astrid_teacher, publish=False)
    other = resource(slug="annen", owner=kari_other_school_teacher, publish=False)
    own_perms = own.permissions_for_user(astrid_teacher)
    assert own_perms.can_edit()
    assert not own_perms.can_publish()
    assert not other.permissions_for_user(astrid_teacher).can_edit()
