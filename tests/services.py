"""Throwaway PostgreSQL and Redis for the "at scale" test run.

Loaded with `-p tests.services` so it runs before pytest-django reads the
settings: with SAMSPILL_TEST_SERVICES=real it starts both servers on loopback,
exports DATABASE_URL and REDIS_URL, and stops them when pytest ends.
PostgreSQL refuses to run as root, so as root its binaries run as the
`postgres` user that Debian's package creates.
"""

import atexit
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

_cleanups = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return candidates[-1]


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start_postgresql() -> str:
    datadir = Path(tempfile.mkdtemp(prefix="samspill-pg-"))
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres(
            [
                _pg_bin("initdb"),
                "-D",
                str(datadir),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "--locale",
                "C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    subprocess.run(
        _as_postgres(
            [
                _pg_bin("pg_ctl"),
                "-D",
                str(datadir),
                "-o",
                options,
                "-l",
                str(datadir / "server.log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )

    def stop():
        subprocess.run(
            _as_postgres([_pg_bin("pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(datadir, ignore_errors=True)

    _cleanups.append(stop)
    return f"postgres://postgres@127.0.0.1:{port}/samspill"


def start_redis() -> str:
    from pytest_redis.executor import RedisExecutor

    datadir = Path(tempfile.mkdtemp(prefix="samspill-redis-"))
    port = free_port()
    executor = RedisExecutor(
        executable=shutil.which("redis-server") or "/usr/bin/redis-server",
        databases=16,
        # No idle timeout: pooled channel-layer connections must stay open.
        redis_timeout=0,
        loglevel="warning",
        host="127.0.0.1",
        port=port,
        datadir=datadir,
    )
    executor.start()

    def stop():
        executor.stop()
        shutil.rmtree(datadir, ignore_errors=True)

    _cleanups.append(stop)
    return f"redis://127.0.0.1:{port}/0"


def stop_all():
    while _cleanups:
        _cleanups.pop()()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if os.environ.get("SAMSPILL_TEST_SERVICES") == "real" and not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = start_postgresql()
    os.environ["REDIS_URL"] = start_redis()
    os.environ["SAMSPILL_TEST_SERVICES_STARTED"] = "1"
    # Private files (data-export archives) of its own: `make test` runs this pass at the
    # same time as the embedded one, whose rows have the same ids and file names.
    private_root = tempfile.mkdtemp(prefix="samspill-private-")
    os.environ.setdefault("SAMSPILL_TEST_PRIVATE_ROOT", private_root)
    _cleanups.append(lambda: shutil.rmtree(private_root, ignore_errors=True))
    atexit.register(stop_all)
    # `make test` stops this pass (run in the background) with SIGTERM on Ctrl+C; end
    # it as pytest ends on Ctrl+C, so the servers above are stopped too.
    signal.signal(signal.SIGTERM, _interrupt)


def pytest_report_header(config):
    database = os.environ.get("DATABASE_URL", "SQLite (file)")
    redis = os.environ.get("REDIS_URL", "in-memory channel layer")
    return f"samspill services: database={database} channel layer/cache={redis}"


def pytest_unconfigure(config):
    stop_all()
