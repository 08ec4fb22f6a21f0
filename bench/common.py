"""Shared benchmark helpers: the bench database (`setup_django`), a signed-in member's
session cookie, free ports, CPU seconds of server processes, and Daphne processes on
loopback for the chat bench. Pages are measured on the peers' yardstick in
bench/http.py and bench/yardstick.py (gunicorn and wrk); nothing here asserts a time.
"""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench.settings"


def _migrations_key() -> str:
    """A hash of the project's migration files and the framework versions: a migrated
    empty database made with the same key can be reused as it is."""
    import hashlib

    import django
    import wagtail

    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__}".encode())
    for path in sorted(ROOT.glob("**/migrations/*.py")):
        if ".venv" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def setup_django(fresh: bool = False) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    sys.path.insert(0, str(ROOT))
    db = ROOT / "bench" / ".bench.sqlite3"
    sqlite = not os.environ.get("BENCH_DATABASE_URL")
    # Migrating an empty SQLite database took 43 s on a loaded 2-core machine; a copy
    # of one migrated before (same migrations) takes well under a second.
    template = ROOT / "bench" / f".bench-migrated-{_migrations_key()}.sqlite3"
    if fresh and sqlite:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        if template.exists():
            shutil.copyfile(template, db)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    if fresh and sqlite and not template.exists():
        for old in template.parent.glob(".bench-migrated-*.sqlite3"):
            old.unlink()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(template)])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def servers(count: int, application: str = "community.asgi:application", env_extra=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONPATH": str(ROOT),
        **(env_extra or {}),
    }
    procs, urls = [], []
    daphne = str(Path(sys.executable).parent / "daphne")
    # Server logs go to files: an unread pipe fills up and stalls the server.
    logs = ROOT / "bench" / ".logs"
    logs.mkdir(exist_ok=True)
    try:
        for n in range(count):
            port = free_port()
            procs.append(
                subprocess.Popen(
                    [daphne, "-b", "127.0.0.1", "-p", str(port), application],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=(logs / f"daphne-{n}.log").open("w"),
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            _wait_until_up(url)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def server_pids(base_url: str) -> list[int]:
    port = base_url.rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
    return [int(part.split("=")[1].split(",")[0]) for part in out.stdout.split() if "pid=" in part]


def _wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    host, port = url.removeprefix("http://").split(":")
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(host, int(port), timeout=2)
            conn.request("GET", "/bench/bare/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start")


def session_cookie(user) -> str:
    """A real session for `user`, as the Cookie header a logged-in browser sends."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError):
            pass
    return total
