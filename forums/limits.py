"""Per-member rate limits, kept in the cache (Redis in production, shared by processes).

A limit is "at most N actions per window"; when it is spent the member learns when
they may try again.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {
    # action: (count, window in seconds)
    "topic": (5, 60 * 60),
    "post": (30, 10 * 60),
    "report": (10, 60 * 60),
}


@dataclass(frozen=True)
class LimitHit:
    retry_at: float  # a Unix time

    @property
    def seconds(self) -> int:
        return max(1, int(self.retry_at - time.time()) + 1)


def _limits() -> dict:
    return {**DEFAULT_LIMITS, **getattr(settings, "FORUMS_RATE_LIMITS", {})}


def check(action: str, user_id: int) -> LimitHit | None:
    """Spend one action of `user_id`'s allowance, or say when they may try again.

    Timestamps of recent actions are kept in one cache key per member and action (a
    sliding window), so a burst at the end of one window cannot double the allowance.
    """
    count, window = _limits()[action]
    key = f"forums:limit:{action}:{user_id}"
    now = time.time()
    recent = [stamp for stamp in cache.get(key, []) if stamp > now - window]
    if len(recent) >= count:
        return LimitHit(retry_at=recent[0] + window)
    recent.append(now)
    cache.set(key, recent, window)
    return None


def slow_mode_check(category_id: int, seconds: int, user_id: int) -> LimitHit | None:
    if seconds <= 0:
        return None
    key = f"forums:slow:{category_id}:{user_id}"
    last = cache.get(key)
    now = time.time()
    if last is not None and now - last < seconds:
        return LimitHit(retry_at=last + seconds)
    cache.set(key, now, seconds)
    return None


def is_duplicate(user_id: int, body: str, window: int = 10 * 60) -> bool:
    """The same text from the same member within ten minutes is a double post."""
    digest = hashlib.sha256(" ".join(body.split()).encode()).hexdigest()[:32]
    key = f"forums:dup:{user_id}:{digest}"
    # cache.add is atomic: only the first of two identical posts gets through.
    return not cache.add(key, 1, window)
