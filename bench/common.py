"""Shared benchmark harness: a Daphne server on loopback, a keep-alive HTTP load
generator, and a table of ratios against the bare view measured in the same run.

Usage from a bench script:

    from bench import common
    common.setup_django()                      # bench settings, migrated bench DB
    ... seed data with the ORM ...
    with common.server() as base_url:
        cookies = common.session_cookie(user)  # a logged-in member
        results = common.compare(base_url, {"bare": ("/bench/bare/", None), ...})
    common.print_table(results, ceiling="bare")

Figures are ratios measured in one run; nothing here asserts a time.
"""

import http.client
import itertools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
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
def server(processes: int = 1):
    """Start `processes` Daphne servers; yields the base URL of the first (or all, see servers)."""
    with servers(processes) as urls:
        yield urls[0]


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


# Shared by every load() call, so repeated runs over a list of paths never reuse one.
_path_counter = itertools.count()


def load(
    base_url: str,
    path: "str | list[str]",
    cookie: str | None = None,
    *,
    requests: int = 300,
    concurrency: int = 4,
) -> dict:
    """Send `requests` GETs over `concurrency` keep-alive connections. With a list of
    paths, each request takes the next one (e.g. to measure cache misses)."""
    paths = path if isinstance(path, list) else [path]
    next_path = _path_counter
    host, port = base_url.removeprefix("http://").split(":")
    latencies: list[float] = []
    queries: list[int] = []
    statuses: dict[int, int] = {}
    set_cookies = 0
    lock = threading.Lock()
    per_worker = [
        requests // concurrency + (1 if i < requests % concurrency else 0)
        for i in range(concurrency)
    ]
    headers = {"Accept-Language": "nb", "Connection": "keep-alive"}
    if cookie:
        headers["Cookie"] = cookie

    def worker(n: int) -> None:
        nonlocal set_cookies
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        for _ in range(n):
            with lock:
                current = paths[next(next_path) % len(paths)]
            start = time.perf_counter()
            conn.request("GET", current, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
                queries.append(int(response.getheader("X-Queries", "-1")))
                if response.getheader("Set-Cookie"):
                    set_cookies += 1
        conn.close()

    pids = server_pids(base_url)
    cpu_before = _cpu_seconds(pids)
    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in per_worker]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cpu = _cpu_seconds(pids) - cpu_before
    latencies.sort()
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "rps": len(latencies) / wall,
        "cpu_ms": cpu / len(latencies) * 1000 if pids else float("nan"),
        "queries": statistics.median(queries),
        "statuses": statuses,
        "set_cookie": set_cookies,
    }


def compare(
    base_url: str,
    cases: dict[str, tuple[str, str | None]],
    *,
    repeats: int = 5,
    requests: int = 200,
    concurrency: int = 4,
) -> dict[str, dict]:
    """Run every case `repeats` times, alternating cases, and keep the medians."""
    for path, cookie in cases.values():  # warm up caches and code paths
        load(base_url, path, cookie, requests=20, concurrency=2)
    runs: dict[str, list[dict]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, (path, cookie) in cases.items():
            runs[name].append(
                load(base_url, path, cookie, requests=requests, concurrency=concurrency)
            )
    summary = {}
    for name, results in runs.items():
        summary[name] = {
            key: statistics.median(r[key] for r in results)
            for key in ("median_ms", "p95_ms", "rps", "cpu_ms", "queries")
        }
        summary[name]["statuses"] = results[-1]["statuses"]
        summary[name]["set_cookie"] = sum(r["set_cookie"] for r in results)
    return summary


def print_table(summary: dict[str, dict], ceiling: str = "bare") -> None:
    top = summary[ceiling]["rps"]
    print(
        f"{'case':34} {'median ms':>10} {'p95 ms':>8} {'req/s':>8} {'× ceiling':>10} "
        f"{'CPU ms/req':>11} {'queries':>8} {'statuses':>14} {'Set-Cookie':>10}"
    )
    for name, row in summary.items():
        print(
            f"{name:34} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['rps']:8.1f} "
            f"{row['rps'] / top:10.3f} {row['cpu_ms']:11.2f} {row['queries']:8.0f} "
            f"{str(row['statuses']):>14} {row['set_cookie']:10d}"
        )
