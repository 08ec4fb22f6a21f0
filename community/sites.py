"""Remember which Wagtail Site answers a host, instead of asking the database each time.

Wagtail looks the Site up for every request with a query it builds anew (a CASE
expression ranking hostname and port matches): about a fifth of a library page's CPU
time. Sites change rarely; the cache is keyed by a version that any Site or home page
change moves on, and entries expire after SAMSPILL_SITE_CACHE_SECONDS (0 turns it off).
"""

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

VERSION_KEY = "wagtail-sites:version"


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def sites_changed(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


class SiteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.SAMSPILL_SITE_CACHE_SECONDS
        if timeout:
            hostname = split_domain_port(request._get_raw_host())[0]
            key = f"wagtail-sites:{_version()}:{hostname}:{request.get_port()}"
            site = cache.get(key)
            if site is None:
                site = Site._find_for_request(request)
                if site is not None:
                    cache.set(key, site, timeout)
            if site is not None:
                request._wagtail_site = site
        return self.get_response(request)
