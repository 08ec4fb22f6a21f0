"""Two members chat in real browsers through Daphne, one of them drops and reconnects.

Waits use Playwright's `expect`, never `wait_for_function`: that evaluates a string in
the page, which the Content-Security-Policy (rightly) refuses."""

import re

import pytest
from playwright.sync_api import expect

from community.chat.models import Room
from tests.e2e.conftest import assert_accessible
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db(transaction=True)

TRACK_SOCKETS = """
window.__sockets = [];
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) { super(...args); window.__sockets.push(this); }
};
"""


@pytest.fixture
def lobby(oda_organiser, astrid_teacher, jon_leader):
    gathering = build_gathering(organisers=[oda_organiser], title="Samspilldag")
    register(gathering, astrid_teacher, "online")
    register(gathering, jon_leader, "on-site")
    return Room.objects.get(gathering=gathering, kind="lobby")


def _signed_in_page(browser, live_url, user, password, outside_requests):
    from urllib.parse import urlsplit

    from tests.e2e.conftest import LOCAL_HOSTS

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.on(
        "request",
        lambda r: urlsplit(r.url).hostname in LOCAL_HOSTS or outside_requests.append(r.url),
    )
    page.add_init_script(TRACK_SOCKETS)
    page.goto(f"{live_url}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page


def _messages(page):
    return page.locator("[data-log] .chat-msg:not(.is-pending) .chat-msg__text").all_inner_texts()


def test_two_members_chat_and_a_reconnect_loses_nothing(
    browser, live_url, lobby, astrid_teacher, jon_leader, password, page, outside_requests
):
    """`page` is requested for its check that no request leaves 127.0.0.1."""
    astrid = _signed_in_page(browser, live_url, astrid_teacher, password, outside_requests)
    jon = _signed_in_page(browser, live_url, jon_leader, password, outside_requests)
    for p in (astrid, jon):
        p.goto(f"{live_url}/chat/{lobby.pk}/")
        expect(p.locator("[data-connection]")).to_have_text("Connected")
    astrid.fill("#chat-text", "Hei fra nett! https://example.org/noter")
    astrid.keyboard.press("Enter")
    expect(jon.locator("[data-log] [data-seq]")).to_have_count(1)
    assert _messages(jon) == ["Hei fra nett! https://example.org/noter"]
    link = jon.locator("[data-log] a[rel~=ugc]")
    assert link.get_attribute("href") == "https://example.org/noter"
    # Screen readers hear new messages from others.
    assert "Hei fra nett!" in jon.locator("[data-announcer]").inner_text()

    # Jon's connection drops. Astrid writes on; Jon types while offline.
    jon.evaluate("window.__sockets.forEach((s) => s.close())")
    expect(jon.locator("[data-connection]")).to_have_text(re.compile(r"^Connection lost"))
    jon.fill("#chat-text", "Skrevet mens jeg var borte")
    jon.keyboard.press("Enter")
    astrid.fill("#chat-text", "Er du der, Jon?")
    astrid.keyboard.press("Enter")
    expect(jon.locator("[data-connection]")).to_have_text("Connected")
    expected = [
        "Hei fra nett! https://example.org/noter",
        "Er du der, Jon?",
        "Skrevet mens jeg var borte",
    ]
    for p in (astrid, jon):
        expect(p.locator("[data-log] [data-seq]")).to_have_count(3)
        assert sorted(_messages(p)) == sorted(expected)
        seqs = p.eval_on_selector_all(
            "[data-log] [data-seq]", "els => els.map(e => Number(e.dataset.seq))"
        )
        assert seqs == [1, 2, 3]
    assert Room.objects.get(pk=lobby.pk).messages.count() == 3
    assert_accessible(jon)
    for p in (astrid, jon):
        p.context.close()


def test_panel_view_is_accessible(page, live_url, login, oda_organiser, lobby):
    room = Room.objects.filter(gathering=lobby.gathering, qa_enabled=True).first()
    login(oda_organiser)
    page.goto(f"{live_url}/chat/{room.pk}/panel/")
    expect(page.locator("[data-connection]")).to_have_text("Connected")
    assert_accessible(page)


def test_lost_access_is_shown_and_the_page_stops_retrying(
    browser, live_url, lobby, astrid_teacher, password, outside_requests
):
    """Astrid cancels her registration in another tab while her chat is open: the chat
    says she has no access any more, hides the composer and does not reconnect."""
    astrid = _signed_in_page(browser, live_url, astrid_teacher, password, outside_requests)
    astrid.goto(f"{live_url}/chat/{lobby.pk}/")
    expect(astrid.locator("[data-connection]")).to_have_text("Connected")
    astrid.fill("#chat-text", "Ikke sendt ennå")
    other_tab = astrid.context.new_page()
    other_tab.goto(f"{live_url}{lobby.gathering.url}")
    other_tab.locator(f"form[action='/gatherings/{lobby.gathering.pk}/cancel/'] button").click()
    other_tab.wait_for_load_state()
    expect(astrid.locator("[data-connection]")).to_have_text(
        "You no longer have access to this room."
    )
    assert astrid.locator("[data-composer]").is_hidden()
    astrid.wait_for_timeout(2500)  # longer than the first reconnect delay
    chat_sockets = "window.__sockets.filter((s) => s.url.includes('/ws/chat/'))"
    assert astrid.evaluate(f"{chat_sockets}.length") == 1
    assert astrid.evaluate(f"{chat_sockets}[0].readyState") == 3  # CLOSED, not retried
    astrid.context.close()
