"""Wagtail's database search backend, made to find what a teacher types.

- PostgreSQL: the `norwegian` text search configuration (SAMSPILL_SEARCH_CONFIG) stems
  the index and the query, so "gitarer" finds "gitar"; Danish forms share most stems.
- SQLite has no stemming in FTS5. Rather than rewriting the index, each query word is
  widened to its Snowball stems in Norwegian, Danish and English (snowballstemmer, pure
  Python) and matched as a prefix: "gitarer" → "gitar"* matches gitar, gitaren, gitarer.
  Stems shorter than four letters are ignored (Norwegian over-stems "gitarer" to "git").
- Words are cut to letters and digits first: a `"` or a stray operator typed into a
  search box gave "unterminated string" (a 500) in FTS5.

Term names in all three languages and tags are indexed on the pages themselves
(courses/models.py), so "guitar" finds a resource tagged *Gitar*.
"""

import re

import snowballstemmer
from modelsearch.backends.database import SearchBackend as _vendor_backend
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import Phrase, PlainText

STEMMERS = [snowballstemmer.stemmer(name) for name in ("norwegian", "danish", "english")]
WORD = re.compile(r"\w+")
MIN_STEM = 4


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def forms(word: str) -> list[str]:
    """The word and its stems in the three languages, shortest last, without repeats."""
    found = [word]
    for stemmer in STEMMERS:
        stem = stemmer.stemWord(word)
        if len(stem) >= MIN_STEM and stem not in found:
            found.append(stem)
    # A prefix already covered by a shorter one adds nothing.
    return [f for f in found if not any(o != f and f.startswith(o) for o in found)]


class StemmingQueryMixin:
    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if isinstance(query, (PlainText, Phrase)) and not words(query.query_string):
            return self.queryset.none()  # only punctuation: nothing to look for
        return super().search(config, start, stop, score_field=score_field)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, Phrase):
            query = Phrase(" ".join(words(query.query_string)))
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        groups = []
        for word in words(query.query_string)[:20]:
            group = None
            for form in forms(word):
                lexeme = Lexeme(form, prefix=True)
                group = lexeme if group is None else group | lexeme
            groups.append(group)
        if not groups:
            return None
        combined = groups[0]
        for group in groups[1:]:
            combined = combined & group if query.operator.upper() == "AND" else combined | group
        return SearchQueryExpression(combined, config=config)


class QueryCompiler(StemmingQueryMixin, SQLiteSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(StemmingQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class SamspillSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = QueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    results_class = SQLiteSearchResults


def SearchBackend(params):  # noqa: N802 -- the name Wagtail looks up in a backend module
    backend = _vendor_backend(params)
    if isinstance(backend, SQLiteSearchBackend):
        return SamspillSQLiteSearchBackend(params)
    return backend
