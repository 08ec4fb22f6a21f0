"""Reads for the library: listings with facets, pages, files, lists and search.

Listings are computed once per (library version, audience tier, filters) and kept
in the cache: the version changes whenever a library page is published, unpublished,
moved or deleted, or a term is edited, so nobody sees a stale list.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page

from community import l10n
from community.schools.models import SchoolMembership

from .audience import audience_tier, can_view, is_library_teacher, visible_audiences
from .facets import MEDIA_FLAGS
from .models import (
    ADAPTABLE_LICENCES,
    Cost,
    Licence,
    MediaType,
    PrivacyStatus,
    ResourceCollection,
    ResourceFacetTerm,
    ResourceIndexPage,
    ResourcePage,
    ToolGuidePage,
    ToolPrivacyStatus,
)
from .snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level, Platform

PER_PAGE = 20
MAX_QUERY = 200
LISTING_TIMEOUT = 600
CARD_RENDITION = "fill-480x270"

SORTS = {
    "relevance": _("Best match"),
    "newest": _("Newest"),
    "updated": _("Recently updated"),
    "title": _("Title A–Å"),
}
ORDERINGS = {
    "newest": ("-first_published_at", "-pk"),
    "updated": ("-last_published_at", "-pk"),
    "title": ("title", "pk"),
}


# --- cache version ----------------------------------------------------------------


def library_version() -> int:
    from .models import LibraryState

    return LibraryState.objects.filter(pk=1).values_list("version", flat=True).first() or 0


# --- terms ------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int = 0
    selected: bool = False
    group: str = ""


@dataclass
class Facet:
    key: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return sum(option.selected for option in self.options)


def _term_rows(model) -> list[dict]:
    fields = ["id", "slug", "name_nb", "name_da", "name_en"]
    if model is Instrument:
        fields.append("family")
    return list(model.objects.order_by(*model._meta.ordering).values(*fields))


def taxonomy(version: int | None = None) -> dict[str, list[dict]]:
    """Every term, read once per library version (terms change rarely)."""
    key = f"courses:terms:{library_version() if version is None else version}"
    terms = cache.get(key)
    if terms is None:
        terms = {
            "discipline": _term_rows(Discipline),
            "instrument": _term_rows(Instrument),
            "level": _term_rows(Level),
            "age": _term_rows(AgeGroup),
            "language": _term_rows(ContentLanguage),
            "platform": _term_rows(Platform),
        }
        cache.set(key, terms, LISTING_TIMEOUT)
    return terms


def term_label(row: dict) -> str:
    language = (get_language() or "nb")[:2]
    return row.get(f"name_{language}") or row["name_nb"]


# --- resource listing -------------------------------------------------------------

RESOURCE_M2M = {
    "discipline": (ResourcePage.disciplines.through, "discipline_id"),
    "instrument": (ResourcePage.instruments.through, "instrument_id"),
    "level": (ResourcePage.levels.through, "level_id"),
    "age": (ResourcePage.age_groups.through, "agegroup_id"),
}
RESOURCE_FACETS = [
    ("discipline", _("Discipline")),
    ("instrument", _("Instrument")),
    ("level", _("Level")),
    ("age", _("Age group")),
    ("language", _("Language")),
    ("licence", _("Licence")),
    ("media", _("Media type")),
]


def _selected(params, key: str, allowed: set[str]) -> list[str]:
    # Unknown values (an old link, a typo) are ignored rather than failing the page.
    values = [value[:60] for value in params.getlist(key)[:20]]
    return sorted({value for value in values if value in allowed})


def _resource_filter(key: str, values: list[str], terms: dict) -> Q:
    if key in RESOURCE_M2M:
        through, column = RESOURCE_M2M[key]
        ids = [row["id"] for row in terms[key] if row["slug"] in values]
        return Q(pk__in=through.objects.filter(**{f"{column}__in": ids}).values("resourcepage_id"))
    if key == "language":
        return Q(language__slug__in=values)
    if key == "licence":
        return Q(licence__in=values)
    if key == "media":
        q = Q()
        for value in values:
            if value == MediaType.TEXT:
                q |= Q(has_document=False, has_audio=False, has_video=False, has_image=False)
            else:
                q |= Q(**{MEDIA_FLAGS[value]: True})
        return q
    raise KeyError(key)


def search_terms(query: str) -> str:
    """Words only: quotes, brackets and operators would reach SQLite's FTS5 syntax
    (an unbalanced quote is an SQL error there), and members search by words anyway."""
    return " ".join(re.findall(r"\w+", query))[:MAX_QUERY]


def search_matches(queryset, query: str):
    """The queryset narrowed to pages matching every word of the query.

    Wagtail's database backend does the matching (SQLite FTS5, PostgreSQL full-text
    search). Its results expose the underlying queryset, so facet filters (many-to-many,
    which search backends cannot filter on) still apply in the database. Its relevance
    ordering is left out: on SQLite it scores every match with a correlated subquery
    (5 s for 4,000 matches among 10,000 resources); `best_match_order` is used instead.
    """
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    return queryset.search(terms, operator="and", order_by_relevance=False).get_queryset()


def best_match_order(queryset, query: str):
    """Pages with more of the words in their title first, then the newest."""
    words = search_terms(query).split()[:5]
    if not words:
        return queryset.order_by(*ORDERINGS["newest"])
    title_hits = sum(
        (Case(When(title__icontains=word, then=Value(1)), default=Value(0)) for word in words),
        Value(0),
    )
    return queryset.annotate(title_hits=title_hits).order_by(
        "-title_hits", "-first_published_at", "-pk"
    )


def _allowed_values(terms: dict) -> dict[str, set[str]]:
    allowed = {key: {row["slug"] for row in terms[key]} for key in RESOURCE_M2M}
    allowed["language"] = {row["slug"] for row in terms["language"]}
    allowed["licence"] = set(Licence.values)
    allowed["media"] = set(MediaType.values)
    return allowed


def _facet_terms(key: str, values: list[str], terms: dict) -> list[str]:
    """The chosen values as ResourceFacetTerm stores them: term ids, or the value."""
    if key in RESOURCE_M2M or key == "language":
        return [str(row["id"]) for row in terms[key] if row["slug"] in values]
    return values


def _facet_counts(tier_audiences, query, selected, terms) -> dict[str, dict[str, int]]:
    """All seven facets' counts from one grouped query over the facet-term table.

    Each chosen facet j keeps a row when the row belongs to facet j itself or its
    resource passes filter j, so every facet counts within the *other* facets' filters
    (choosing a second value in the same facet widens the result, and its count says
    by how much). In SQL:

        SELECT facet, term, COUNT(*) FROM courses_resourcefacetterm
        WHERE audience IN (tier) [AND resource_id IN (search hits)]
          AND (facet = 'j' OR resource_id IN (SELECT resource_id ... facet = 'j'
                                               AND term IN (chosen)))  -- per facet j
        GROUP BY facet, term
    """
    rows = ResourceFacetTerm.objects.filter(audience__in=tier_audiences)
    if query:
        hits = search_matches(
            ResourcePage.objects.live().filter(audience__in=tier_audiences), query
        )
        rows = rows.filter(resource_id__in=hits.values("pk"))
    for key, values in selected.items():
        passing = ResourceFacetTerm.objects.filter(
            facet=key, term__in=_facet_terms(key, values, terms)
        ).values("resource_id")
        rows = rows.filter(Q(facet=key) | Q(resource_id__in=passing))
    counts: dict[str, dict[str, int]] = {key: {} for key, _label in RESOURCE_FACETS}
    grouped = rows.order_by().values_list("facet", "term").annotate(n=Count("*"))
    for facet, term, n in grouped:
        counts.setdefault(facet, {})[term] = n
    return counts


def _total(counts, selected) -> int:
    """How many resources pass every filter, read off the licence counts: every resource
    has exactly one licence, and the licence facet counts within the other filters, so
    its counts over the chosen licences (or all) add up to the result. This saves the
    paginator's COUNT, which repeated the search and every filter (3-5 ms of 10,000)."""
    licences = counts.get("licence", {})
    chosen = selected.get("licence") or licences
    return sum(licences.get(value, 0) for value in chosen)


def _compute_resource_page(tier_audiences, query, selected, sort, page_number, terms, total):
    base = ResourcePage.objects.live().filter(audience__in=tier_audiences)
    if query:
        base = search_matches(base, query)
    base = l10n.originals(base)  # after the search: its backend filters on indexed fields only
    results = base
    for key, values in selected.items():
        results = results.filter(_resource_filter(key, values, terms))
    if sort in ORDERINGS:
        results = results.order_by(*ORDERINGS[sort])
    else:
        results = best_match_order(results, query)
    paginator = Paginator(results.values_list("pk", flat=True), PER_PAGE)
    paginator.count = total  # a cached_property: known from the facet counts (_total)
    page = paginator.get_page(page_number)
    return {
        "ids": list(page.object_list),
        "number": page.number,
        "num_pages": paginator.num_pages,
        "total": paginator.count,
    }


def _facets(counts, selected, terms) -> list[Facet]:
    facets = []
    for key, label in RESOURCE_FACETS:
        facet = Facet(key=key, label=str(label))
        chosen = set(selected.get(key, []))
        if key in RESOURCE_M2M or key == "language":
            for row in terms[key]:
                option = FacetOption(
                    value=row["slug"],
                    label=term_label(row),
                    count=counts[key].get(str(row["id"]), 0),
                    selected=row["slug"] in chosen,
                    group=row.get("family", ""),
                )
                facet.options.append(option)
        elif key == "licence":
            for value, option_label in Licence.choices:
                facet.options.append(
                    FacetOption(
                        value, str(option_label), counts[key].get(value, 0), value in chosen
                    )
                )
        else:
            for value, option_label in MediaType.choices:
                facet.options.append(
                    FacetOption(
                        value, str(option_label), counts[key].get(value, 0), value in chosen
                    )
                )
        # Options with no matches stay visible when chosen, so they can be unticked.
        facet.options = [option for option in facet.options if option.count or option.selected]
        facets.append(facet)
    return facets


def _card_queryset(model, ids):
    image_model = get_image_model()
    queryset = model.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("cover_image", queryset=image_model.objects.prefetch_renditions(CARD_RENDITION)),
        "disciplines",
    )
    if model is ResourcePage:
        queryset = queryset.prefetch_related("levels").select_related("language")
    else:
        queryset = queryset.prefetch_related("platforms")
    by_id = {page.pk: page for page in queryset}
    return l10n.localize(by_id[pk] for pk in ids if pk in by_id)


def _resource_cards(ids, version) -> list[str]:
    """The listing's cards as HTML, each kept per resource, library version and language:
    a new filter combination mostly shows cards some other combination already drew, so
    only the missing ones are loaded (with their terms and cover) and rendered. A card
    shows nothing about the viewer, so every viewer shares it."""
    keys = {pk: f"courses:card:{fragment_key(pk, version=version)}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        drawn = {
            keys[resource.pk]: render_to_string(
                "courses/components/resource_card.html", {"resource": resource}
            )
            for resource in _card_queryset(ResourcePage, missing)
        }
        cache.set_many(drawn, LISTING_TIMEOUT)
        found.update(drawn)
    return [mark_safe(found[keys[pk]]) for pk in ids if keys[pk] in found]  # noqa: S308 (our template's output)


def _params_key(parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def resource_listing(user, params) -> dict:
    query = params.get("q", "").replace("\x00", "").strip()[:MAX_QUERY]
    version = library_version()
    terms = taxonomy(version)
    allowed = _allowed_values(terms)
    selected = {
        key: values
        for key, _label in RESOURCE_FACETS
        if (values := _selected(params, key, allowed[key]))
    }
    sort = params.get("sort", "")
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = "relevance" if query else "newest"
    page_number = params.get("page", "1")[:6]
    tier = audience_tier(user)
    audiences = visible_audiences(user)
    filters = (version, tier, query, sorted(selected.items()))
    # The counts depend on the filters only: every page and sort of them shares one entry.
    counts_key = "courses:facets:" + _params_key(filters)
    counts = cache.get(counts_key)
    if counts is None:
        counts = _facet_counts(audiences, query, selected, terms)
        cache.set(counts_key, counts, LISTING_TIMEOUT)
    key = "courses:listing:" + _params_key((*filters, sort, page_number))
    data = cache.get(key)
    if data is None:
        total = _total(counts, selected)
        data = _compute_resource_page(audiences, query, selected, sort, page_number, terms, total)
        cache.set(key, data, LISTING_TIMEOUT)
    querystring = params.copy()
    querystring.pop("page", None)
    paginator = Paginator(range(data["total"]), PER_PAGE)
    return {
        # The results and filters are rendered once per listing key and language and
        # cached; the cards are only put together when that HTML is missing.
        "results_key": fragment_key(
            "listing", key, len(params.get("q", "")) > MAX_QUERY, version=version
        ),
        "cards": SimpleLazyObject(lambda: _resource_cards(data["ids"], version)),
        "page_obj": paginator.get_page(data["number"]),
        "total": data["total"],
        "facets": _facets(counts, selected, terms),
        "query": query,
        "sort": sort,
        "sorts": [
            (value, label) for value, label in SORTS.items() if value != "relevance" or query
        ],
        "filtered": bool(selected or query),
        "querystring": querystring.urlencode(),
        "query_too_long": len(params.get("q", "")) > MAX_QUERY,
    }


# --- guide listing ----------------------------------------------------------------


def municipality_for(user):
    """The municipality of the member's (first) school, for privacy statuses."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_library_municipality", False)
    if cached is not False:
        return cached
    membership = (
        SchoolMembership.objects.filter(user=user)
        .select_related("school__municipality")
        .order_by("joined_at")
        .first()
    )
    user._library_municipality = membership.school.municipality if membership else None
    return user._library_municipality


GUIDE_M2M = {
    "platform": (ToolGuidePage.platforms.through, "platform_id"),
    "discipline": (ToolGuidePage.disciplines.through, "discipline_id"),
}


def _guide_filter(key, values, terms, municipality) -> Q:
    if key in GUIDE_M2M:
        through, column = GUIDE_M2M[key]
        ids = [row["id"] for row in terms[key] if row["slug"] in values]
        return Q(pk__in=through.objects.filter(**{f"{column}__in": ids}).values("toolguidepage_id"))
    if key == "cost":
        return Q(cost__in=values)
    statuses = ToolPrivacyStatus.objects.filter(municipality=municipality)
    q = Q(pk__in=statuses.filter(status__in=values).values("page_id"))
    if PrivacyStatus.UNKNOWN in values:
        q |= ~Q(pk__in=statuses.values("page_id"))
    return q


def _guide_counts(queryset, key, municipality) -> dict:
    if key in GUIDE_M2M:
        through, column = GUIDE_M2M[key]
        rows = (
            through.objects.filter(toolguidepage_id__in=queryset.values("pk"))
            .values(column)
            .annotate(n=Count("toolguidepage_id"))
        )
        return {row[column]: row["n"] for row in rows}
    if key == "cost":
        rows = queryset.order_by().values("cost").annotate(n=Count("pk"))
        return {row["cost"]: row["n"] for row in rows}
    rows = (
        ToolPrivacyStatus.objects.filter(
            municipality=municipality, page_id__in=queryset.values("pk")
        )
        .values("status")
        .annotate(n=Count("pk"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    known = sum(counts.values()) - counts.get(PrivacyStatus.UNKNOWN, 0)
    counts[PrivacyStatus.UNKNOWN] = queryset.order_by().count() - known
    return counts


def guide_listing(user, params) -> dict:
    query = params.get("q", "").replace("\x00", "").strip()[:MAX_QUERY]
    terms = taxonomy()
    municipality = municipality_for(user)
    allowed = {
        "platform": {row["slug"] for row in terms["platform"]},
        "discipline": {row["slug"] for row in terms["discipline"]},
        "cost": set(Cost.values),
        "status": set(PrivacyStatus.values) if municipality is not None else set(),
    }
    selected = {key: values for key in allowed if (values := _selected(params, key, allowed[key]))}
    base = ToolGuidePage.objects.live().filter(audience__in=visible_audiences(user))
    if query:
        base = search_matches(base, query)
    base = l10n.originals(base)  # after the search: its backend filters on indexed fields only
    filters = {
        key: _guide_filter(key, values, terms, municipality) for key, values in selected.items()
    }
    guides = base
    for q in filters.values():
        guides = guides.filter(q)
    guides = best_match_order(guides, query) if query else guides.order_by("tool_name", "pk")
    paginator = Paginator(guides.values_list("pk", flat=True), PER_PAGE)
    page = paginator.get_page(params.get("page"))
    cards = _card_queryset(ToolGuidePage, list(page.object_list))
    statuses = privacy_statuses_for(municipality, [guide.pk for guide in cards])
    for guide in cards:
        guide.local_status = statuses.get(guide.pk)
    counts = {}
    for key in allowed:
        if key == "status" and municipality is None:
            continue
        scoped = base
        for other, q in filters.items():
            if other != key:
                scoped = scoped.filter(q)
        counts[key] = _guide_counts(scoped, key, municipality)

    def options(key, rows):
        chosen = set(selected.get(key, []))
        found = [
            FacetOption(value, label, counts.get(key, {}).get(count_key, 0), value in chosen)
            for value, label, count_key in rows
        ]
        return [option for option in found if option.count or option.selected]

    querystring = params.copy()
    querystring.pop("page", None)
    return {
        "guides": cards,
        "page_obj": page,
        "total": paginator.count,
        "query": query,
        "municipality": municipality,
        "platform_options": options(
            "platform", [(r["slug"], term_label(r), r["id"]) for r in terms["platform"]]
        ),
        "discipline_options": options(
            "discipline", [(r["slug"], term_label(r), r["id"]) for r in terms["discipline"]]
        ),
        "cost_options": options("cost", [(v, str(label), v) for v, label in Cost.choices]),
        "status_options": options(
            "status", [(v, str(label), v) for v, label in PrivacyStatus.choices]
        ),
        "filtered": bool(query or selected),
        "querystring": querystring.urlencode(),
    }


def privacy_statuses_for(municipality, page_ids) -> dict[int, ToolPrivacyStatus]:
    if municipality is None or not page_ids:
        return {}
    return {
        status.page_id: status
        for status in ToolPrivacyStatus.objects.filter(
            municipality=municipality, page_id__in=page_ids
        )
    }


# --- pages ------------------------------------------------------------------------


def collections_for(user):
    if not is_library_teacher(user):
        return ResourceCollection.objects.none()
    return ResourceCollection.objects.filter(owner=user).annotate(size=Count("items"))


def may_adapt(user, resource) -> bool:
    if not is_library_teacher(user):
        return False
    return resource.licence in ADAPTABLE_LICENCES or resource.owner_id == user.pk


def fragment_key(*parts, version: int | None = None) -> str:
    """A cache key for a rendered part of a library page: the parts plus the library
    version and the language, so a publish or a language switch never shows stale HTML."""
    version = library_version() if version is None else version
    return _params_key((version, get_language(), *parts))


def _original_for(user, page):
    original = page.adapted_from
    if original is None or not original.live or not can_view(user, original):
        return None
    return original


def resource_page_context(user, page, *, preview: bool = False) -> dict:
    """What a resource page shows. The shared part (content, terms, attribution,
    adaptations) is rendered once per audience tier and language and cached; the
    queries behind it run lazily, only when the cached HTML is missing."""
    adaptations = page.adaptations.live().filter(audience__in=visible_audiences(user))
    teacher = is_library_teacher(user)
    cacheable = page.live and not preview
    return {
        "content_key": fragment_key("resource", page.pk, audience_tier(user)) if cacheable else "",
        "adaptation_count": SimpleLazyObject(lambda: page.adaptations.live().count()),
        "adaptations": SimpleLazyObject(
            lambda: list(adaptations.only("title", "url_path", "author_name")[:10])
        ),
        "original": SimpleLazyObject(lambda: _original_for(user, page)),
        "may_adapt": may_adapt(user, page),
        "collections": SimpleLazyObject(lambda: list(collections_for(user))) if teacher else [],
        "is_teacher": teacher,
    }


def guide_page_context(user, page) -> dict:
    municipality = municipality_for(user)
    statuses = list(
        page.privacy_statuses.select_related("municipality").order_by("municipality__name")
    )
    local = next(
        (s for s in statuses if s.municipality_id == getattr(municipality, "pk", None)), None
    )
    return {
        "municipality": municipality,
        "local_status": local,
        "statuses": statuses,
        "collections": list(collections_for(user)) if is_library_teacher(user) else [],
        "is_teacher": is_library_teacher(user),
    }


def access_library_page(user, page_id: int):
    """The library page with this id if the user may see it; 404 when it does not exist,
    PermissionDenied when it exists but is not for them."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    if not isinstance(page, ResourcePage | ToolGuidePage):
        raise Http404
    if not can_view(user, page):
        raise PermissionDenied
    return page


# --- lists (collections) ----------------------------------------------------------


def collection_for_owner(user, pk: int) -> ResourceCollection:
    collection = ResourceCollection.objects.filter(pk=pk).first()
    if collection is None:
        raise Http404
    if collection.owner_id != user.pk:
        raise PermissionDenied
    return collection


def collection_pages(collection, user) -> tuple[list, int]:
    """The list's pages the viewer may see, and how many are hidden from them."""
    page_ids = list(collection.items.values_list("page_id", flat=True))
    pages = Page.objects.filter(pk__in=page_ids).live().specific()
    visible, hidden = [], 0
    by_id = {page.pk: page for page in pages}
    for pk in page_ids:
        page = by_id.get(pk)
        if (
            page is not None
            and isinstance(page, ResourcePage | ToolGuidePage)
            and can_view(user, page)
        ):
            visible.append(page)
        else:
            hidden += 1
    return visible, hidden


def shared_collection(token: str) -> ResourceCollection:
    collection = (
        ResourceCollection.objects.filter(share_token=token[:32]).select_related("owner").first()
    )
    if collection is None:
        raise Http404
    return collection


# --- contributions ---------------------------------------------------------------


def my_contributions(user):
    """The member's own resources and guides, drafts included, with their review state."""
    pages = (
        Page.objects.filter(owner=user)
        .type(ResourcePage, ToolGuidePage)
        .select_related("latest_revision")
        .order_by("-latest_revision_created_at", "-pk")
    )
    from wagtail.models import WorkflowState

    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.filter(
            base_content_type__model="page",
            object_id__in=[str(page.pk) for page in pages],
        )
        .select_related("current_task_state__task")
        .order_by("created_at")
    }
    rows = []
    for page in pages:
        rows.append({"page": page, "workflow": states.get(page.pk)})
    return rows


def reviews_waiting(user, *, limit: int = 5) -> dict:
    """Library pages waiting in a review task this member may approve (Wagtail's own
    rule, as on the admin dashboard): a task on an editor's start page. Members in no
    reviewing group get nothing."""
    from django.urls import reverse
    from wagtail.models import TaskState

    if not user.is_authenticated:
        return {"rows": [], "count": 0}
    states = TaskState.objects.reviewable_by(user).filter(
        revision__base_content_type__app_label="wagtailcore",
        revision__base_content_type__model="page",
    )
    rows = [
        {
            "title": state.revision.object_str,
            "by": state.revision.user,
            "since": state.started_at,
            "url": reverse("wagtailadmin_pages:edit", args=[state.revision.object_id]),
        }
        for state in states.select_related("revision__user").order_by("started_at")[:limit]
    ]
    return {"rows": rows, "count": states.count()}


# --- home page and nav -----------------------------------------------------------


def home_section(user) -> dict:
    resources = list(
        l10n.originals(ResourcePage.objects.live())
        .filter(audience__in=visible_audiences(user))
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:4]
    )
    return {
        "template": "courses/components/home_section.html",
        "new_resources": _card_queryset(ResourcePage, resources),
        "resources_url": l10n.originals(ResourceIndexPage.objects.live()).first(),
    }


def start_reviews(user) -> dict | None:
    data = reviews_waiting(user)
    if not data["count"]:
        return None
    return {"slot": "tasks", "template": "courses/components/start_reviews.html", **data}
