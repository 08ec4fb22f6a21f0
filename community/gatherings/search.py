"""The gatherings tab of the site-wide /search/ (gathering pages are public)."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from community import l10n
from community.search import SearchHit, SearchProvider

from .models import GatheringPage

MAX_HITS = 200


def search_gatherings(user, query: str, params) -> list[SearchHit]:
    pages = GatheringPage.objects.live().order_by("-start")
    results = pages.search(query, operator="and", order_by_relevance=False)
    return [
        SearchHit(
            title=page.title,
            url=page.url or "",
            snippet=page.summary,
            meta=f"{_('Gathering')} · {page.get_kind_display()} · "
            f"{formats.date_format(timezone.localtime(page.start, page.zone), 'DATE_FORMAT')}",
            date=page.start,
        )
        for page in l10n.localize(l10n.only_originals(results[:MAX_HITS]))
    ]


gathering_search_provider = SearchProvider(
    key="gatherings", label=_("Gatherings"), order=30, search=search_gatherings
)
