"""Site-wide search at /search/.

Each part of the site registers a provider; the page shows one tab per
provider with its count, and the hits of the chosen tab. A provider must
return only what the searching user may read.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    snippet: str = ""
    meta: str = ""  # e.g. "Music · Beginner" or "Forum: Piano"
    date: datetime | None = None


@dataclass(frozen=True)
class SearchProvider:
    key: str  # the tab's value in ?type=
    label: Any  # a lazy translation, e.g. _("Resources")
    order: int
    # search(user, query, params) -> hits the user may read, best first (at most ~500)
    search: Callable[[Any, str, Any], Sequence[SearchHit]]
    # Optional filters for the tab: a callable(user, params) -> template context
    # rendered by `filters_template`.
    filters_template: str = ""
    filters: Callable[[Any, Any], dict] | None = None


_providers: dict[str, SearchProvider] = {}


def register_provider(provider: SearchProvider) -> None:
    _providers[provider.key] = provider


def providers() -> list[SearchProvider]:
    return sorted(_providers.values(), key=lambda provider: provider.order)


def site_search(request):
    # A NUL byte cannot be stored or searched in PostgreSQL text: drop it, like
    # Django's form fields refuse it.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    available = providers()
    tabs = []
    chosen = None
    page = None
    if query:
        requested = request.GET.get("type", "")
        results = {p.key: p.search(request.user, query, request.GET) for p in available}
        tabs = [{"provider": p, "count": len(results[p.key])} for p in available]
        chosen = next((p for p in available if p.key == requested), None)
        if chosen is None:
            # The first tab with hits, so a search never opens on an empty tab.
            chosen = next(
                (p for p in available if results[p.key]), available[0] if available else None
            )
        if chosen is not None:
            page = Paginator(results[chosen.key], 20).get_page(request.GET.get("page"))
    filters = chosen.filters(request.user, request.GET) if chosen and chosen.filters else {}
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "community/search.html",
        {
            "query": query,
            "tabs": tabs,
            "chosen": chosen,
            "page": page,
            "filters": filters,
            "querystring": params.urlencode(),
            "too_long": len(request.GET.get("q", "")) > MAX_QUERY_LENGTH,
            "title": _("Search"),
        },
    )
