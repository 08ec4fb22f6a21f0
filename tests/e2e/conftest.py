"""Browser tests: Playwright (Python) driving Debian's Chromium, never a downloaded browser.

Every page records the requests it makes; a test fails if one leaves 127.0.0.1, and if
the browser reports any Content-Security-Policy violation (securitypolicyviolation).
"""

import os
import time
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls
# (creating fixtures) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SAMSPILL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def e2e_media(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e-media")


@pytest.fixture(scope="session")
def daphne_url(django_db_setup, django_db_blocker, e2e_media):
    """One real Daphne process (HTTP and WebSockets) on the test database for all
    browser tests: pages are tested on the server that runs in production."""
    from tests.daphne import daphne_processes

    with (
        django_db_blocker.unblock(),
        daphne_processes(
            1,
            media_root=e2e_media,
            app="tests.daphne_asgi:application",
            extra_env={"SAMSPILL_TEST_GENERATION_FILE": str(_generation_file(e2e_media))},
        ) as urls,
    ):
        yield urls[0]


def _generation_file(e2e_media):
    return e2e_media.parent / "test-generation"


@pytest.fixture
def live_url(daphne_url, transactional_db):
    return daphne_url


@pytest.fixture(autouse=True)
def _isolated_media(settings, e2e_media):
    """Files the test writes must be where the Daphne process reads them."""
    settings.MEDIA_ROOT = e2e_media


@pytest.fixture(autouse=True)
def _base_data(transactional_db, e2e_media):
    from tests.conftest import ensure_base_data

    ensure_base_data()
    # A new test: Daphne forgets what it kept from the last one (tests/daphne_asgi.py).
    marker = _generation_file(e2e_media)
    marker.touch()
    os.utime(marker, ns=(time.time_ns(), time.time_ns()))


@pytest.fixture
def outside_requests():
    return []


@pytest.fixture
def csp_violations():
    return []


# Runs in every document before its own scripts (Playwright injects it, so the page's
# policy does not apply to it) and reports each violation to the test.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__samspillCsp(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` in ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


def watched_page(context, outside, violations):
    """A new page of `context` that appends each Content-Security-Policy violation to
    `violations` and each request leaving 127.0.0.1 to `outside`."""
    context.expose_binding("__samspillCsp", lambda _source, text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS:
            outside.append(request.url)

    page.on("request", record)
    return page


@pytest.fixture
def page(browser, outside_requests, csp_violations, _base_data):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = watched_page(context, outside_requests, csp_violations)
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not outside_requests, f"requests left 127.0.0.1: {outside_requests}"
    assert not csp_violations, f"Content-Security-Policy violations: {csp_violations}"


@pytest.fixture
def login(page, live_url, password):
    """login(user) signs in through the real form."""

    def do_login(user, secret=None):
        page.goto(f"{live_url}/accounts/login/")
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", secret or password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()

    return do_login


def assert_accessible(page, context=None):
    """axe-core with the WCAG 2.1 A and AA rules: zero violations, or the report."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    )
    assert results.violations_count == 0, results.generate_report()
