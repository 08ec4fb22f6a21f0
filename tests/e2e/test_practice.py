"""The practice room in a real browser with Chromium's fake microphone: a pupil records
(count-in clicks, MediaRecorder), keeps and hands in the take; the teacher finds it in
the inbox and adds feedback at the player's position. axe finds nothing on the
assignment (recorder), feedback and inbox pages; no CSP violation, no outside request."""

import pytest

from courses.practice import services
from courses.practice.models import Take, TakeComment, TakeStatus
from tests.e2e.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    assert_accessible,
    watched_page,
)

pytestmark = pytest.mark.django_db(transaction=True)

FAKE_MICROPHONE = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture
def mic_page(browser, daphne_url, _base_data):
    """Its own browser: the fake microphone flags are for this test only. It is launched
    from the session's Playwright (a second sync_playwright() cannot start while the
    first one's loop runs in this thread)."""
    outside, violations = [], []
    mic_browser = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + FAKE_MICROPHONE
    )
    context = mic_browser.new_context(locale="en-GB", viewport={"width": 360, "height": 800})
    context.grant_permissions(["microphone"])
    page = watched_page(context, outside, violations)
    page.set_default_timeout(15_000)
    yield page
    context.close()
    mic_browser.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not violations, f"Content-Security-Policy violations: {violations}"


def _login(page, url, user, password):
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_pupil_records_and_hands_in_teacher_gives_feedback(
    mic_page, daphne_url, password, astrid_teacher, ingrid_pupil_14, bergen
):
    page = mic_page
    assignment = services.assignment_create(
        teacher=astrid_teacher,
        school_id=bergen.pk,
        title="Vårsang, takt 1–16",
        pupils=[ingrid_pupil_14],
        tempo=240,
    )
    _login(page, daphne_url, ingrid_pupil_14, password)
    page.goto(f"{daphne_url}/practice/assignments/{assignment.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Start recording").click()
    page.get_by_role("button", name="Stop").wait_for(state="visible")
    page.wait_for_function(
        "() => Number(document.querySelector('[data-recorder]').dataset.recordedChunks) >= 2"
    )
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("button", name="Keep this take").click()
    page.wait_for_url("**/practice/takes/*/")
    take = Take.objects.get()
    assert take.file.name.endswith((".webm", ".ogg")) and take.size > 0
    page.get_by_role("button", name="Hand in this take").click()
    page.wait_for_load_state()
    take.refresh_from_db()
    assert take.status == TakeStatus.WAITING

    _login(page, daphne_url, astrid_teacher, password)
    page.goto(f"{daphne_url}/practice/inbox/")
    assert_accessible(page)
    page.click(f"main a[href='/practice/takes/{take.pk}/']")
    page.wait_for_url(f"**/practice/takes/{take.pk}/")
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    page.fill("input[name=at_seconds]", "0.2")
    page.fill("textarea[name=text]", "Fin start, hold pulsen her")
    page.get_by_role("button", name="Add feedback").click()
    page.wait_for_load_state()
    assert TakeComment.objects.get(take=take).text == "Fin start, hold pulsen her"
    page.get_by_role("button", name="At 0.2 s").click()
    assert_accessible(page)
