"""Facet counts on the 10,000-resource library, measured in-process: CPU ms of a new
filter combination (the results page, the grouped facet query, and the search term's
own hits query on its own), with and without a search term.

    python -m bench.facets               # SQLite
    python -m bench.facets --postgres    # throwaway PostgreSQL + Redis

CPU is this process's (Python, and SQLite inside it); on PostgreSQL the server's work
is not in it, so wall time is shown too. Medians over the combinations; nothing here
asserts a time.
"""

import argparse
import os
import statistics
import time

from bench import common

COMBINATIONS = 60


def combinations(n: int, query: str = "") -> list[dict[str, list[str]]]:
    """n different filter combinations of two to four facets, the same every run."""
    import random

    from courses.licences import Licence
    from courses.models import MediaType
    from courses.snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level

    rng = random.Random(5)
    values = {
        "discipline": list(Discipline.objects.values_list("slug", flat=True)),
        "instrument": list(Instrument.objects.values_list("slug", flat=True)),
        "level": list(Level.objects.values_list("slug", flat=True)),
        "age": list(AgeGroup.objects.values_list("slug", flat=True)),
        "language": list(ContentLanguage.objects.values_list("slug", flat=True)),
        "licence": list(Licence.values),
        "media": list(MediaType.values),
    }
    seen, found = set(), []
    while len(found) < n:
        keys = rng.sample(sorted(values), rng.randint(2, 4))
        combo = {key: sorted(rng.sample(values[key], rng.randint(1, 2))) for key in keys}
        frozen = repr(sorted(combo.items()))
        if frozen not in seen:
            seen.add(frozen)
            found.append(combo)
    return found


def paths(n: int, query: str = "") -> list[str]:
    from urllib.parse import urlencode

    suffix = f"&q={query}" if query else ""
    return ["/resources/?" + urlencode(combo, doseq=True) + suffix for combo in combinations(n)]


def _measure(fn) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return 1000 * (time.process_time() - cpu), 1000 * (time.perf_counter() - wall)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    stop = lambda: None  # noqa: E731
    if args.postgres:
        from bench.http import start_services

        stop = start_services()
    try:
        started = time.perf_counter()
        common.setup_django(fresh=True)
        print(f"  setup_django(fresh=True): {time.perf_counter() - started:.1f} s", flush=True)
        from bench import library

        started = time.perf_counter()
        library.seed()
        print(f"  seed() total: {time.perf_counter() - started:.1f} s", flush=True)
        run()
    finally:
        stop()


def run():
    from django.db import connection

    from courses import selectors
    from courses.audience import visible_audiences
    from courses.models import ResourcePage

    terms = selectors.taxonomy()
    teacher = ["public", "members", "teachers"]
    visitor = visible_audiences(None)
    rows = []
    for query in ("", "samspill"):
        for who, audiences in (("visitor", visitor), ("teacher", teacher)):
            results, counts, hits = [], [], []
            for combo in combinations(COMBINATIONS):
                found = {}
                counts.append(
                    _measure(
                        lambda c=combo, a=audiences, q=query, found=found: found.update(
                            selectors._facet_counts(a, q, c, terms)
                        )
                    )
                )
                total = selectors._total(found, combo)
                results.append(
                    _measure(
                        lambda c=combo, a=audiences, q=query, n=total: (
                            selectors._compute_resource_page(
                                a, q, c, "relevance" if q else "newest", "1", terms, n
                            )
                        )
                    )
                )
                if query:
                    base = ResourcePage.objects.live().filter(audience__in=audiences)
                    hits.append(
                        _measure(
                            lambda b=base, q=query: list(
                                selectors.search_matches(b, q).values_list("pk", flat=True)
                            )
                        )
                    )
            rows.append((f"results page, {who}", query, results))
            rows.append((f"facet counts (1 query), {who}", query, counts))
            if hits:
                rows.append((f"  of which search hits alone, {who}", query, hits))
    print(f"\nDatabase: {connection.vendor}; load average {os.getloadavg()}")
    print(f"| {'step':40} | {'search':8} | {'CPU ms':>7} | {'wall ms':>7} |")
    print(f"|{'-' * 42}|{'-' * 10}|{'-' * 9}|{'-' * 9}|")
    for name, query, samples in rows:
        cpu = statistics.median(s[0] for s in samples)
        wall = statistics.median(s[1] for s in samples)
        print(f"| {name:40} | {query or '-':8} | {cpu:7.1f} | {wall:7.1f} |")


if __name__ == "__main__":
    main()
