"""An index page an editor deleted stays deleted after the next migrate."""

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
