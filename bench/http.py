"""Samspill's pages on the peers' yardstick (../shared/bench/peers/): gunicorn with
2 sync workers, `wrk` from Debian as the load generator, and a plain Django project
serving a trivial view in its own gunicorn as the ceiling, measured in the same run.

    python -m bench.http                  # SQLite, 3 s per wrk run
    python -m bench.http --postgres       # throwaway PostgreSQL + Redis (tests/services.py)
    python -m bench.http --duration 10 --reps 3 --resources 10000

Per case: req/s and "× ceiling" (req/s divided by the plain ceiling's req/s in the
same repetition, median over repetitions), CPU ms per request of the gunicorn master
and workers during the wrk run, queries and writes of one warm request (in process,
CaptureQueriesContext), and from 20 plain HTTP requests after the load: the statuses
and how many responses carried Set-Cookie. Nothing here asserts a time.
"""

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench import common

ROOT = common.ROOT
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.I)


class Gunicorn:
    """gunicorn, sync worker class, `workers` workers, on 127.0.0.1 only."""

    def __init__(self, label, application, settings, workers=2, env_extra=None):
        self.label = label
        self.port = common.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "PYTHONPATH": str(ROOT),
            **(env_extra or {}),
        }
        logs = ROOT / "bench" / ".logs"
        logs.mkdir(exist_ok=True)
        self.log = (logs / f"gunicorn-{label}.log").open("w")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers),
             "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "--timeout", "60", application],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_ready(self, path, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.label} exited; see bench/.logs/")
            try:
                with urllib.request.urlopen(self.base + path, timeout=5):  # noqa: S310 (http on loopback)
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.label} did not start")

    def pids(self):
        pids = [self.proc.pid]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(stat[1]) == self.proc.pid:
                    pids.append(int(entry))
        return pids

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the master stops its workers
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


class Daphne(Gunicorn):
    """One Daphne process (how `make run` and the sockets side serve), for comparison."""

    def __init__(self, label, env_extra=None):
        self.label = label
        self.port = common.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings",
               "PYTHONPATH": str(ROOT), **(env_extra or {})}  # fmt: skip
        (ROOT / "bench" / ".logs").mkdir(exist_ok=True)
        self.log = (ROOT / "bench" / ".logs" / f"daphne-{label}.log").open("w")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "daphne"), "-b", "127.0.0.1", "-p",
             str(self.port), "bench.asgi:application"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip


_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_TOTAL = re.compile(r"(\d+) requests in")
_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKERR = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(out: str) -> dict:
    rps, total = _RPS.search(out), _TOTAL.search(out)
    non2xx, sock = _NON2XX.search(out), _SOCKERR.search(out)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "errors": (int(non2xx.group(1)) if non2xx else 0)
        + (sum(int(x) for x in sock.groups()) if sock else 0),
    }


def wrk(url, cookie, duration, connections=8):
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
           "-H", "Accept-Language: nb"]  # fmt: skip
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*cmd, url], check=True, capture_output=True, text=True, timeout=duration + 30
    ).stdout
    return parse_wrk(out)


def load(server, path, cookie, duration):
    pids = server.pids()
    cpu0 = common._cpu_seconds(pids)
    result = wrk(server.base + path, cookie, duration)
    cpu = common._cpu_seconds(pids) - cpu0
    result["cpu_ms"] = 1000 * cpu / result["requests"] if result["requests"] else None
    return result


def probe(server, path, cookie, n=20):
    """Statuses and Set-Cookie headers of `n` plain requests (wrk reports neither)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    statuses, set_cookie = {}, 0
    headers = {"Accept-Language": "nb", **({"Cookie": cookie} if cookie else {})}
    for _ in range(n):
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        statuses[response.status] = statuses.get(response.status, 0) + 1
        set_cookie += bool(response.getheader("Set-Cookie"))
    conn.close()
    return statuses, set_cookie


def queries_and_writes(path, cookie):
    """SQL statements of one warm request, in process (the page was requested before;
    for a list of addresses, another address was, so the counted one is new)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT_LANGUAGE="nb", HTTP_HOST="127.0.0.1")
    for part in (cookie or "").split("; "):
        if part:
            name, value = part.split("=", 1)
            client.cookies[name] = value
    warm, counted = (path[-2], path[-1]) if isinstance(path, list) else (path, path)
    client.get(warm)
    with CaptureQueriesContext(connection) as ctx:
        client.get(counted)
    return len(ctx), sum(bool(WRITE.match(q["sql"])) for q in ctx.captured_queries)


def seed(resources: int):
    """The forum topic of the peer bench (200 posts), the library, a course with a
    learner, a gathering; returns the cases as {name: (path or [paths], cookie)}."""
    from bench import forum as forum_bench
    from bench import library as library_bench

    forum_bench.POSTS = 200  # the peers' topic
    library_bench.RESOURCES = resources
    # The library first: it numbers its pages from an empty index, before the demo's.
    resource, teacher = library_bench.seed()
    category, topic, member = forum_bench.seed()

    from courses.learning import build, services
    from courses.learning.models import LessonPage
    from tests.factories.gatherings import build_gathering

    course = build.course_create(
        title="Kurs for måling",
        summary="To moduler.",
        author_name="Lærer",
        modules=[
            (f"Modul {m}", [{"title": f"Leksjon {m}.{n}", "body": [
                build.paragraph(f"<p>Leksjon {m}.{n}. " + "Tekst. " * 80 + "</p>")
            ]} for n in range(1, 4)])
            for m in range(1, 3)
        ],
    )  # fmt: skip
    course.save_revision().publish()
    course.refresh_from_db()
    services.enrolment_create(course=course, member=member)
    lesson = LessonPage.objects.descendant_of(course).order_by("path")[1]
    gathering = build_gathering(title="Samspilldag i Bergen")

    from forums.selectors import POSTS_PER_PAGE

    # A browser that has been here before also sends its CSRF cookie; without it every
    # member page would answer with a new csrftoken cookie.
    cookie = f"{common.session_cookie(member)}; csrftoken={'c' * 32}"
    topic_url = f"/forums/t/{topic.pk}/"
    last = f"{topic_url}?page={-(-forum_bench.POSTS // POSTS_PER_PAGE)}"
    listing = "/resources/?discipline=music&level=beginner&q=samspill"
    # A new filter combination every request (two to four facets, and the search term):
    # neither the results nor the facet counts can come from the cache.
    from bench import facets as facets_bench

    misses = facets_bench.paths(5000, "samspill")
    cases = {}
    for who, c in (("visitor", None), ("member", cookie)):
        cases[f"topic first page, {who}"] = (topic_url, c)
        cases[f"topic last page, {who}"] = (last, c)
        cases[f"category list, {who}"] = (f"/forums/c/{category.slug}/", c)
        cases[f"home page, {who}"] = ("/", c)
        cases[f"library listing, {who}"] = (listing, c)
        cases[f"library new address, {who}"] = (misses, c)
        cases[f"resource page, {who}"] = (resource.url, c)
        cases[f"gathering page, {who}"] = (gathering.url, c)
    cases["course page, learner"] = (course.url, cookie)
    cases["lesson page, learner"] = (lesson.url, cookie)
    return cases


def write_misses_script(paths, cookie) -> Path:
    """A wrk Lua script that requests a new address every time (nothing from a cache)."""
    script = ROOT / "bench" / ".logs" / f"misses-{'member' if cookie else 'visitor'}.lua"
    script.parent.mkdir(exist_ok=True)
    listed = ",\n".join(f'"{p}"' for p in paths)
    script.write_text(
        f"local paths = {{\n{listed}\n}}\nlocal n = 0\n"
        "request = function()\n  n = n % #paths + 1\n"
        "  return wrk.format(nil, paths[n])\nend\n"
    )
    return script


def start_services():
    """Throwaway PostgreSQL and Redis from the test suite's helper."""
    from tests import services

    url = services.start_postgresql()
    port = url.rsplit(":", 1)[1].split("/")[0]
    subprocess.run(
        services._as_postgres([services._pg_bin("createdb"), "-h", "127.0.0.1", "-p", port,
                               "-U", "postgres", "samspill"]),
        check=True, capture_output=True,
    )  # fmt: skip
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["REDIS_URL"] = services.start_redis()
    return services.stop_all


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL + Redis")
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument(
        "--daphne", action="store_true", help="also serve a few cases from one Daphne process"
    )
    parser.add_argument(
        "--no-page-cache", action="store_true", help="visitors' pages rendered every time"
    )
    parser.add_argument("--only", default="", help="run only cases containing this text")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.no_page_cache:
        os.environ["SAMSPILL_PAGE_CACHE_SECONDS"] = "0"
    stop_services = start_services() if args.postgres else (lambda: None)
    servers = []
    try:
        common.setup_django(fresh=True)
        cases = seed(args.resources)
        if args.only:
            cases = {k: v for k, v in cases.items() if args.only in k}
        env = {"BENCH_DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", "")}
        plain = Gunicorn("plain", "bench.plain.wsgi:application", "bench.plain.settings")
        samspill = Gunicorn("samspill", "bench.wsgi:application", "bench.settings", env_extra=env)
        servers = [plain, samspill]
        plain.wait_ready("/ceiling/")
        samspill.wait_ready("/bench/bare/")
        if args.daphne:
            daphne = Daphne("samspill", env_extra=env)
            servers.append(daphne)
            daphne.wait_ready("/bench/bare/")
        targets = {"plain Django trivial view (ceiling)": (plain, "/ceiling/", None)}
        targets["Samspill stack, trivial view"] = (samspill, "/bench/bare/", None)
        for name, (path, cookie) in cases.items():
            if isinstance(path, list):
                script = write_misses_script(path, cookie)
                targets[name] = (samspill, path, cookie, script)
            else:
                targets[name] = (samspill, path, cookie)
        if args.daphne:
            targets["Daphne ×1: Samspill stack, trivial view"] = (daphne, "/bench/bare/", None)
            for name in ("topic first page, visitor", "resource page, visitor"):
                if name in cases:
                    targets[f"Daphne ×1: {name}"] = (daphne, *cases[name])
        counts = {}
        for name, target in targets.items():  # warm up and count queries once
            server, path, cookie = target[:3]
            wrk(server.base + (path[0] if isinstance(path, list) else path), cookie, 1)
            counts[name] = queries_and_writes(path, cookie) if server is not plain else (0, 0)
        runs = {name: [] for name in targets}
        for rep in range(args.reps):
            order = list(targets) if rep % 2 == 0 else list(targets)[::-1]
            ceiling = None
            for name in order:
                server, path, cookie = targets[name][:3]
                if len(targets[name]) == 4:
                    pids = server.pids()
                    cpu0 = common._cpu_seconds(pids)
                    out = subprocess.run(
                        ["wrk", "-t1", "-c8", f"-d{args.duration}s", "-s", str(targets[name][3]),
                         "-H", "Accept-Language: nb", *(["-H", f"Cookie: {cookie}"] if cookie else []),
                         server.base + "/"],
                        check=True, capture_output=True, text=True,
                    ).stdout  # fmt: skip
                    result = parse_wrk(out)
                    cpu = common._cpu_seconds(pids) - cpu0
                    result["cpu_ms"] = 1000 * cpu / max(result["requests"], 1)
                else:
                    result = load(server, path, cookie, args.duration)
                runs[name].append(result)
                if server is plain:
                    ceiling = result["rps"]
            for name in order:
                runs[name][-1]["ratio"] = runs[name][-1]["rps"] / ceiling if ceiling else None
        rows = []
        for name, results in runs.items():
            server, path, cookie = targets[name][:3]
            statuses, set_cookie = probe(
                server, path[0] if isinstance(path, list) else path, cookie
            )
            queries, writes = counts[name]
            rows.append((name, statistics.median(r["rps"] for r in results),
                         statistics.median(r["ratio"] or 0.0 for r in results),
                         statistics.median(r["cpu_ms"] or 0.0 for r in results), queries, writes,
                         sum(r["errors"] for r in results), statuses, set_cookie))  # fmt: skip
    finally:
        for server in servers:
            server.stop()
        stop_services()
    database = "PostgreSQL + Redis" if args.postgres else "SQLite, local-memory cache"
    print(
        f"\nSamspill on the peers' yardstick ({database}): gunicorn sync ×2, wrk -t1 -c8 "
        f"{args.duration}s, {args.reps} repetition(s), medians; × ceiling = req/s ÷ the plain "
        "Django trivial view's req/s in the same repetition"
    )
    print(
        f"| {'case':42} | {'req/s':>7} | {'× ceiling':>9} | {'CPU ms/req':>10} | {'queries':>7} "
        f"| {'writes':>6} | {'errors':>6} | {'statuses (20)':>13} | {'Set-Cookie':>10} |"
    )
    print("|" + "|".join("-" * w for w in (44, 9, 11, 12, 9, 8, 8, 15, 12)) + "|")
    for name, rps, ratio, cpu, queries, writes, errors, statuses, set_cookie in rows:
        status = ",".join(f"{k}×{v}" for k, v in sorted(statuses.items()))
        print(
            f"| {name:42} | {rps:7.1f} | {ratio:9.3f} | {cpu:10.2f} | {queries:7d} "
            f"| {writes:6d} | {errors:6d} | {status:>13} | {set_cookie:10d} |"
        )


if __name__ == "__main__":
    main()
