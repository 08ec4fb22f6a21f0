"""Test settings: fast hashing, mail in memory, no throttling surprises."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES
from .env import env, storages_from_env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Specific hosts, so the WebSocket Origin check is exercised as in production.
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver", "[::1]"]
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / ".test-media")
# tests/services.py gives the at-scale pass its own (both passes run at once).
SAMSPILL_PRIVATE_ROOT = env.path("SAMSPILL_TEST_PRIVATE_ROOT", default=BASE_DIR / ".test-private")
STORAGES = storages_from_env(
    private_root=SAMSPILL_PRIVATE_ROOT,
    staticfiles_backend="django.contrib.staticfiles.storage.StaticFilesStorage",
)
# A file-backed SQLite test database, so Daphne processes started by tests see it.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
# Static files straight from the apps, for the Daphne process the browser tests use.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Browser tests run Daphne in another process with its own local-memory cache, which
# would not see the test process recreate the Site after a flush.
SAMSPILL_SITE_CACHE_SECONDS = 0
# Tests change rows directly between requests; tests/community/test_page_cache.py turns it on.
SAMSPILL_PAGE_CACHE_SECONDS = 0

# Tasks run at once inside the test (after commit); the worker's own tests switch to
# the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Presence lists go out quickly in tests (production: one per second per room).
SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS = 0.05
