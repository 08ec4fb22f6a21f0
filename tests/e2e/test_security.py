"""The Content-Security-Policy in a real browser: the main pages and Wagtail's admin (a
gathering with inline sessions and date pickers, a library page's stream, the choosers)
load with no violation and no request leaving 127.0.0.1 (both checked by the `page`
fixture for every browser test), and no page refers to Gravatar."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.factories.courses import make_document, make_image, resource
from tests.factories.gatherings import build_gathering

pytestmark = pytest.mark.django_db(transaction=True)


def _visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, url
    return response.headers["content-security-policy"]


def test_main_pages_and_the_admin_run_under_the_policy(page, live_url, login, admin_user, bergen):
    gathering = build_gathering(title="Samspilldag", organisers=[admin_user])
    picture = make_image("Noter")
    library_page = resource(
        title="Vårsang",
        slug="varsang",
        audience="teachers",
        cover_image=picture,
        cover_alt="Noter",
        body=[("document", {"document": make_document("noter"), "kind": "score"})],
    )
    for path in ["/", "/resources/", "/guides/", "/gatherings/", "/forums/", "/accounts/login/"]:
        policy = _visit(page, f"{live_url}{path}")
        assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy

    login(admin_user)
    for path in [library_page.url, gathering.url, "/me/", "/me/notifications/", "/search/?q=v"]:
        policy = _visit(page, f"{live_url}{path}")
        assert "'unsafe-inline'" not in policy
    _visit(page, f"{live_url}/gatherings/{gathering.pk}/participants/")
    _visit(page, f"{live_url}/audit/")
    assert page.locator("tbody tr").count() >= 1  # the participant list just viewed
    assert_accessible(page)
    for path in [
        "/admin/",
        f"/admin/pages/{gathering.pk}/edit/",
        f"/admin/pages/{library_page.pk}/edit/",
        "/admin/images/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/users/",
    ]:
        policy = _visit(page, f"{live_url}{path}")
        assert "frame-ancestors 'self'" in policy, path
        assert "gravatar" not in page.content().lower(), path
    # The admin's inline date pickers and panels still work under its policy.
    page.goto(f"{live_url}/admin/pages/{gathering.pk}/edit/")
    page.locator("button", has_text="Add").first.click()


def test_privacy_accessibility_and_approval_pages_pass_axe(page, live_url):
    page.goto(f"{live_url}/")
    for name in ["Privacy notice", "Privacy for pupils", "Accessibility statement"]:
        page.goto(f"{live_url}/")
        page.locator("footer").get_by_role("link", name=name).click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_url}/privacy/approval-pack/")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
