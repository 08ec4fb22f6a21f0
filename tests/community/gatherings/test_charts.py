"""Charts: the shared SVG module, and registrations per municipality and mode on the
organiser's participants page (values, text alternative, constant queries)."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from community import charts
from tests.factories.community import (
    MembershipFactory,
    MunicipalityFactory,
    SchoolFactory,
    UserFactory,
)
from tests.factories.gatherings import register

pytestmark = pytest.mark.django_db


def _table(html: str) -> dict[str, list[str]]:
    """The text alternative as {row header: [cells]}."""
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', html)
    return {label: re.findall(r"<td>([^<]*)</td>", cells) for label, cells in rows}


def test_chart_markup_is_accessible_without_script_or_inline_style(settings):
    settings.LANGUAGE_CODE = "nb"
    chart = charts.stacked_bars(
        [("Bergen", [3, 1]), ("Bærum", [0, 2])],
        series=["On site", "Online"],
        chart_id="c",
        caption="Registrations",
        label_header="Municipality",
    )
    html = render_to_string("components/charts/chart.html", {"chart": chart})
    assert 'role="img" aria-labelledby="c-caption" aria-describedby="c-desc"' in html
    assert '<figcaption id="c-caption"' in html
    assert (
        '<desc id="c-desc">Bergen: 3 on site, 1 online; Bærum: 0 on site, 2 online</desc>' in html
    )
    assert "style=" not in html and "<script" not in html
    # The second series is hatched, not only another colour, and the legend names it.
    assert html.count('fill="url(#c-hatch)"') == 3  # legend, Bergen, Bærum
    assert _table(html) == {"Bergen": ["3", "1", "4"], "Bærum": ["0", "2", "2"]}
    # Coordinates are whole numbers: a decimal comma would draw nothing.
    assert not re.search(r'(?:x|y|width|height)="[^"]*,', html)


def test_bars_show_shares_and_scale_to_the_total():
    chart = charts.bars(
        [("Lesson 1", 3), ("Lesson 2", 0)],
        chart_id="b",
        caption="Done",
        label_header="Lesson",
        value_header="Done",
        total=4,
    )
    assert [row["value"] for row in chart.rows] == ["3 (75 %)", "0 (0 %)"]
    assert chart.rows[0]["length"] == round(0.75 * chart.rows[0]["span"])
    assert chart.rows[1]["length"] == 0
    empty = charts.columns(
        [], chart_id="e", caption="x", label_header="Week", value_header="Minutes"
    )
    html = render_to_string("components/charts/chart.html", {"chart": empty})
    assert "<svg" not in html and empty.empty in html and "<details" not in html


def test_participants_page_charts_municipalities_by_mode(
    client, hybrid, oda_organiser, bergen, django_assert_max_num_queries
):
    lorenskog = SchoolFactory(municipality=MunicipalityFactory(name="Lørenskog"))

    def member(school):
        user = UserFactory()
        if school:
            MembershipFactory(user=user, school=school, role="teacher")
        return user

    register(hybrid, member(bergen), "on-site")
    register(hybrid, member(bergen), "online")
    register(hybrid, member(lorenskog), "online")
    register(hybrid, member(None), "online")
    url = reverse("gatherings:participants", args=[hybrid.pk])
    client.force_login(oda_organiser)
    with django_assert_max_num_queries(40) as few:
        html = client.get(url).content.decode()
    chart = html[html.index('<figure class="chart') : html.index("</figure>")]
    assert 'role="img"' in chart and "samspill/css/charts.css" in html
    assert _table(chart) == {
        "Bergen": ["1", "1", "2"],
        "Lørenskog": ["0", "1", "1"],
        "No school": ["0", "1", "1"],
    }
    # More registrations cost no query; the waiting list (online is full) is left out.
    register(hybrid, member(lorenskog), "on-site")
    for _ in range(6):
        register(hybrid, member(lorenskog), "online")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert _table(html[html.index('<figure class="chart') :])["Lørenskog"] == ["1", "1", "2"]
