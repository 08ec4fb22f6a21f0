"""The forums' tab in the site-wide /search/: posts the searcher may read, nothing else."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from community.search import SearchHit, SearchProvider

from . import selectors
from .access import viewer_for
from .models import Category

MAX_HITS = 300


def search(user, query: str, params) -> list[SearchHit]:
    viewer = viewer_for(user)
    posts = selectors.search_posts(
        viewer,
        query,
        category_slug=params.get("category", "")[:140],
        author=params.get("author", "")[:60],
    )[:MAX_HITS]
    hits = []
    for post in posts:
        topic = post.topic
        title = (
            topic.title if post.number == 1 else _("Reply in “%(topic)s”") % {"topic": topic.title}
        )
        hits.append(
            SearchHit(
                title=str(title),
                url=post.get_absolute_url(),
                snippet=Truncator(strip_tags(post.body_html)).chars(200),
                meta=f"{_('Forum')}: {topic.category.title} · {post.author or ''}",
                date=post.created_at,
            )
        )
    return hits


def filters(user, params) -> dict:
    from .access import readable_categories_q

    return {
        "categories": Category.objects.filter(readable_categories_q(viewer_for(user))).only(
            "slug", "title"
        ),
        "category": params.get("category", ""),
        "author": params.get("author", "")[:60],
        "query": params.get("q", "")[:200],
    }


forum_search_provider = SearchProvider(
    key="forums",
    label=_("Forums"),
    order=40,
    search=search,
    filters_template="forums/components/search_filters.html",
    filters=filters,
)
