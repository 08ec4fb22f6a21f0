"""A member registers for a hybrid gathering in the browser and finds it in My gatherings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import assert_accessible
from tests.factories.gatherings import build_gathering

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_for_a_hybrid_gathering(page, live_url, login, astrid_teacher, oda_organiser):
    gathering = build_gathering(
        title="Skole pluss kulturskole",
        organisers=[oda_organiser],
        start=timezone.now() + timedelta(days=5),
        capacity_on_site=30,
        capacity_online=100,
        stream_url="https://meet.example.no/skole",
    )
    page.goto(f"{live_url}/gatherings/")
    assert_accessible(page)
    login(astrid_teacher)
    page.goto(f"{live_url}{gathering.url}")
    assert page.locator("h1").inner_text() == "Skole pluss kulturskole"
    assert_accessible(page)  # the page with its registration form
    page.get_by_label("Online").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    assert "You are registered" in page.locator(".messages").inner_text()
    # Registered online: the stream link is shown (as text; nothing is loaded from it).
    assert page.get_by_role("link", name="https://meet.example.no/skole").count() == 1
    page.goto(f"{live_url}/me/gatherings/")
    assert page.get_by_role("link", name="Skole pluss kulturskole").count() == 1
    assert_accessible(page)
