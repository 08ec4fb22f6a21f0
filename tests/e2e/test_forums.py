"""Forums in a real browser: axe on the index, a category, a topic and the compose form;
the live "new replies" bar through a real Daphne process."""

import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from forums import services
from forums.models import TopicKind
from tests.e2e.conftest import assert_accessible
from tests.factories.forums import CategoryFactory
from tests.services import free_port

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def _off_the_browser_loop(function):
    """Services publish events with async_to_sync, which refuses to run in the thread
    where Playwright's event loop lives; run them in a plain thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result(timeout=30)


@pytest.fixture
def forum(astrid_teacher, kari_other_school_teacher):
    return _off_the_browser_loop(lambda: _build_forum(astrid_teacher, kari_other_school_teacher))


def _build_forum(astrid_teacher, kari_other_school_teacher):
    category = CategoryFactory(
        title="Piano", slug="piano", description="Method and repertoire.", allow_pupils=True
    )
    CategoryFactory(title="Grand pianos", slug="grand", parent=category)
    topic = services.topic_create(
        user=astrid_teacher,
        category=category,
        title="Scales for ten-year-olds",
        body="How do you make **scales** fun?",
        kind=TopicKind.QUESTION,
    )
    services.post_create(user=kari_other_school_teacher, topic=topic, body="Dice decide the tempo!")
    return {"category": category, "topic": topic}


def test_forum_pages_are_accessible(page, live_url, login, forum, astrid_teacher):
    for path in ["/forums/", "/forums/c/piano/", forum["topic"].get_absolute_url()]:
        response = page.goto(f"{live_url}{path}")
        assert response.status == 200
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    login(astrid_teacher)
    page.goto(f"{live_url}{forum['topic'].get_absolute_url()}")
    assert page.get_by_role("button", name="Post reply").is_visible()
    assert_accessible(page)
    page.goto(f"{live_url}/forums/c/piano/new/")
    assert_accessible(page)
    # Submitting an empty form shows the error summary, still accessible.
    page.get_by_role("button", name="Start topic").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)


@pytest.fixture
def daphne_url():
    """A real Daphne on the test database, so WebSockets and HTTP share one process."""
    port = free_port()
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        database_url = f"sqlite:///{settings['NAME']}"
    else:
        database_url = (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
            f"{settings['PORT']}/{settings['NAME']}"
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.forums.daphne_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "community.asgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/health/", timeout=1)  # noqa: S310 -- our own http URL
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_new_replies_bar_appears_live(
    browser, daphne_url, forum, kari_other_school_teacher, password
):
    topic = forum["topic"]
    reader = browser.new_context(locale="en-GB").new_page()
    reader.goto(f"{daphne_url}{topic.get_absolute_url()}")
    bar = reader.locator("[data-topic-socket]")
    assert bar.is_hidden()
    # Give the socket a moment to connect before someone replies.
    reader.wait_for_timeout(500)

    writer = browser.new_context(locale="en-GB").new_page()
    writer.goto(f"{daphne_url}/accounts/login/")
    writer.fill("input[name=login]", kari_other_school_teacher.email)
    writer.fill("input[name=password]", password)
    writer.click("main form button[type=submit]")
    writer.wait_for_load_state()
    writer.goto(f"{daphne_url}{topic.get_absolute_url()}")
    writer.fill("textarea[name=body]", "A second idea: play them as a canon.")
    writer.get_by_role("button", name="Post reply").click()
    writer.wait_for_load_state()

    bar.wait_for(state="visible", timeout=10_000)
    assert "1 new reply." in bar.inner_text()
    reader.locator("[data-new-link]").click()
    reader.wait_for_load_state()
    assert "play them as a canon" in reader.content()
    reader.context.close()
    writer.context.close()
