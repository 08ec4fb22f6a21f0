"""Configuration errors end the process with one readable line; production is locked down."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _django_check(settings_module: str, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DATABASE_URL", "mysql://u:p@localhost/db", "unsupported scheme 'mysql'"),
        ("DATABASE_URL", "postgres://u:p@localhost:notaport/db", "not a valid URL"),
        ("DATABASE_URL", "postgres://u:p@localhost:5432", "needs a database name"),
        ("DATABASE_URL", "sqlite://", "needs a file path"),
        ("REDIS_URL", "http://localhost:6379", "REDIS_URL must look like"),
        ("REDIS_URL", "redis://localhost:port/0", "not a valid URL"),
    ],
)
def test_bad_url_fails_with_one_readable_line(variable, value, expected):
    result = _django_check("community.settings.dev", **{variable: value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("Samspill configuration error:")
    assert expected in lines[0]


def test_production_refuses_to_start_without_secret_key():
    result = _django_check("community.settings.production")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Samspill configuration error: DJANGO_SECRET_KEY must be set in production "
        "(50+ random characters)."
    )


def test_production_passes_deploy_checks():
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="community.settings.production",
        DJANGO_SECRET_KEY="k" * 20 + "-production-secret-for-checks-only-" + "z" * 20,
        DJANGO_ALLOWED_HOSTS="samspill.example.no",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_valid_urls_configure_postgres_and_redis():
    from community.settings.env import database_from_url, redis_url

    config = database_from_url("postgres://sam:secret@db.internal:5433/samspill")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "samspill")
    assert redis_url("redis://cache:6379/1") == "redis://cache:6379/1"
    sqlite = database_from_url("sqlite:////var/lib/samspill/db.sqlite3")
    assert sqlite["NAME"] == "/var/lib/samspill/db.sqlite3"
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_media_go_to_the_bucket_only_when_one_is_configured(monkeypatch, tmp_path):
    from community.settings.env import ConfigError, storages_from_env

    def build():
        return storages_from_env(private_root=tmp_path, staticfiles_backend="static")

    assert build()["default"]["BACKEND"].endswith("FileSystemStorage")
    monkeypatch.setenv("SAMSPILL_S3_BUCKET", "samspill-media")
    monkeypatch.setenv("SAMSPILL_S3_ENDPOINT_URL", "https://s3.example.no")
    storages = build()
    assert storages["default"]["BACKEND"] == "community.storage.MediaStorage"
    assert storages["private"]["BACKEND"] == "community.storage.PrivateStorage"
    assert storages["default"]["OPTIONS"]["bucket_name"] == "samspill-media"
    assert storages["default"]["OPTIONS"]["endpoint_url"] == "https://s3.example.no"
    assert {storages[name]["OPTIONS"]["location"] for name in ("default", "private")} == {
        "media",
        "private",
    }
    monkeypatch.setenv("SAMSPILL_S3_ENDPOINT_URL", "s3.example.no")
    with pytest.raises(ConfigError, match="SAMSPILL_S3_ENDPOINT_URL"):
        build()


def test_sessions_are_cached_only_with_a_shared_cache(settings):
    """Local-memory copies would outlive a logout made in another process."""
    if not settings.REDIS_URL:
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
         "settings; print(settings.SESSION_ENGINE)"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "community.settings.dev",
             "REDIS_URL": "redis://127.0.0.1:6399/0"},
    )  # fmt: skip
    assert result.stdout.strip() == "django.contrib.sessions.backends.cached_db", result.stderr


def test_the_local_memory_cache_keeps_a_busy_forums_fragments():
    """Without Redis (`make run`) one process's cache must hold more than Django's default
    300 entries, or a long topic's post fragments evict each other on every view."""
    script = (
        "import django; django.setup(); from django.core.cache import cache; "
        "cache.set_many({f'post:{n}': 'x' * 500 for n in range(1500)}); "
        "print(len(cache.get_many([f'post:{n}' for n in range(1500)])))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**environment, "DJANGO_SETTINGS_MODULE": "community.settings.dev"},
    )  # fmt: skip
    assert result.stdout.strip() == "1500", result.stderr


@pytest.mark.parametrize(("entry_point", "expected"), [("wsgi", 60), ("asgi", 0)])
def test_only_the_sync_workers_keep_their_database_connection(entry_point, expected):
    """A new SQLite connection per request costs about a millisecond; under ASGI a kept
    one would be held by each request's thread, so only gunicorn's entry point keeps it."""
    script = (
        f"import community.{entry_point}; from django.conf import settings; "
        "print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_CONN_MAX_AGE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**environment, "DJANGO_SETTINGS_MODULE": "community.settings.dev"},
    )  # fmt: skip
    assert result.stdout.strip() == str(expected), result.stderr
