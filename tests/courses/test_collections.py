"""Resource lists: a teacher collects resources and shares the link; a pupil following
the link sees only what pupils may see."""

import pytest

from courses import services
from courses.models import ResourceCollection
from tests.factories.courses import resource

pytestmark = pytest.mark.django_db


def test_make_a_list_save_resources_and_share_it(client, astrid_teacher, ingrid_pupil_14):
    open_page = resource(title="Vårsang", slug="varsang")
    teachers = resource(title="Fasit for lærere", slug="fasit", audience="teachers")
    client.force_login(astrid_teacher)
    response = client.post("/me/lists/", {"title": "Onsdagsgruppa", "description": "Kornett"})
    collection = ResourceCollection.objects.get()
    assert response["Location"] == f"/me/lists/{collection.pk}/"
    client.post(f"/library/{open_page.pk}/save/", {"collection": collection.pk})
    client.post(f"/library/{teachers.pk}/save/", {"collection": collection.pk})
    response = client.post(
        f"/library/{open_page.pk}/save/", {"collection": collection.pk}, follow=True
    )
    assert "Already in “Onsdagsgruppa”" in response.content.decode()
    manage = client.get(f"/me/lists/{collection.pk}/").content.decode()
    assert "Vårsang" in manage and "Fasit for lærere" in manage
    share = f"/lists/{collection.share_token}/"
    assert share in manage

    client.force_login(ingrid_pupil_14)
    html = client.get(share).content.decode()
    assert "Vårsang" in html and "Fasit for lærere" not in html
    assert "1 more item is only for teachers or members." in html
    client.logout()
    assert "Fasit for lærere" not in client.get(share).content.decode()


def test_new_list_from_a_resource_page_and_name_clash(client, astrid_teacher):
    page = resource(title="Vårsang")
    client.force_login(astrid_teacher)
    client.post(f"/library/{page.pk}/save/", {"new_title": "Høst"})
    assert ResourceCollection.objects.get().items.count() == 1
    response = client.post("/me/lists/", {"title": "Høst"})
    assert "You already have a list with this name." in response.content.decode()
    assert ResourceCollection.objects.count() == 1
    response = client.post(f"/library/{page.pk}/save/", {}, follow=True)
    assert "Choose a list or name a new one." in response.content.decode()


def test_remove_rename_new_link_and_delete(client, astrid_teacher):
    page = resource()
    collection = services.collection_create(owner=astrid_teacher, title="Vår")
    services.collection_add(collection=collection, page=page, user=astrid_teacher)
    old_token = collection.share_token
    client.force_login(astrid_teacher)
    url = f"/me/lists/{collection.pk}/"
    client.post(url, {"action": "remove", "page": page.pk})
    assert not collection.items.exists()
    client.post(url, {"action": "remove", "page": "not-a-number"})
    client.post(url, {"title": "Sommer", "description": ""})
    client.post(url, {"action": "new-link"})
    collection.refresh_from_db()
    assert collection.title == "Sommer" and collection.share_token != old_token
    assert client.get(f"/lists/{old_token}/").status_code == 404
    client.post(url, {"action": "delete"})
    assert not ResourceCollection.objects.exists()


def test_lists_are_private_to_their_owner(client, astrid_teacher, kari_other_school_teacher):
    collection = services.collection_create(owner=astrid_teacher, title="Min")
    client.force_login(kari_other_school_teacher)
    assert client.get(f"/me/lists/{collection.pk}/").status_code == 403
    assert client.post(f"/me/lists/{collection.pk}/", {"action": "delete"}).status_code == 403
    assert ResourceCollection.objects.exists()


def test_lists_are_in_the_members_data_export_and_erased_with_the_account(astrid_teacher):
    from community.members.privacy import exporters

    page = resource(title="Vårsang")
    collection = services.collection_create(owner=astrid_teacher, title="Min")
    services.collection_add(collection=collection, page=page, user=astrid_teacher)
    exported = exporters()["library"](astrid_teacher)
    assert exported["lists"] == [{"name": "Min", "description": "", "pages": ["Vårsang"]}]
    astrid_teacher.delete()
    assert not ResourceCollection.objects.exists()
