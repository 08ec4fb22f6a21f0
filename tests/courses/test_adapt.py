"""Adapt for my school: licence rules, the recorded link, ShareAlike, the count."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from courses import services
from courses.models import ResourcePage
from tests.factories.courses import resource

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("licence", "allowed"),
    [
        ("cc-by", True),
        ("cc-by-sa", True),
        ("cc-by-nc", True),
        ("cc-by-nc-sa", True),
        ("cc-by-nd", False),
        ("all-rights-reserved", False),
    ],
)
def test_licence_decides_who_may_adapt(licence, allowed, astrid_teacher, kari_other_school_teacher):
    original = resource(licence=licence, owner=kari_other_school_teacher, disciplines=["music"])
    if allowed:
        copy = services.resource_adapt(resource=original, user=astrid_teacher)
        assert copy.adapted_from_id == original.pk
    else:
        with pytest.raises(PermissionDenied):
            services.resource_adapt(resource=original, user=astrid_teacher)


def test_owners_may_adapt_their_own_reserved_work(kari_other_school_teacher):
    own = resource(licence="all-rights-reserved", owner=kari_other_school_teacher)
    copy = services.resource_adapt(resource=own, user=kari_other_school_teacher)
    assert copy.adapted_from == own


def test_adaptation_is_a_draft_in_the_adapters_name_with_the_terms(astrid_teacher, bergen):
    original = resource(
        title="Vårsang",
        author_name="Kari",
        disciplines=["music"],
        levels=["beginner"],
        tags=["korps"],
    )
    copy = services.resource_adapt(resource=original, user=astrid_teacher)
    assert not copy.live
    assert copy.owner == astrid_teacher
    assert copy.author_name == "Astrid"
    assert copy.school == bergen
    assert copy.title == "Vårsang (adapted)"
    assert list(copy.disciplines.values_list("slug", flat=True)) == ["music"]
    assert list(copy.levels.values_list("slug", flat=True)) == ["beginner"]
    assert list(copy.tags.names()) == ["korps"]


def test_the_pages_link_both_ways(client, astrid_teacher):
    original = resource(title="Vårsang", author_name="Kari")
    copy = services.resource_adapt(resource=original, user=astrid_teacher)
    copy.save_revision().publish()
    copy_html = client.get(ResourcePage.objects.get(pk=copy.pk).url).content.decode()
    assert f'Adapted from <a href="{original.url}">Vårsang</a> by Kari.' in copy_html
    original_html = client.get(original.url).content.decode()
    assert "Adapted 1 time by other teachers." in original_html


def test_share_alike_adaptations_keep_the_licence(astrid_teacher):
    original = resource(licence="cc-by-sa")
    copy = services.resource_adapt(resource=original, user=astrid_teacher)
    assert copy.licence == "cc-by-sa"
    copy.licence = "cc-by"
    with pytest.raises(ValidationError, match="must keep the licence CC BY-SA"):
        copy.full_clean()


def test_adapt_button_only_where_the_licence_allows(client, astrid_teacher, ingrid_pupil_14):
    open_page = resource(slug="open", licence="cc-by")
    closed = resource(slug="closed", licence="cc-by-nd")
    client.force_login(astrid_teacher)
    assert "Adapt for my school" in client.get(open_page.url).content.decode()
    html = client.get(closed.url).content.decode()
    assert "Adapt for my school" not in html and "does not allow adaptations" in html
    response = client.post(f"/resources/{closed.pk}/adapt/")
    assert response.status_code == 403
    assert ResourcePage.objects.count() == 2
    client.force_login(ingrid_pupil_14)
    assert "Adapt for my school" not in client.get(open_page.url).content.decode()


def test_adapt_view_opens_the_copy_in_the_editor(client, astrid_teacher):
    original = resource(licence="cc-by")
    client.force_login(astrid_teacher)
    response = client.post(f"/resources/{original.pk}/adapt/")
    copy = ResourcePage.objects.get(adapted_from=original)
    assert response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert client.get(response["Location"]).status_code == 200
