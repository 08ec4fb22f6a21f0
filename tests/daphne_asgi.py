"""The site as the browser tests' Daphne serves it.

One Daphne process serves every browser test, while the suite empties the database
between tests. What the process keeps in memory would then outlive the rows it came
from: content-type ids (re-created in another order after a test that seeded the demo),
Wagtail's site root paths and the local-memory cache. So at the first request of each
test (the test bumps a file's time) the process forgets them, as a new process would.
"""

import os

from community.asgi import application as site_application

GENERATION_FILE = os.environ.get("SAMSPILL_TEST_GENERATION_FILE", "")
_seen = {"generation": None}


def _forget_if_new_test() -> None:
    try:
        generation = os.stat(GENERATION_FILE).st_mtime_ns
    except (FileNotFoundError, ValueError):
        return
    if generation == _seen["generation"]:
        return
    _seen["generation"] = generation
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    ContentType.objects.clear_cache()
    for alias in settings.CACHES:
        caches[alias].clear()


async def application(scope, receive, send):
    if GENERATION_FILE and scope["type"] in {"http", "websocket"}:
        _forget_if_new_test()
    return await site_application(scope, receive, send)
