"""Two members chat in real browsers through Daphne, one of them drops and reconnects.

Waits use Playwright's `expect`, never `wait_for_function`: that evaluates a string in
the page, which the Content-Security-Policy (rightly) refuses."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community.chat import services
from community.chat.models import Presence, Room
from community.members.models import User
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

    from django.conf import settings

    from tests.e2e.conftest import LOCAL_HOSTS

    context = browser.new_context(locale="en-GB", timezone_id=settings.TIME_ZONE)
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


def _qa_room(lobby):
    """The plenary's room: open now (the gathering began an hour ago), with Q&A."""
    return next(
        r for r in Room.objects.filter(gathering=lobby.gathering, qa_enabled=True) if r.is_open()
    )


def _seed_qa_and_polls(room, oda, astrid, jon):
    """A question being answered, one waiting with votes, and two polls: Astrid voted
    in the first one only."""
    current = services.question_ask(room=room, user=jon, text="Hvordan kommer vi i gang?")
    waiting = services.question_ask(room=room, user=astrid, text="Hva koster lisensen?")
    services.question_vote(room=room, user=jon, question_id=waiting.pk)
    services.question_moderate(room=room, user=oda, question_id=current.pk, action="pin")
    voted = services.poll_create(
        room=room, user=oda, question="Best verktøy?", options=["MuseScore", "Noteflight"]
    )
    options = list(voted.options.all())
    services.poll_vote(room=room, user=astrid, poll_id=voted.pk, option_id=options[1].pk)
    services.poll_vote(room=room, user=jon, poll_id=voted.pk, option_id=options[0].pk)
    services.poll_create(room=room, user=oda, question="Neste samling?", options=["Mars", "April"])
    return voted, options


def _fits(page, width, height):
    """The composer is on screen without scrolling and nothing scrolls sideways."""
    page.set_viewport_size({"width": width, "height": height})
    page.reload()
    expect(page.locator("[data-connection]")).to_have_text("Connected")
    assert page.evaluate("window.scrollY") == 0
    for selector in ("#chat-text", ".chat-composer__send"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, (selector, box)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_live_screen_on_a_phone_and_a_laptop(
    page, live_url, login, lobby, astrid_teacher, jon_leader, oda_organiser, settings
):
    """360×740 and 1280×800: composer in view, no sideways scroll, 0 axe violations with
    messages, Q&A and polls; on a phone the side panels are tabs; the poll bars say which
    option is Astrid's, from the page and live after she votes. The room is big (60 here
    besides Astrid): *Here now* lists 30 names until *Show everyone* is pressed."""
    settings.SAMSPILL_CHAT_RATE = (1000, 10)
    room = _qa_room(lobby)
    crowd = User.objects.bulk_create(
        User(email=f"crowd{i}@example.org", display_name=f"Deltaker {i:02d}", password="!")  # noqa: S106 -- unusable
        for i in range(60)
    )
    Presence.objects.bulk_create(
        Presence(room=room, user=member, channel_name=f"crowd-{member.pk}", mode="online")
        for member in crowd
    )
    for i in range(25):
        author = jon_leader if i % 3 else astrid_teacher
        services.message_send(room=room, user=author, text=f"Melding {i}", client_id=f"s{i}")
    _voted, options = _seed_qa_and_polls(room, oda_organiser, astrid_teacher, jon_leader)
    login(astrid_teacher)
    page.goto(f"{live_url}/chat/{room.pk}/")

    _fits(page, 360, 740)
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(4)  # Chat, Q&A, Polls, People
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    assert_accessible(page)
    page.get_by_role("tab", name="Polls").click()
    mine = page.locator(f"[data-option='{options[1].pk}']")
    expect(mine).to_have_class(re.compile(r"\bis-mine\b"))
    expect(mine.locator(".badge")).to_have_text("Your vote")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    page.get_by_role("tab", name="Chat").click()
    expect(page.locator("#chat-text")).to_be_visible()

    _fits(page, 1280, 800)
    expect(page.get_by_role("tab")).to_have_count(0)  # side column, not tabs
    pinned = page.locator(".chat-q.is-pinned")
    expect(pinned.locator(".chat-q__text")).to_have_text("Hvordan kommer vi i gang?")
    expect(pinned.locator(".badge")).to_have_text("now answering")
    vote = page.locator(".chat-q", has_text="Hva koster lisensen?").locator("button.chat-q__vote")
    expect(vote.locator(".chat-q__count")).to_have_text("1")
    assert vote.bounding_box()["height"] >= 44
    assert_accessible(page)
    # Astrid votes in the second poll: her option is marked, and nobody else's.
    second = page.locator(".chat-poll", has_text="Neste samling?")
    second.get_by_role("button", name="April").click()
    expect(second.locator(".is-mine .chat-poll__label")).to_have_text("April")
    expect(second.locator(".chat-poll__figure").last).to_have_text("1 (100 %)")
    expect(second.get_by_role("button", name="Mars")).to_have_count(0)

    # A big room: the counts and 30 names; "Show everyone" (by keyboard) lists all 61.
    people = page.locator("[data-presence] li")
    expect(page.locator("[data-presence-summary]")).to_have_text(
        "61 here now: 0 in the hall, 61 online"
    )
    expect(people).to_have_count(30)
    everyone = page.get_by_role("button", name="Show everyone")
    everyone.focus()
    page.keyboard.press("Enter")
    expect(people).to_have_count(61)
    fewer = page.get_by_role("button", name="Show fewer")
    expect(fewer).to_be_focused()
    expect(fewer).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(people).to_have_count(30)


def test_grouping_separators_unread_line_and_jump_to_latest(
    browser, live_url, lobby, astrid_teacher, jon_leader, password, outside_requests, settings
):
    """Yesterday's and today's messages are under day separators, in the viewer's zone;
    a follow-up from the same author is grouped; a message that arrives while Astrid
    reads back gets an unread line and a "jump to latest" count; the jump works by
    keyboard and leaves her in the composer, where focus stays after sending."""
    settings.SAMSPILL_CHAT_RATE = (1000, 10)
    now = timezone.now()
    # The browser runs in TIME_ZONE too (its context says so), so "today" is the local day:
    # just after midnight, twenty minutes ago was yesterday, and would be grouped there.
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    today_at = max(now - timedelta(minutes=20), midnight)
    for i in range(30):
        services.message_send(room=lobby, user=jon_leader, text=f"Linje {i}", client_id=f"g{i}")
    lobby.messages.filter(seq__in=[1, 2]).update(created_at=now - timedelta(days=1))
    lobby.messages.filter(seq=2).update(created_at=now - timedelta(days=1) + timedelta(minutes=1))
    lobby.messages.filter(seq__gt=2).update(created_at=today_at)
    astrid = _signed_in_page(browser, live_url, astrid_teacher, password, outside_requests)
    astrid.set_viewport_size({"width": 1280, "height": 800})
    astrid.goto(f"{live_url}/chat/{lobby.pk}/")
    expect(astrid.locator("[data-connection]")).to_have_text("Connected")
    expect(astrid.locator("[data-log] .chat-sep")).to_have_text(["Yesterday", "Today"])
    expect(astrid.locator("#m2")).to_have_class(re.compile(r"\bis-grouped\b"))
    expect(astrid.locator("#m3")).not_to_have_class(re.compile(r"\bis-grouped\b"))
    jump = astrid.locator("[data-jump]")
    expect(jump).to_be_hidden()  # opened at the latest message

    astrid.locator("[data-pane]").evaluate("(el) => { el.scrollTop = 0; }")
    expect(jump).to_have_text("Jump to latest")
    jon = _signed_in_page(browser, live_url, jon_leader, password, outside_requests)
    jon.goto(f"{live_url}/chat/{lobby.pk}/")
    expect(jon.locator("[data-connection]")).to_have_text("Connected")
    jon.fill("#chat-text", "Ny melding")
    jon.keyboard.press("Enter")
    expect(jump).to_have_text("Jump to latest: 1 new")
    unread = astrid.locator(".chat-sep--unread")
    expect(unread).to_have_text("New messages")
    assert unread.evaluate("(el) => el.nextElementSibling.id") == "m31"

    jump.focus()
    astrid.keyboard.press("Enter")
    expect(jump).to_be_hidden()
    expect(astrid.locator("#chat-text")).to_be_focused()
    astrid.fill("#chat-text", "Takk!")
    astrid.locator(".chat-composer__send").click()
    expect(astrid.locator("#chat-text")).to_be_focused()
    expect(astrid.locator("[data-log] [data-seq]")).to_have_count(32)
    expect(unread).to_have_count(0)  # writing means she has caught up
    for p in (astrid, jon):
        p.context.close()


def test_hall_screen_reads_from_the_back(
    page, live_url, login, oda_organiser, lobby, astrid_teacher, jon_leader
):
    """The question being answered in type of at least 48 px, the queue with big counts,
    the poll's bars; accessible."""
    room = _qa_room(lobby)
    _seed_qa_and_polls(room, oda_organiser, astrid_teacher, jon_leader)
    login(oda_organiser)
    page.goto(f"{live_url}/chat/{room.pk}/panel/")
    expect(page.locator("[data-connection]")).to_have_text("Connected")
    current = page.locator("[data-hall-question]")
    expect(current).to_have_text("Hvordan kommer vi i gang?")
    size = current.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 48
    queue = page.locator("[data-questions] .chat-q")
    expect(queue).to_have_count(1)  # the one being answered is not in the queue
    expect(queue.locator(".chat-q__count")).to_have_text("1")
    count_size = queue.locator(".chat-q__count").evaluate(
        "(el) => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert count_size >= 40
    expect(page.locator(".chat-poll .chat-poll__bar")).to_have_count(4)
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
