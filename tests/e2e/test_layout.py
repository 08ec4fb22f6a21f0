"""Every page type at 360×740 (a phone) and 1280×800 (a laptop), on the demo site.

One walk over the demo content: each role signs in once in its own browser context and
visits the page types that role sees; each page is loaded once and checked at both
sizes for: the expected status, no sideways scrolling (the widest culprits are named),
axe's WCAG 2.1 AA rules, no request leaving 127.0.0.1 and no CSP violation (those two
are checked by the `page` machinery for every context). All failures are collected
and reported together, so one run shows everything that needs fixing.
"""

import threading

import pytest
from django.test.utils import override_settings

from tests.e2e.conftest import WCAG_TAGS, watched_page

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(360, 740), (1280, 800)]

# Two widgets inside Wagtail's own page editor have no accessible name (Draftail's
# rich-text box and the tag field's jQuery UI autocomplete input); they are Wagtail's
# markup, not ours, so axe leaves them out there and checks everything else.
AXE_CONTEXT = {"exclude": [[".public-DraftEditor-content"], [".ui-autocomplete-input"]]}

# The elements that stick out on the right, for a useful failure message.
CULPRITS = """(width) => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      let inScroller = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) { inScroller = true; break; }
      }
      if (!inScroller) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(box.right)}`);
    }
    if (out.length >= 4) break;
  }
  return out;
}"""


def _check_in_reachable(page, width):
    """On the organiser's participant list the check-in button is on screen, not off
    to the right of a wide table."""
    button = page.locator(".table--stack__action button").first
    if not button.count():
        return "no check-in button (the demo has on-site participants)"
    box = button.bounding_box()
    if box["x"] + box["width"] > width:
        return f"check-in button ends at {box['x'] + box['width']:.0f}px"
    return ""


EXTRA_CHECKS = {"participants": _check_in_reachable}


def _seed_demo():
    from django.db import connection

    from community.management.commands.seed_demo import demo_modules

    context: dict = {}
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for module in demo_modules():
                module.seed(context)
    finally:
        connection.close()


def _urls():
    """The page types, found in the demo content: {role: [(label, path, status)]}."""
    from community.chat.models import Room
    from community.gatherings.models import GatheringPage, Registration
    from community.members.models import User
    from community.schools.models import School
    from courses.learning.models import CoursePage, LessonPage
    from courses.models import ResourcePage, ToolGuidePage
    from forums.models import Category, Topic

    resource = ResourcePage.objects.live().filter(audience="public").order_by("pk").first()
    teacher_resource = ResourcePage.objects.live().exclude(pk=resource.pk).order_by("pk").last()
    guide = ToolGuidePage.objects.live().order_by("pk").first()
    course = (
        CoursePage.objects.live().filter(audience="pupils").first()
        or CoursePage.objects.live().first()
    )
    lesson = LessonPage.objects.live().descendant_of(course).first()
    gathering = GatheringPage.objects.live().order_by("-pk").first()
    organised = GatheringPage.objects.live().filter(organisers__email="oda@demo.samspill.no")
    on_site = Registration.objects.filter(
        gathering__in=organised, mode="on-site", status="confirmed"
    )
    organised = on_site.first().gathering if on_site.exists() else organised.first()
    if not on_site.exists():  # a participant to check in, whatever the demo holds today
        Registration.objects.create(
            gathering=organised,
            user=User.objects.get(email="astrid@demo.samspill.no"),
            mode="on-site",
            status="confirmed",
        )
    category = Category.objects.order_by("pk").first()
    topic = Topic.objects.filter(category=category).order_by("-pk").first() or Topic.objects.first()
    room = Room.objects.filter(gathering=organised).order_by("pk").first()
    school = School.objects.get(municipality__name="Bergen")
    return {
        "visitor": [
            ("home", "/", 200),
            ("library", "/resources/", 200),
            ("library filtered", "/resources/?q=a&sort=title", 200),
            ("resource", resource.url, 200),
            ("guide index", "/guides/", 200),
            ("course index", "/courses/", 200),
            ("gatherings", "/gatherings/", 200),
            ("gathering", gathering.url, 200),
            ("search", "/search/?q=kulturskole", 200),
            ("privacy", "/privacy/", 200),
            ("privacy for pupils", "/privacy/pupils/", 200),
            ("accessibility", "/accessibility/", 200),
            ("login", "/accounts/login/", 200),
            ("signup", "/accounts/signup/", 200),
            ("not found", "/finnes-ikke/", 404),
        ],
        "ingrid@demo.samspill.no": [  # a pupil
            ("start page", "/", 200),
            ("course", course.url, 200),
            ("lesson", lesson.url, 200),
            ("practice", "/practice/", 200),
            ("practice log", "/practice/log/", 200),
            ("notifications", "/me/notifications/", 200),
            ("profile", "/me/", 200),
            ("my courses", "/me/courses/", 200),
        ],
        "astrid@demo.samspill.no": [  # a teacher
            ("resource as teacher", teacher_resource.url, 200),
            ("guide", guide.url, 200),
            ("forums", "/forums/", 200),
            ("category", f"/forums/c/{category.slug}/", 200),
            ("topic", f"/forums/t/{topic.pk}/", 200),
            ("new topic", f"/forums/c/{category.slug}/new/", 200),
            ("practice inbox", "/practice/inbox/", 200),
            ("my gatherings", "/me/gatherings/", 200),
            ("my lists", "/me/lists/", 200),
        ],
        "jon@demo.samspill.no": [("school", f"/schools/{school.slug}/", 200)],  # a leader
        "oda@demo.samspill.no": [  # an organiser
            ("organiser's gathering", organised.url, 200),
            ("participants", f"/gatherings/{organised.pk}/participants/", 200),
            ("chat room", f"/chat/{room.pk}/", 200),
        ],
        "magnus@demo.samspill.no": [  # a moderator
            ("moderation queue", "/forums/moderation/", 200),
            ("moderation log", "/forums/moderation/log/", 200),
        ],
        "eva@demo.samspill.no": [  # an editor, in the Wagtail admin
            ("admin dashboard", "/admin/", 200),
            ("admin page edit", f"/admin/pages/{resource.pk}/edit/", 200),
            ("admin images", "/admin/images/", 200),
            ("admin documents", "/admin/documents/", 200),
        ],
    }


def _walk(browser, live_url, who, pages, failures):
    from axe_playwright_python.sync_playwright import Axe

    from community.members.demo import DEMO_PASSWORD

    outside, csp = [], []
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
    page = watched_page(context, outside, csp)
    page.set_default_timeout(15_000)
    if who != "visitor":
        page.goto(f"{live_url}/accounts/login/")
        page.fill("input[name=login]", who)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
    axe = Axe()
    try:
        for label, path, status in pages:
            where = f"{who} · {label} ({path})"
            try:
                response = page.goto(f"{live_url}{path}")
            except Exception as exc:  # noqa: BLE001 -- reported with the others
                failures.append(f"{where}: {exc}")
                continue
            if response is None or response.status != status:
                failures.append(f"{where}: status {response and response.status}, not {status}")
                continue
            for width, height in SIZES:
                page.set_viewport_size({"width": width, "height": height})
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    culprits = page.evaluate(CULPRITS, width)
                    failures.append(
                        f"{where} at {width}px: scrolls sideways to {scroll}px {culprits}"
                    )
                check = EXTRA_CHECKS.get(label)
                if check and (problem := check(page, width)):
                    failures.append(f"{where} at {width}px: {problem}")
                results = axe.run(
                    page,
                    context=AXE_CONTEXT if path.startswith("/admin/") else None,
                    options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
                )
                if results.violations_count:
                    failures.append(f"{where} at {width}px: axe\n{results.generate_report()}")
    finally:
        context.close()
    if outside:
        failures.append(f"{who}: requests left 127.0.0.1: {sorted(set(outside))}")
    if csp:
        failures.append(f"{who}: Content-Security-Policy violations: {csp}")


def test_every_page_type_fits_a_phone_and_a_laptop(browser, live_url, outside_requests):
    """Visitor, pupil, teacher, leader, organiser, moderator and editor (Wagtail admin):
    no sideways scroll at 360 px, no axe violation at either size, nothing from outside."""
    # Seeded in its own thread: Playwright runs an event loop in this one, and the demo's
    # services publish real-time events through async_to_sync.
    seeding = threading.Thread(target=_seed_demo)
    seeding.start()
    seeding.join()
    failures: list[str] = []
    for who, pages in _urls().items():
        _walk(browser, live_url, who, pages, failures)
    assert not failures, "\n\n".join(failures)
