"""The one place settings read the environment.

Configuration errors end the process with a single readable line instead of a
traceback: an operator fixing DATABASE_URL at 3 a.m. should not read Python.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()


class ConfigError(SystemExit):
    """Raised for a bad setting; SystemExit prints the message alone."""

    def __init__(self, message: str) -> None:
        super().__init__(f"Samspill configuration error: {message}")


DATABASE_SCHEMES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
}


def database_from_url(url: str) -> dict:
    """Parse DATABASE_URL into a Django DATABASES entry, or fail with one line."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a non-numeric port
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL is not a valid URL ({exc}).") from None
    if parts.scheme not in DATABASE_SCHEMES:
        raise ConfigError(
            f"DATABASE_URL has unsupported scheme {parts.scheme!r}; use "
            "sqlite:////absolute/path.sqlite3 or postgres://user:password@host:5432/name."
        )
    if parts.scheme == "sqlite":
        name = url.split("sqlite://", 1)[1]
        if name.startswith("/") and len(name) > 1:
            name = name[1:] if name.startswith("//") else name
        if not name or name == "/":
            raise ConfigError(
                "DATABASE_URL for SQLite needs a file path: sqlite:////path/db.sqlite3"
            )
        return sqlite_database(Path(name))
    if not parts.path.strip("/"):
        raise ConfigError("DATABASE_URL for PostgreSQL needs a database name after the host.")
    config = environ.Env.db_url_config(url)
    config["ENGINE"] = DATABASE_SCHEMES[parts.scheme]
    config["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    return config


def sqlite_database(path: Path) -> dict:
    # IMMEDIATE transactions and WAL let Daphne's concurrent writers queue for
    # the lock instead of failing with "database is locked".
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Opening a connection registers Django's SQL functions and runs the PRAGMAs,
        # about a millisecond per request; gunicorn's entry point (community/wsgi.py)
        # keeps connections. Daphne does not: under ASGI each request's thread would
        # hold its own (Django's advice for ASGI is 0).
        "CONN_MAX_AGE": env.int("DJANGO_CONN_MAX_AGE", default=0),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def redis_url(value: str) -> str:
    """Validate REDIS_URL, or fail with one line."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018
    except ValueError as exc:
        raise ConfigError(f"REDIS_URL is not a valid URL ({exc}).") from None
    if parts.scheme not in {"redis", "rediss", "unix"} or not (parts.hostname or parts.path):
        raise ConfigError(
            f"REDIS_URL must look like redis://host:6379/0 (got scheme {parts.scheme!r})."
        )
    return value


def fail(message: str) -> None:
    raise ConfigError(message)


__all__ = [
    "BASE_DIR",
    "ConfigError",
    "database_from_url",
    "env",
    "fail",
    "redis_url",
    "sqlite_database",
]


def storages_from_env(*, private_root: Path, staticfiles_backend: str) -> dict:
    """STORAGES: the local disk, or an S3-compatible bucket when SAMSPILL_S3_BUCKET is set.

    Uploads and data archives share the bucket under two prefixes (media/, private/);
    neither ever gets a public address: both are served only through permission-checked
    views (community/storage.py says why they stream rather than redirect).
    """
    bucket = env("SAMSPILL_S3_BUCKET", default="")
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            # Never under MEDIA_URL: files here are served only through permission-checked views.
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": private_root, "base_url": None},
            },
            "staticfiles": {"BACKEND": staticfiles_backend},
        }
    endpoint = env("SAMSPILL_S3_ENDPOINT_URL", default="")
    if endpoint and urlsplit(endpoint).scheme not in {"http", "https"}:
        raise ConfigError("SAMSPILL_S3_ENDPOINT_URL must start with https:// (or http://).")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": env("SAMSPILL_S3_REGION", default="") or None,
        "access_key": env("SAMSPILL_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("SAMSPILL_S3_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env("SAMSPILL_S3_ADDRESSING_STYLE", default="") or None,
    }
    return {
        "default": {
            "BACKEND": "community.storage.MediaStorage",
            "OPTIONS": {**options, "location": "media"},
        },
        "private": {
            "BACKEND": "community.storage.PrivateStorage",
            "OPTIONS": {**options, "location": "private"},
        },
        "staticfiles": {"BACKEND": staticfiles_backend},
    }
