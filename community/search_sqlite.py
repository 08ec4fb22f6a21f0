"""The SQLite half of community/search_backend.py (imported only on SQLite: its
models exist only there)."""

from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import Phrase, PlainText

from .search_words import forms, words


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
