"""The home, login and sign-up pages in a real browser: render, skip link, axe, language."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.factories.community import InvitationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_render_accessibly(page, live_url, path):
    response = page.goto(f"{live_url}{path}")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("main#main").count() == 1
    assert_accessible(page)


def test_signup_by_invitation_page_is_accessible(page, live_url, bergen):
    invitation = InvitationFactory(school=bergen, role="pupil")
    page.goto(f"{live_url}/join/{invitation.code}/")
    page.get_by_role("link", name="Create my account").click()
    assert page.locator("select[name=age_band]").is_visible()
    assert_accessible(page)


def test_skip_link_moves_focus_to_main(page, live_url):
    page.goto(f"{live_url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_changes_the_ui_language(page, live_url):
    page.goto(f"{live_url}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#language-select", "da")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator(".account-nav").get_by_role("link", name="Log ind").count() == 1


def test_member_logs_in_and_sees_profile(page, live_url, login, astrid_teacher):
    login(astrid_teacher)
    page.goto(f"{live_url}/me/")
    assert page.locator("h1").inner_text() in {"My profile", "Min profil"}
    assert_accessible(page)
