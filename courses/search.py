"""The library's tabs in the site-wide /search/: resources and tool guides the searcher may see."""

from django.utils.translation import gettext_lazy as _

from community import l10n
from community.search import SearchHit, SearchProvider

from .audience import visible_audiences
from .models import ResourcePage, ToolGuidePage
from .selectors import best_match_order, search_matches

MAX_HITS = 300


def _hits(model, user, query: str, meta) -> list[SearchHit]:
    queryset = model.objects.live().filter(audience__in=visible_audiences(user))
    # A word in a page's Danish or English translation finds the (Norwegian) page, which
    # is listed once, in the member's language (community/l10n.py).
    matches = search_matches(queryset, query).values("translation_key")
    found = l10n.originals(queryset.filter(translation_key__in=matches))
    results = l10n.localize(best_match_order(found, query)[:MAX_HITS])
    return [
        SearchHit(
            title=page.title,
            url=page.url or "",
            snippet=page.summary,
            meta=meta(page),
            date=page.last_published_at,
        )
        for page in results
    ]


def search_resources(user, query: str, params) -> list[SearchHit]:
    return _hits(
        ResourcePage,
        user,
        query,
        lambda page: f"{_('Resource')} · {page.get_licence_display()} · {page.author_name}",
    )


def search_guides(user, query: str, params) -> list[SearchHit]:
    return _hits(ToolGuidePage, user, query, lambda page: f"{_('Tool guide')} · {page.tool_name}")


resource_search_provider = SearchProvider(
    key="resources", label=_("Resources"), order=10, search=search_resources
)
guide_search_provider = SearchProvider(
    key="guides", label=_("Tool guides"), order=20, search=search_guides
)


def search_courses(user, query: str, params) -> list[SearchHit]:
    from .learning.models import CoursePage

    # Course pages are browsable by everyone (the audience decides who may enrol);
    # pages behind a Wagtail view restriction are left out.
    pages = CoursePage.objects.live().public().order_by("title")
    results = pages.search(query, operator="and", order_by_relevance=False)
    return [
        SearchHit(
            title=page.title,
            url=page.url or "",
            snippet=page.summary,
            meta=f"{_('Course')} · {page.get_audience_display()}",
            date=page.last_published_at,
        )
        for page in l10n.localize(l10n.only_originals(results[:MAX_HITS]))
    ]


course_search_provider = SearchProvider(
    key="courses", label=_("Courses"), order=25, search=search_courses
)
