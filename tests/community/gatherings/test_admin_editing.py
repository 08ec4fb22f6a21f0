"""Organisers and editors create and edit gatherings in the Wagtail admin."""

import pytest

from community.gatherings.models import GatheringIndexPage
from community.home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["oda_organiser", "eva_editor"])
def test_organisers_and_editors_can_add_a_gathering(client, request, persona):
    index = HomePage.objects.first().add_child(
        instance=GatheringIndexPage(title="Samlinger", slug="samlinger-admin")
    )
    client.force_login(request.getfixturevalue(persona))
    listing = client.get(f"/admin/pages/{index.pk}/")
    assert listing.status_code == 200
    add = client.get(f"/admin/pages/add/gatherings/gatheringpage/{index.pk}/")
    assert add.status_code == 200
    assert 'name="title"' in add.content.decode()
