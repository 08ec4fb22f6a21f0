"""The library in a real browser: axe on the index, a resource and a guide; the video
placeholder makes no request outside 127.0.0.1 until the viewer clicks."""

import pytest

from tests.e2e.conftest import assert_accessible
from tests.factories.courses import guide, make_document, make_image, resource

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library(bergen):
    video = resource(
        title="Stemming av gitar",
        slug="stemming",
        summary="Slik stemmer du gitaren.",
        disciplines=["music"],
        instruments=["guitar"],
        levels=["beginner"],
        language="nb",
        cover_image=make_image("Gitar"),
        cover_alt="En gitar",
        body=[
            ("paragraph", "<h2>Før du starter</h2><p>Finn en rolig plass.</p>"),
            (
                "video",
                {
                    "title": "Stemming steg for steg",
                    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                },
            ),
            (
                "document",
                {"document": make_document("Akkorder"), "kind": "score", "title": "Akkordskjema"},
            ),
            ("callout", {"kind": "tip", "text": "<p>Bruk en stemmeapp.</p>"}),
        ],
    )
    tool = guide(
        title="MuseScore i undervisningen",
        slug="musescore",
        tool_name="MuseScore Studio",
        platforms=["windows", "macos"],
        audience="public",
        statuses=[{"municipality": bergen.municipality, "status": "approved"}],
        body=[
            (
                "step",
                {"title": "Installer", "text": "<p>Last ned fra kommunens programvaresenter.</p>"},
            ),
            ("step", {"title": "Skriv noter", "text": "<p>Trykk N for å skrive noter.</p>"}),
            ("callout", {"kind": "warning", "text": "<p>Lagre ofte.</p>"}),
        ],
    )
    return {"video": video, "guide": tool}


def test_library_pages_are_accessible(page, live_url, library, login, astrid_teacher):
    for path in [
        "/resources/",
        "/resources/?discipline=music&q=gitar",
        "/resources/stemming/",
        "/guides/",
        "/guides/musescore/",
    ]:
        response = page.goto(f"{live_url}{path}")
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    login(astrid_teacher)
    for path in [
        "/resources/stemming/",
        "/guides/musescore/",
        "/me/contributions/new/",
        "/me/lists/",
    ]:
        page.goto(f"{live_url}{path}")
        assert_accessible(page)


def test_video_loads_from_youtube_only_after_a_click(page, live_url, library, outside_requests):
    page.route(
        "**/*",
        lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_(),
    )
    page.goto(f"{live_url}/resources/stemming/")
    page.wait_for_load_state("networkidle")
    assert outside_requests == []
    assert page.locator("iframe").count() == 0
    with page.expect_request(lambda request: "youtube-nocookie.com" in request.url):
        page.get_by_role("button", name="Play video from YouTube").click()
    frame = page.locator("iframe.video-frame")
    assert frame.get_attribute("title") == "Stemming steg for steg"
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    )
    assert outside_requests and all("youtube-nocookie.com" in url for url in outside_requests)
    outside_requests.clear()  # the click asked for it: the fixture's guard is satisfied
