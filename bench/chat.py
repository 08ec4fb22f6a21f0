"""Chat fan-out under load: N clients in one room spread over two Daphne processes that
share a real Redis, the total message rate stepped up until p99 latency passes 250 ms.

It measures Samspill's chat room (authenticated, every message persisted with a sequence
number before it is broadcast) and, in the same run, a bare Channels room consumer (no
auth, no persistence, group_send per message: bench/floor.py) as the floor.

    python -m bench.chat                       # 50, 200 and 500 clients
    python -m bench.chat --clients 200 --rates 5 10 20 40
    python -m bench.chat --url ws://host/ws/chat/12/ --cookie "sessionid=..."  # any room

Figures are measured in one run on this machine; nothing here asserts a time.
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

P99_LIMIT_MS = 250
SEQUENCE = itertools.count()


class Client:
    def __init__(self, url, cookie, kind):
        self.url, self.cookie, self.kind = url, cookie, kind
        self.latencies: list[float] = []
        self.received = 0
        self.closed = False
        self.last_frame = time.monotonic()

    async def start(self):
        import websockets

        headers = {"Origin": self.url.replace("ws://", "http://").split("/ws/")[0]}
        if self.cookie:
            headers["Cookie"] = self.cookie
        try:
            self.ws = await websockets.connect(
                self.url, additional_headers=headers, max_queue=None, open_timeout=30
            )
        except (OSError, TimeoutError, websockets.InvalidStatus) as exc:
            print(f"connect failed: {exc}", file=sys.stderr)
            self.closed = True
            self.task = None
            return
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
            if self.kind == "chat":
                event = json.loads(frame)
                if event.get("type") != "chat.message":
                    continue
                payload = json.loads(event["text"])
            else:
                payload = json.loads(frame)
            self.received += 1
            self.latencies.append((now - payload["t"]) * 1000)

    async def send(self, i):
        body = json.dumps({"i": i, "t": time.monotonic()})
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
    for client in clients:
        client.latencies.clear()
        client.received = 0
    total = int(rate * duration)
    interval = 1 / rate
    start = time.monotonic()
    for i in range(total):
        delay = start + i * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        await clients[i % senders].send(i)
    await asyncio.sleep(2)
    await quiet(clients, 1.0, 20)
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
    }


async def run_target(urls_and_cookies, kind, rates, duration):
    clients = [Client(url, cookie, kind) for url, cookie in urls_and_cookies]
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    for i in range(0, len(clients), 25):  # connect in batches
        await asyncio.gather(*(c.start() for c in clients[i : i + 25]))
    await quiet(clients)
    results = []
    for rate in rates:
        result = await step(clients, rate, duration)
        results.append(result)
        if (
            result["p99"] > P99_LIMIT_MS
            or result["delivered"] < result["expected"]
            or result["closed"]
        ):
            break
    for client in clients:
        with contextlib.suppress(Exception):  # already closed by the server
            await client.close()
    return results


def sustained(results):
    good = [
        r["rate"] for r in results if r["p99"] <= P99_LIMIT_MS and r["delivered"] == r["expected"]
    ]
    return max(good) if good else 0


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
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--rates", type=float, nargs="+", default=[2, 4, 8, 16, 32, 64])
    parser.add_argument("--duration", type=float, default=4)
    parser.add_argument("--url", help="an existing room's socket URL (ws://…/ws/chat/<id>/)")
    parser.add_argument("--cookie", default="", help="Cookie header for --url")
    args = parser.parse_args()

    if args.url:
        rows = []
        for n in args.clients:
            results = asyncio.run(
                run_target([(args.url, args.cookie)] * n, "chat", args.rates, args.duration)
            )
            rows += [(n, "room", r) for r in results]
        print_table(rows)
        return

    from tests.services import start_redis, stop_all

    os.environ["REDIS_URL"] = start_redis()
    os.environ["SAMSPILL_CHAT_RATE_COUNT"] = "1000000"
    try:
        room_id, cookies = prepare(max(args.clients))
        from bench import common

        with common.servers(2, application="bench.asgi:application") as (a, b):
            rows, summary = [], []
            for n in args.clients:
                bases = [a.replace("http", "ws"), b.replace("http", "ws")]
                floor = [(f"{bases[i % 2]}/ws/floor/", "") for i in range(n)]
                chat = [(f"{bases[i % 2]}/ws/chat/{room_id}/", cookies[i]) for i in range(n)]
                floor_results = asyncio.run(run_target(floor, "floor", args.rates, args.duration))
                chat_results = asyncio.run(run_target(chat, "chat", args.rates, args.duration))
                rows += [(n, "floor", r) for r in floor_results]
                rows += [(n, "samspill", r) for r in chat_results]
                summary.append(
                    (
                        n,
                        sustained(floor_results),
                        sustained(chat_results),
                        floor_results,
                        chat_results,
                    )
                )
        print_table(rows)
        print()
        print(
            f"{'clients':>7} {'floor max msg/s':>16} {'samspill max msg/s':>19} "
            f"{'p95 ratio at same rate':>23} {'lost messages':>14}"
        )
        for n, floor_max, chat_max, floor_results, chat_results in summary:
            common_rates = {r["rate"]: r for r in floor_results}
            ratios = [
                c["p95"] / common_rates[c["rate"]]["p95"]
                for c in chat_results
                if c["rate"] in common_rates
                and common_rates[c["rate"]]["p95"] > 0
                and c["p99"] <= P99_LIMIT_MS
            ]
            lost = sum(r["expected"] - r["delivered"] for r in chat_results)
            ratio = f"{statistics.median(ratios):.2f}" if ratios else "-"
            print(f"{n:7d} {floor_max:16g} {chat_max:19g} {ratio:>23} {lost:14d}")
    finally:
        stop_all()


if __name__ == "__main__":
    main()
