"""Remember which page answers a path, so a deep page is found with one query.

Wagtail routes a request by walking the tree: for /resources/varsang/ it loads the
home page's child "resources", then its child "varsang", each base row followed by its
specific row (four queries and about a third of the request's CPU time). Here the
first walk is remembered as path -> (page id, type); later requests load that one
page and check that its url_path is still the requested one and that it is live. A
moved, renamed, unpublished or deleted page fails the check and the tree is walked
again, so the cache can be stale without ever routing wrongly.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

TIMEOUT = 3600


def _key(root, path_components) -> str:
    return f"route:{root.pk}:" + "/".join(path_components)[:500]


def cached_page(root, path_components):
    entry = cache.get(_key(root, path_components))
    if entry is None:
        return None
    page_id, content_type_id = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=page_id).first()
    expected = root.url_path + "".join(f"{component}/" for component in path_components)
    if page is None or not page.live or page.url_path != expected:
        return None
    return page


def remember(root, path_components, page) -> None:
    cache.set(_key(root, path_components), (page.pk, page.content_type_id), TIMEOUT)
