"""Chat fan-out under load: N clients in one room spread over two Daphne processes that
share a real Redis, the total message rate stepped up until p99 latency passes 250 ms
or a message is lost.

It measures Samspill's chat room (authenticated, every message persisted with a sequence
number before it is broadcast) and, in the same run, a bare Channels room consumer (no
auth, no persistence, group_send per message, and the same skipped thread hop per
delivery as Samspill's relay: bench/floor.py) as the floor. It also counts the presence
lists each socket receives while all N members join at once: coalesced, that is about
one per flush interval (SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS), not one per join.

    python -m bench.chat                       # 1,000 listeners in one room
    python -m bench.chat --clients 200 --rates 5 10 20 40
    python -m bench.chat --url ws://host/ws/chat/12/ --cookie "sessionid=..."  # any room

Figures are measured in one run on this machine; nothing here asserts a time.
"""

import argparse
import asyncio
import contextlib
import glob
import itertools
import json
import math
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# A step with a higher p99 (or any loss) ends the stepping; `--p99-limit` raises it on a
# machine busy with other work, where even the floor cannot keep 250 ms.
P99_LIMIT_MS = 250
LOST_AFTER_SECONDS = 30
SEQUENCE = itertools.count()
# The client is one Python process beside the servers on the same cores: it reads the
# send time with a regular expression (it is escaped inside Samspill's event) instead of
# parsing JSON twice per delivered frame.
STAMP = re.compile(r'"s\\?": ?(\d+), \\?"t\\?": ?([0-9.]+)')
# Each step tags its messages, so one arriving late from an earlier step is not counted.
STEP = itertools.count(1)


class Client:
    def __init__(self, url, cookie, kind):
        self.url, self.cookie, self.kind = url, cookie, kind
        self.latencies: list[float] = []
        self.received = 0
        self.presence = 0
        self.presence_bytes = 0
        self.errors: list[str] = []
        self.step = 0
        self.closed = False
        self.task = None
        self.last_frame = time.monotonic()

    async def start(self):
        import websockets

        headers = {"Origin": self.url.replace("ws://", "http://").split("/ws/")[0]}
        if self.cookie:
            headers["Cookie"] = self.cookie
        for attempt in range(3):
            try:
                self.ws = await websockets.connect(
                    self.url, additional_headers=headers, max_queue=None, open_timeout=30
                )
                break
            except (OSError, TimeoutError, EOFError, websockets.InvalidHandshake) as exc:
                # Daphne drops a handshake its application has not accepted in 5 s; on a
                # busy machine that happens to a few of 1,000 joins: retry, then count it.
                if attempt == 2:
                    print(f"connect failed: {exc!r}", file=sys.stderr)
                    self.task = None
                    return
                await asyncio.sleep(1)
        if self.kind == "chat":
            await self.ws.send(json.dumps({"type": "resume", "last_seq": 10**12}))
        self.task = asyncio.create_task(self.listen())

    async def listen(self):
        import websockets

        try:
            await self._listen()
        except websockets.ConnectionClosed:
            # The server gave up on this socket (e.g. a full channel layer): a failed step.
            self.closed = True

    async def _listen(self):
        async for frame in self.ws:
            now = time.monotonic()
            self.last_frame = now
            if self.kind == "chat" and not frame.startswith('{"type":"chat.message"'):
                if frame.startswith('{"type":"chat.presence"'):
                    self.presence += 1
                    self.presence_bytes += len(frame.encode())
                elif frame.startswith('{"type": "error"'):
                    self.errors.append(json.loads(frame)["code"])
                continue
            stamp = STAMP.search(frame)
            if int(stamp.group(1)) != self.step:
                continue
            self.received += 1
            self.latencies.append((now - float(stamp.group(2))) * 1000)

    async def send(self, i, step):
        body = json.dumps({"s": step, "t": time.monotonic(), "i": i})
        if self.kind == "chat":
            # Unique per message across steps: a repeated id would be (rightly) deduplicated.
            body = json.dumps(
                {"type": "send", "text": body, "client_id": f"b{next(SEQUENCE)}-{id(self)}"}
            )
        import websockets

        if self.task is None:
            return
        try:
            await self.ws.send(body)
        except websockets.ConnectionClosed:
            self.closed = True

    async def close(self):
        if self.task is None:
            return
        self.task.cancel()
        await self.ws.close()


async def quiet(clients, seconds=1.5, limit=60):
    """Wait until no client has received anything for `seconds` (e.g. presence storms)."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        await asyncio.sleep(0.5)
        if time.monotonic() - max(c.last_frame for c in clients) > seconds:
            return


async def step(clients, rate, duration, senders=10):
    clients = [c for c in clients if c.task is not None]  # those that could connect
    number = next(STEP)
    for client in clients:
        client.step = number
        client.latencies.clear()
        client.received = 0
        client.errors.clear()
    total = int(rate * duration)
    interval = 1 / rate
    start = time.monotonic()
    for i in range(total):
        delay = start + i * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        await clients[i % senders].send(i, number)
    # Lost means not delivered within the channel layer's expiry (30 s): a slow step is
    # slow, not lossy, and a quiet gap between two slow messages ends nothing.
    deadline = time.monotonic() + LOST_AFTER_SECONDS
    while time.monotonic() < deadline and any(c.received < total for c in clients if not c.closed):
        await asyncio.sleep(0.2)
    latencies = sorted(x for c in clients for x in c.latencies)
    expected = total * len(clients)
    delivered = sum(c.received for c in clients)

    def pct(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))]
            if latencies
            else float("inf")
        )

    return {
        "rate": rate,
        "p50": pct(0.5),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "delivered": delivered,
        "expected": expected,
        "closed": sum(c.closed for c in clients),
        "errors": sorted(e for c in clients for e in c.errors),
    }


async def connect(clients):
    """Open every socket (in batches of 25) and wait until the presence storm is over;
    returns how many presence lists each socket got meanwhile."""
    raise_open_files()
    started = time.monotonic()
    for i in range(0, len(clients), 25):
        await asyncio.gather(*(c.start() for c in clients[i : i + 25]))
    joined = time.monotonic() - started
    # The presence lists of a 1,000-member burst take a while to drain; the fan-out steps
    # start only once every socket has been quiet, or they would measure the backlog.
    await quiet(clients, 2.0, 600)
    drained = time.monotonic() - started
    presence = [c.presence for c in clients if c.task is not None]
    received = [c.presence_bytes for c in clients if c.task is not None]
    if len(presence) < len(clients):
        print(f"{len(clients) - len(presence)} sockets could not connect", file=sys.stderr)
    return {
        "joins": len(presence),
        "seconds": joined,
        "drained": drained,
        "mean": statistics.mean(presence) if presence else 0,
        "max": max(presence, default=0),
        # What the lists cost: in a big room each holds the counts and 30 names, not all.
        "bytes": statistics.mean(received) if received else 0,
        "total_bytes": sum(received),
    }


def _failed(result):
    return (
        result["p99"] > P99_LIMIT_MS or result["delivered"] < result["expected"] or result["closed"]
    )


async def run_targets(targets, rates, duration):
    """Step every target through the rates, interleaved (floor at 2/s, Samspill at 2/s,
    floor at 4/s, …) so that other load on the machine hits both alike; a target stops
    at its first failed step. Returns {kind: [results]} and the presence burst."""
    groups = {kind: [Client(url, cookie, kind) for url, cookie in pairs] for kind, pairs in targets}
    bursts = {kind: await connect(clients) for kind, clients in groups.items()}
    for clients in groups.values():  # warm-up, not counted
        await step(clients, rates[0], 1)
    results = {kind: [] for kind in groups}
    for rate in rates:
        live = [kind for kind in groups if not (results[kind] and _failed(results[kind][-1]))]
        if not live:
            break
        for kind in live:
            results[kind].append(await step(groups[kind], rate, duration))
    for clients in groups.values():
        for client in clients:
            with contextlib.suppress(Exception):  # already closed by the server
                await client.close()
    return results, bursts


async def run_target(urls_and_cookies, kind, rates, duration):
    results, bursts = await run_targets([(kind, urls_and_cookies)], rates, duration)
    return results[kind], bursts[kind]


def raise_open_files():
    """1,000 sockets per side need more than the usual 1,024 descriptors (Daphne
    processes inherit the limit from this one)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def prepare(max_clients):
    """Bench database: a gathering happening now with `max_clients` registered members."""
    from bench import common

    common.setup_django(fresh=True)
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from community.chat.models import Room
    from community.gatherings.models import Registration
    from community.members.models import User
    from tests.factories.gatherings import build_gathering

    gathering = build_gathering(title="Bench", hours=12)
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", display_name=f"Bench {i}", password="!")  # noqa: S106 -- unusable
        for i in range(max_clients)
    )
    Registration.objects.bulk_create(
        Registration(gathering=gathering, user=u, mode="online", status="confirmed") for u in users
    )
    cookies = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"sessionid={session.session_key}")
    room = Room.objects.get(gathering=gathering, kind="lobby")
    return room.pk, cookies


def print_table(rows):
    print(
        f"{'clients':>7} {'target':>9} {'msg/s':>6} {'deliv/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'delivered/expected':>20}"
    )
    for n, target, r in rows:
        print(
            f"{n:7d} {target:>9} {r['rate']:6g} {r['rate'] * n:8g} {r['p50']:8.1f} "
            f"{r['p95']:8.1f} {r['p99']:8.1f} {r['delivered']:>10}/{r['expected']:<9}"
            + (f"  {r['closed']} sockets closed by the server" if r["closed"] else "")
            + (f"  refused sends: {', '.join(r['errors'])}" if r["errors"] else "")
        )


def main():
    global P99_LIMIT_MS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1000])
    parser.add_argument("--rates", type=float, nargs="+", default=[0.5, 1, 2, 4, 8, 16, 32, 64])
    parser.add_argument("--duration", type=float, default=4)
    parser.add_argument("--url", help="an existing room's socket URL (ws://…/ws/chat/<id>/)")
    parser.add_argument("--cookie", default="", help="Cookie header for --url")
    parser.add_argument("--p99-limit", type=float, default=P99_LIMIT_MS, help="ms")
    parser.add_argument(
        "--sqlite", action="store_true", help="SQLite instead of a throwaway PostgreSQL"
    )
    args = parser.parse_args()
    P99_LIMIT_MS = args.p99_limit

    if args.url:
        rows = []
        for n in args.clients:
            results, _burst = asyncio.run(
                run_target([(args.url, args.cookie)] * n, "chat", args.rates, args.duration)
            )
            rows += [(n, "room", r) for r in results]
        print_table(rows)
        return

    from tests.services import start_redis, stop_all

    raise_open_files()
    # Two Daphnes with Redis is the at-scale setup, which runs on PostgreSQL
    # (docs/deployment.md); SQLite serialises the two processes' writes.
    postgres = not args.sqlite and bool(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if postgres:
        from bench.http import start_services

        start_services()
    else:
        os.environ["REDIS_URL"] = start_redis()
    print(f"database: {'PostgreSQL' if postgres else 'SQLite'}, channel layer: Redis", flush=True)
    os.environ["SAMSPILL_CHAT_RATE_COUNT"] = "1000000"
    flush = float(os.environ.setdefault("SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS", "1"))
    try:
        room_id, cookies = prepare(max(args.clients))
        from bench import common

        with common.servers(2, application="bench.asgi:application") as (a, b):
            rows, summary = [], []
            for n in args.clients:
                bases = [a.replace("http", "ws"), b.replace("http", "ws")]
                floor = [(f"{bases[i % 2]}/ws/floor/", "") for i in range(n)]
                chat = [(f"{bases[i % 2]}/ws/chat/{room_id}/", cookies[i]) for i in range(n)]
                results, bursts = asyncio.run(
                    # Samspill's members join first (the presence burst), the floor after it.
                    run_targets([("chat", chat), ("floor", floor)], args.rates, args.duration)
                )
                floor_results, chat_results, burst = (
                    results["floor"],
                    results["chat"],
                    bursts["chat"],
                )
                rows += [(n, "floor", r) for r in floor_results]
                rows += [(n, "samspill", r) for r in chat_results]
                summary.append((n, floor_results, chat_results, burst))
        print_table(rows)
        print_summary(summary, flush)
    finally:
        stop_all()


def _best(results):
    """The highest step sustained: p99 within the limit and nothing lost."""
    good = [r for r in results if r["p99"] <= P99_LIMIT_MS and r["delivered"] == r["expected"]]
    return max(good, key=lambda r: r["rate"]) if good else None


def print_summary(summary, flush):
    print()
    print(
        f"{'clients':>7} {'target':>9} {'max msg/s':>10} {'deliv/s':>8} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'lost':>6}   (at the highest step sustained, 0 lost, p99 <= "
        f"{P99_LIMIT_MS} ms)"
    )
    for n, floor_results, chat_results, burst in summary:
        best = {"floor": _best(floor_results), "samspill": _best(chat_results)}
        for target, results in (("floor", floor_results), ("samspill", chat_results)):
            r = best[target]
            lost = sum(x["expected"] - x["delivered"] for x in results if x is r)
            if r is None:
                print(f"{n:7d} {target:>9} {'none':>10}")
                continue
            print(
                f"{n:7d} {target:>9} {r['rate']:10g} {r['rate'] * n:8g} {r['p50']:7.1f} "
                f"{r['p99']:7.1f} {lost:6d}"
            )
        f, c = best["floor"], best["samspill"]
        if f and c:
            print(
                f"{n:7d} {'ratio':>9} {c['rate'] / f['rate']:10.2f} {'':8} "
                f"{c['p50'] / max(f['p50'], 0.01):7.2f} {c['p99'] / max(f['p99'], 0.01):7.2f}"
                "   samspill / floor"
            )
        same = {r["rate"]: r for r in floor_results}
        for r in chat_results:
            g = same.get(r["rate"])
            if g and g["p50"] > 0:
                print(
                    f"{'':7} {'at ' + format(r['rate'], 'g') + '/s':>9} p50 x{r['p50'] / g['p50']:.2f}"
                    f" p99 x{r['p99'] / max(g['p99'], 0.01):.2f}; lost samspill "
                    f"{r['expected'] - r['delivered']}, floor {g['expected'] - g['delivered']}"
                )
        intervals = max(1, math.ceil(burst["seconds"] / flush))
        print(
            f"\npresence while {burst['joins']} members joined at once "
            f"({burst['seconds']:.1f} s, all quiet after {burst['drained']:.1f} s; flush every "
            f"{flush:g} s = {intervals} intervals): "
            f"{burst['mean']:.1f} lists per socket on average, {burst['max']} at most "
            f"(one per join would be {burst['joins'] / 2:.0f} on average, {burst['joins']} at most); "
            f"{burst['bytes'] / 1024:.1f} KB of lists per socket, "
            f"{burst['total_bytes'] / 2**20:.1f} MB to all sockets"
        )


if __name__ == "__main__":
    main()
