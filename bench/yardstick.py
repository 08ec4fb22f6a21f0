"""One table on the peers' yardstick, shared by the benches that measure pages
(bench/start.py, bench/courses.py, bench/forum.py, bench/practice.py): the plain Django
trivial view in its own gunicorn as the ceiling, Samspill on gunicorn (sync, 2 workers),
`wrk` driving both, ratios taken in the same repetition. bench/http.py is the full
table for the issue's page list; these add the cases that need their own data.

Per case: req/s, × ceiling (÷ the plain trivial view's req/s in the same repetition),
× bare (÷ Samspill's stack on a trivial view), CPU ms per request of the gunicorn
processes, queries and writes of one warm request (in process), and from 20 plain
requests after the load: statuses and Set-Cookie headers. Nothing asserts a time.
"""

import argparse
import statistics
import sys

from bench import common
from bench.http import ROOT, Gunicorn, load, probe, queries_and_writes

CEILING = "plain Django trivial view (ceiling)"
BARE = "Samspill stack, trivial view (bare)"


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--duration", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--reps", type=int, default=1)
    return parser.parse_args()


def servers():
    """The two gunicorns, ready. The caller stops them (both have .stop())."""
    sys.path.insert(0, str(ROOT))
    plain = Gunicorn("plain", "bench.plain.wsgi:application", "bench.plain.settings")
    try:
        samspill = Gunicorn("samspill", "bench.wsgi:application", "bench.settings")
    except Exception:
        plain.stop()
        raise
    try:
        plain.wait_ready("/ceiling/")
        samspill.wait_ready("/bench/bare/")
    except Exception:
        plain.stop()
        samspill.stop()
        raise
    return plain, samspill


def measure(plain, samspill, cases: dict, *, duration: int, reps: int) -> dict:
    """cases: {name: (path, cookie)} served by `samspill`. Returns rows by name."""
    targets = {CEILING: (plain, "/ceiling/", None), BARE: (samspill, "/bench/bare/", None)}
    targets.update({name: (samspill, *case) for name, case in cases.items()})
    counts = {}
    for name, (server, path, cookie) in targets.items():  # warm up, count queries once
        load(server, path, cookie, 1)
        counts[name] = queries_and_writes(path, cookie) if server is samspill else (0, 0)
    runs = {name: [] for name in targets}
    for rep in range(reps):
        # Alternate the order so drift in the machine's load hits every case alike.
        order = list(targets) if rep % 2 == 0 else list(targets)[::-1]
        for name in order:
            server, path, cookie = targets[name]
            runs[name].append(load(server, path, cookie, duration))
        ceiling, bare = runs[CEILING][-1]["rps"], runs[BARE][-1]["rps"]
        for name in order:
            result = runs[name][-1]
            result["ratio"] = result["rps"] / ceiling if ceiling else 0.0
            result["bare"] = result["rps"] / bare if bare else 0.0
    rows = {}
    for name, results in runs.items():
        statuses, set_cookie = probe(*targets[name])
        rows[name] = {
            "rps": statistics.median(r["rps"] for r in results),
            "ratio": statistics.median(r["ratio"] for r in results),
            "bare": statistics.median(r["bare"] for r in results),
            "cpu_ms": statistics.median(r["cpu_ms"] or 0 for r in results),
            "errors": sum(r["errors"] for r in results),
            "queries": counts[name][0],
            "writes": counts[name][1],
            "statuses": ",".join(f"{k}×{v}" for k, v in sorted(statuses.items())),
            "set_cookie": set_cookie,
        }
    return rows


def print_table(title: str, rows: dict, *, duration: int, reps: int) -> None:
    print(f"\n{title}: gunicorn sync ×2, wrk -t1 -c8 {duration}s, {reps} repetition(s), medians")
    widths = (54, 9, 11, 8, 12, 9, 8, 8, 10, 12)
    heads = ("case", "req/s", "× ceiling", "× bare", "CPU ms/req", "queries", "writes",
             "errors", "statuses", "Set-Cookie")  # fmt: skip
    print("| " + " | ".join(f"{h:{'<' if i == 0 else '>'}{w - 2}}"
                            for i, (h, w) in enumerate(zip(heads, widths, strict=True))) + " |")  # fmt: skip
    print("|" + "|".join("-" * w for w in widths) + "|")
    for name, r in rows.items():
        cells = (name, f"{r['rps']:.1f}", f"{r['ratio']:.3f}", f"{r['bare']:.3f}",
                 f"{r['cpu_ms']:.2f}", str(r["queries"]), str(r["writes"]), str(r["errors"]),
                 r["statuses"], str(r["set_cookie"]))  # fmt: skip
        print("| " + " | ".join(f"{c:{'<' if i == 0 else '>'}{w - 2}}"
                                for i, (c, w) in enumerate(zip(cells, widths, strict=True))) + " |")  # fmt: skip


def run(title: str, seed, description: str) -> dict:
    """Seed a fresh bench database, measure `seed()`'s cases ({name: (path, cookie)}),
    print the table and return its rows."""
    args = arguments(description)
    sys.path.insert(0, str(ROOT))
    common.setup_django(fresh=True)
    cases = seed()
    started = []
    try:
        started = servers()
        rows = measure(*started, cases, duration=args.duration, reps=args.reps)
    finally:
        for server in started:
            server.stop()
    print_table(title, rows, duration=args.duration, reps=args.reps)
    return rows
