"""Benchmark settings: production-like (DEBUG off), a separate SQLite file, and a
bare view to measure the stack's ceiling on the same server."""

import os
import warnings

from community.settings.base import *  # noqa: F403
from community.settings.base import BASE_DIR, MIDDLEWARE
from community.settings.env import database_from_url, sqlite_database

DEBUG = False
SECRET_KEY = "bench-secret-key-not-for-production-" + "x" * 20  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {
    "default": database_from_url(os.environ["BENCH_DATABASE_URL"])
    if os.environ.get("BENCH_DATABASE_URL")
    else sqlite_database(BASE_DIR / "bench" / ".bench.sqlite3")
}
# Counts queries per request into a response header; both our pages and the bare
# view pay the same small cost.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"level": "ERROR", "handlers": ["stderr"]},
    # A broadcast the layer did not take is a lost chat delivery: bench/.logs shows it.
    "loggers": {"community.realtime": {"level": "WARNING"}},
}
WHITENOISE_AUTOREFRESH = False
# The benches measure pages, not static files, so they run without `collectstatic`.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
