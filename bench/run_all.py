"""`make bench`: run every benchmark under bench/ in turn, each printing its own table.
The HTTP bench runs again on throwaway PostgreSQL + Redis (the at-scale path) unless
BENCH_POSTGRES=0."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {
    "__init__.py",
    "run_all.py",
    "common.py",
    "settings.py",
    "urls.py",
    "middleware.py",
    "asgi.py",
    "floor.py",
    "wsgi.py",
    "yardstick.py",
    "library.py",  # seeds the library for http.py and facets.py
}

if __name__ == "__main__":
    failed = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in SKIP:
            continue
        print(f"\n=== {script.stem}", flush=True)
        module = f"bench.{script.stem}"
        failed |= subprocess.call([sys.executable, "-m", module], cwd=HERE.parent)
        if script.stem == "http" and os.environ.get("BENCH_POSTGRES", "1") != "0":
            print("\n=== http on PostgreSQL + Redis", flush=True)
            failed |= subprocess.call([sys.executable, "-m", module, "--postgres"], cwd=HERE.parent)
    sys.exit(failed)
