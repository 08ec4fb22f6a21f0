"""The file-serving ceiling for bench/practice.py: WhiteNoise alone (it answers Range
requests) on gunicorn, serving BENCH_STATIC_ROOT at /media/ with no checks at all."""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b""]


application = WhiteNoise(
    not_found, root=os.environ["BENCH_STATIC_ROOT"], prefix="/media/", autorefresh=False
)
