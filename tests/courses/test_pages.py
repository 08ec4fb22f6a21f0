"""Page types: where they may be created, that each renders, and what a page shows.

Cases: parent/child rules; an index, a resource and a guide render with every block;
taxonomy, licence and attribution appear; a guide shows the member's municipality's
privacy status, others' statuses, and "possibly outdated" after a year.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from community.home.models import HomePage
from courses.models import ResourceIndexPage, ResourcePage, ToolGuideIndexPage, ToolGuidePage
from tests.factories.courses import guide, make_document, make_image, resource

pytestmark = pytest.mark.django_db


class TestPageTypes(WagtailPageTestCase):
    def test_parent_and_child_types(self):
        self.assertAllowedParentPageTypes(ResourceIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ToolGuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedSubpageTypes(ToolGuideIndexPage, {ToolGuidePage})
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})
        self.assertAllowedSubpageTypes(ResourcePage, set())
        self.assertAllowedSubpageTypes(ToolGuidePage, set())
        self.assertCanNotCreateAt(HomePage, ResourcePage)

    def test_each_page_type_renders(self):
        self.assertPageIsRenderable(ResourceIndexPage.objects.get())
        self.assertPageIsRenderable(ToolGuideIndexPage.objects.get())
        self.assertPageIsRenderable(resource(title="Vårsang", body=_every_block()))
        self.assertPageIsRenderable(guide(title="MuseScore", body=_every_block()))

    def test_new_pages_start_with_their_type_audience(self):
        assert ResourcePage().audience == "public"
        assert ToolGuidePage().audience == "members"


def _every_block():
    other = resource(title="Neste steg")
    return [
        ("paragraph", "<h2>Oppvarming</h2><p>Lange toner.</p>"),
        ("image", {"image": make_image("Ensemble"), "alt_text": "Fem elever med kornett"}),
        (
            "audio",
            {"title": "Play-along", "audio": make_document("lyd", "wav"), "transcript": "Sakte"},
        ),
        ("video", {"title": "Stemming", "url": "https://youtu.be/aqz-KE-bpKQ"}),
        ("document", {"document": make_document("noter"), "kind": "score", "title": "Stemme 1"}),
        ("step", {"title": "Åpne appen", "text": "<p>Trykk start.</p>"}),
        ("step", {"title": "Lag prosjekt", "text": "<p>Velg mal.</p>"}),
        ("callout", {"kind": "warning", "text": "<p>Sjekk personvern.</p>"}),
        ("resource_link", {"page": other, "note": "Fin fortsettelse"}),
    ]


def test_resource_page_shows_blocks_terms_licence_and_attribution(client, bergen):
    page = resource(
        title="Vårsang",
        disciplines=["music"],
        instruments=["cornet"],
        levels=["beginner"],
        ages=["6-9"],
        language="nb",
        tags=["korps"],
        licence="cc-by-nc-sa",
        author_name="Astrid Haugland",
        school=bergen,
        body=_every_block(),
    )
    html = client.get(page.url).content.decode()
    for text in ["Music", "Cornet", "Beginner", "Ages 6–9", "Norwegian Bokmål", "korps"]:
        assert text in html
    assert "By Astrid Haugland" in html and "Bergen kulturskole" in html
    assert 'href="https://creativecommons.org/licenses/by-nc-sa/4.0/"' in html
    assert "CC BY-NC-SA 4.0" in html
    assert 'alt="Fem elever med kornett"' in html
    assert "<audio controls" in html and "Transcript" in html
    assert '<ol class="steps">' in html and html.count('class="block-step"') == 2
    assert "Neste steg" in html and "Fin fortsettelse" in html
    # Sheet music: type and size, served through the permission-checked view.
    assert f"/library/{page.pk}/files/" in html and "PDF ·" in html
    # The video is only a placeholder: no iframe, the privacy-enhanced address waits.
    assert "<iframe" not in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' in html


def test_guide_shows_the_members_municipality_status(client, astrid_teacher, bergen, lorenskog):
    page = guide(
        title="Flat i klasserommet",
        tool_name="Flat for Education",
        platforms=["web", "ipad"],
        cost="municipal",
        audience="public",
        statuses=[
            {"municipality": bergen.municipality, "status": "approved", "note": "Avtale 2026"},
            {"municipality": lorenskog.municipality, "status": "not-approved"},
        ],
    )
    visitor_html = client.get(page.url).content.decode()
    assert "Log in to see the status in your municipality." in visitor_html
    client.force_login(astrid_teacher)
    html = client.get(page.url).content.decode()
    assert "Bergen: Approved, with a data-processing agreement" in html
    assert "Avtale 2026" in html
    assert "Lørenskog" in html and "Not approved" in html
    assert "Web" in html and "iPad" in html and "Licence through the municipality" in html


def test_guide_without_a_status_for_the_municipality_says_unknown(
    client, kari_other_school_teacher
):
    page = guide(title="Ukjent", audience="public")
    client.force_login(kari_other_school_teacher)
    assert "Lørenskog: status unknown" in client.get(page.url).content.decode()


def test_guide_older_than_a_year_is_marked_possibly_outdated(client):
    old = guide(title="Gammel", last_checked=timezone.localdate() - timedelta(days=400))
    fresh = guide(title="Ny", last_checked=timezone.localdate() - timedelta(days=30))
    old.audience = fresh.audience = "public"
    for page in (old, fresh):
        page.save_revision().publish()
    assert "Possibly outdated" in client.get(old.url).content.decode()
    assert "Possibly outdated" not in client.get(fresh.url).content.decode()
    listing = client.get("/guides/").content.decode()
    assert listing.count("May be outdated") == 1


def test_cover_image_needs_a_description():
    from django.core.exceptions import ValidationError

    page = ResourcePage(title="X", slug="x", summary="s", author_name="a", cover_image=make_image())
    with pytest.raises(ValidationError, match="Describe the cover image"):
        page.full_clean()


def test_media_flags_follow_the_content():
    page = resource(body=[("audio", {"title": "Lyd", "audio": make_document("l", "wav")})])
    assert (page.has_audio, page.has_document, page.has_video) == (True, False, False)
    assert page.media_types() == ["audio"]
    assert resource(slug="bare-tekst").media_types() == ["text"]
