"""Wagtail's database search backend, made to find what a teacher types.

- One rule on both databases: each query word is widened to its Snowball stems in
  Norwegian, Danish and English (snowballstemmer, pure Python) and matched as a prefix:
  "gitarer" → gitar* matches gitar, gitaren, gitarer. Stems shorter than four letters
  are ignored (Norwegian over-stems "gitarer" to "git").
- Why not PostgreSQL's `norwegian` text search configuration alone: it stems "gitarer" to
  "git" and "gitar" to "gitar", so the very example teachers type failed, and one
  configuration cannot serve three languages. The index keeps the words as written
  (`simple` configuration, SAMSPILL_SEARCH_CONFIG) and SQLite FTS5 (which has no stemming)
  behaves the same, so both databases find the same pages.
- Words are cut to letters and digits first: a `"` or a stray operator typed into a
  search box gave "unterminated string" (a 500) in FTS5.

Term names in all three languages and tags are indexed on the pages themselves
(courses/models.py), so "guitar" finds a resource tagged *Gitar*.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as _vendor_backend


def SearchBackend(params):  # noqa: N802 -- the name Wagtail looks up in a backend module
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        backend = _vendor_backend(params)
        if isinstance(backend, SQLiteSearchBackend):
            from .search_sqlite import SamspillSQLiteSearchBackend

            return SamspillSQLiteSearchBackend(params)
        return backend
    if connection.vendor == "postgresql":
        from .search_postgres import SamspillPostgresSearchBackend

        return SamspillPostgresSearchBackend(params)
    return _vendor_backend(params)
