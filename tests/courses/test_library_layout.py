"""Library pages use the screen: the side column (actions, facts, licence) and cards
that show the media type.

Cases: a teacher's resource page puts the side column before the content (so it is at
the top on a phone) with download, adapt, save to list, media types and licence; a
visitor gets the downloads and the licence but no teacher actions; cards in the
listing carry a media-type icon and label; a guide page's side column holds the
privacy status and facts; the page's query count stays flat as files are added.
"""

import pytest
from bs4 import BeautifulSoup

from tests.factories.courses import guide, make_document, resource

pytestmark = pytest.mark.django_db
QUERIES = 29  # measured 29 with 1 file and with 8 (25 before the localised pages of main)


def _body(files: int):
    return [
        ("paragraph", "<p>Lange toner.</p>"),
        *[
            (
                "document",
                {"document": make_document(f"stemme-{n}"), "kind": "score", "title": f"Stemme {n}"},
            )
            for n in range(files)
        ],
        ("audio", {"title": "Play-along", "audio": make_document("lyd", "wav")}),
    ]


def _aside(html: str):
    soup = BeautifulSoup(html, "html.parser")
    layout = soup.select_one("main .with-aside")
    children = [c for c in layout.children if getattr(c, "name", None)]
    return soup, layout, children


def test_teacher_sees_actions_facts_and_licence_first(client, astrid_teacher):
    page = resource(
        title="Vårsang",
        disciplines=["music"],
        licence="cc-by",
        author_name="Astrid H",
        body=_body(1),
    )
    client.force_login(astrid_teacher)
    _, _, children = _aside(client.get(page.url).content.decode())
    aside, main = children
    assert aside.name == "aside" and "aside" in aside["class"]
    assert "Lange toner." in main.get_text() and "Lange toner." not in aside.get_text()
    text = aside.get_text(" ", strip=True)
    downloads = [a["href"] for a in aside.select(".download-list a")]
    assert len(downloads) == 2 and all(h.endswith("?download=1") for h in downloads)
    assert "Download Stemme 0" in text and "Download Play-along" in text
    assert aside.select_one('form[action*="adapt"] button')
    assert aside.select_one("details.save-to-list")
    kinds = [k.get_text(strip=True) for k in aside.select(".card__kind")]
    assert kinds == ["Sheet music and documents", "Audio"]
    assert all(k.select_one("svg[aria-hidden=true]") for k in aside.select(".card__kind"))
    assert "By Astrid H" in text and "CC BY 4.0" in text
    assert "Music" in text


def test_visitor_gets_downloads_and_licence_but_no_teacher_actions(client):
    page = resource(title="Vårsang", licence="cc-by", body=_body(1))
    _, _, (aside, _main) = _aside(client.get(page.url).content.decode())
    assert len(aside.select(".download-list a")) == 2
    assert not aside.select("form") and not aside.select(".save-to-list")
    assert "CC BY 4.0" in aside.get_text()


@pytest.mark.parametrize("files", [1, 8])
def test_resource_page_queries_do_not_grow_with_files(
    client, astrid_teacher, django_assert_max_num_queries, files
):
    page = resource(title="Vårsang", disciplines=["music"], body=_body(files))
    client.force_login(astrid_teacher)
    with django_assert_max_num_queries(QUERIES):
        response = client.get(page.url)
    assert response.content.decode().count("?download=1") >= files + 1


def test_cards_show_the_media_type_with_an_icon(client):
    resource(title="Bare tekst", body=[("paragraph", "<p>Tekst</p>")])
    resource(title="Med lyd", body=_body(0))
    soup = BeautifulSoup(client.get("/resources/").content.decode(), "html.parser")
    cards = {
        c.select_one("a.card__link").get_text(strip=True): c
        for c in soup.select("li.card.card--link")
    }
    assert [k.get_text(strip=True) for k in cards["Bare tekst"].select(".card__kind")] == [
        "Text only"
    ]
    assert [k.get_text(strip=True) for k in cards["Med lyd"].select(".card__kind")] == ["Audio"]
    assert cards["Med lyd"].select_one(".card__kind svg")
    # The filters sit in a disclosure that library.js folds on a phone; open without scripts.
    assert soup.select_one("details.filter-panel[open] fieldset.facet")


def test_guide_page_puts_privacy_and_facts_in_the_side_column(client, astrid_teacher):
    page = guide(title="MuseScore", tool_name="MuseScore")
    client.force_login(astrid_teacher)
    _, _, (aside, main) = _aside(client.get(page.url).content.decode())
    text = aside.get_text(" ", strip=True)
    assert "Privacy status" in text and "MuseScore" in text and "Cost" in text
    assert aside.select_one("details.save-to-list")
