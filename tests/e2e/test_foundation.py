"""The home, login and sign-up pages in a real browser: render, skip link, axe, language."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.factories.community import InvitationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
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
    assert page.locator("h1").inner_text() == "My profile"
    assert_accessible(page)
    page.goto(f"{live_url}/accounts/password/change/")
    assert_accessible(page)


def test_leader_page_works_at_320_px(page, live_url, login, jon_leader, astrid_teacher):
    page.set_viewport_size({"width": 320, "height": 800})
    login(jon_leader)
    page.goto(f"{live_url}/schools/bergen-kulturskole/")
    assert page.get_by_role("cell", name="Astrid", exact=True).count() == 1
    # Nothing wider than the screen except the scrollable member table.
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 320
    assert_accessible(page)


def test_phone_menu_opens_and_closes_by_keyboard(page, live_url, login, astrid_teacher):
    page.set_viewport_size({"width": 360, "height": 740})
    login(astrid_teacher)
    page.goto(f"{live_url}/forums/")
    # Production's hashed static names mean a module importing "./ui.js" loads a second
    # copy of it beside the page's: the menu must still open with one click.
    page.add_script_tag(url=f"{live_url}/static/samspill/js/ui.js?second-copy", type="module")
    page.wait_for_function("document.documentElement.dataset.uiBound === 'true'")
    nav = page.locator("#site-nav")
    button = page.get_by_role("button", name="Menu")
    # Folded: a compact header, the unread count beside the button.
    assert button.is_visible() and not nav.is_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= 64
    assert page.locator(".header-shortcuts .notification-link").is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert nav.get_by_role("link", name="Forums").is_visible()
    assert_accessible(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    assert page.evaluate("document.activeElement.dataset.menuButton") == ""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # On a wide screen there is no menu button: the navigation is simply there.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not button.is_visible()
    assert nav.get_by_role("link", name="Forums").is_visible()
