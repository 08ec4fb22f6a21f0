"""The shared cache as an accelerator, never a single point of failure.

Django's Redis backend raises when Redis is away, and redis-py waits for its socket
timeout first. Every page asks the cache (the Site per host, rate limits, rendered
fragments), so an outage would turn the whole site into errors. Here a failing Redis
is a cache miss: reads return the default, writes do nothing, and after one failure
the process stops asking Redis for `RETRY_SECONDS` (a circuit breaker), so a paused
server costs one short timeout per process rather than one per request.
`/health/` still reports the cache as failing (`ping()` bypasses the breaker).
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# Seconds a process leaves Redis alone after a failure.
RETRY_SECONDS = 3.0


class _Breaker:
    down_until = 0.0

    @classmethod
    def open(cls) -> bool:
        return time.monotonic() < cls.down_until

    @classmethod
    def trip(cls, error: Exception) -> None:
        if not cls.open():
            logger.warning("Cache unavailable, serving without it: %s", error)
        cls.down_until = time.monotonic() + RETRY_SECONDS


def _guarded(fallback):
    """Run a client method; on a Redis error return `fallback(*args)` instead."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if _Breaker.open():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except self._lib.RedisError as error:  # includes connection errors and timeouts
                _Breaker.trip(error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _missing_key(*args, **kwargs):
    # What incr() says of a key that is not there: callers already handle it.
    raise ValueError("cache unavailable")


class ResilientRedisCacheClient(RedisCacheClient):
    add = _guarded(lambda *a, **k: False)(RedisCacheClient.add)
    get = _guarded(lambda key, default: default)(RedisCacheClient.get)
    set = _guarded(lambda *a, **k: None)(RedisCacheClient.set)
    touch = _guarded(lambda *a, **k: False)(RedisCacheClient.touch)
    delete = _guarded(lambda *a, **k: False)(RedisCacheClient.delete)
    get_many = _guarded(lambda *a, **k: {})(RedisCacheClient.get_many)
    has_key = _guarded(lambda *a, **k: False)(RedisCacheClient.has_key)
    incr = _guarded(_missing_key)(RedisCacheClient.incr)
    set_many = _guarded(lambda *a, **k: [])(RedisCacheClient.set_many)
    delete_many = _guarded(lambda *a, **k: None)(RedisCacheClient.delete_many)
    clear = _guarded(lambda *a, **k: False)(RedisCacheClient.clear)

    def ping(self) -> bool:
        """For /health/: ask Redis itself, whatever the breaker says."""
        try:
            return bool(self.get_client(write=True).ping())
        except self._lib.RedisError:
            return False


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def ping(self) -> bool:
        return self._cache.ping()
