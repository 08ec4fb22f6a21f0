"""Library set-up: an index page an editor deleted stays deleted after the next migrate,
and no page address is reserved by the site's own forms."""

import pytest

from courses.models import ToolGuideIndexPage
from courses.setup import library_setup

pytestmark = pytest.mark.django_db


def test_a_deleted_index_page_is_not_recreated(client, admin_user):
    index = ToolGuideIndexPage.objects.get()
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{index.pk}/delete/")
    assert response.status_code == 302
    assert not ToolGuideIndexPage.objects.exists()
    library_setup()  # what every migrate runs
    assert not ToolGuideIndexPage.objects.exists()


def test_a_resource_whose_slug_is_submit_is_reachable(client):
    """The contribution form lives under /me/, so no page address is taken from editors."""
    from tests.factories.courses import resource

    page = resource(title="Submit: a song about sending", slug="submit")
    response = client.get("/resources/submit/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
