"""Real Daphne processes for end-to-end socket tests.

They share the test database (committed data: use transactional tests) and, on the
"at scale" run, the throwaway Redis, so a message sent through one process must
reach a client connected to another.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("postgresql"):
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


class Urls(list):
    """The base URLs, with the Popen objects beside them (to kill one mid-test)."""

    processes: list


@contextmanager
def daphne_processes(
    count: int = 2,
    media_root: Path | None = None,
    redis_url: str | None = None,
    extra_env: dict | None = None,
    app: str = "community.asgi:application",
):
    """Yield the base URLs (http://127.0.0.1:port) of `count` Daphne processes."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "community.settings.test",
        "DATABASE_URL": _database_url(),
        "PYTHONPATH": str(ROOT),
    }
    if media_root is not None:
        env["DJANGO_MEDIA_ROOT"] = str(media_root)
    if redis_url or settings.REDIS_URL:
        env["REDIS_URL"] = redis_url or settings.REDIS_URL
    env.update(extra_env or {})
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    daphne = str(Path(sys.executable).parent / "daphne")
    processes, urls = [], Urls()
    urls.processes = processes
    try:
        for _ in range(count):
            port = _free_port()
            processes.append(
                subprocess.Popen(
                    [daphne, "-b", "127.0.0.1", "-p", str(port), app],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    # A file, not a pipe: Daphne logs every request, and a full,
                    # unread pipe would stall it in the middle of a test.
                    stderr=tempfile.TemporaryFile(),  # noqa: SIM115 -- closed with the process
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            _wait_for(url, process)
        yield urls
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for(url: str, process, timeout: float = 60) -> None:
    port = int(url.rsplit(":", 1)[1])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            process.stderr.seek(0)
            raise RuntimeError(f"daphne exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"daphne at {url} did not start")


def session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
