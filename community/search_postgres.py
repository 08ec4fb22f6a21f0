"""The PostgreSQL half of community/search_backend.py: the same widening of each word to
its Norwegian, Danish and English stems as prefixes, in a tsquery."""

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from .search_words import forms, words


class StemmingTsqueryMixin:
    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText):
            return super().build_tsquery_content(query, config=config, invert=invert)
        groups = []
        for word in words(query.query_string)[:20]:
            group = None
            for form in forms(word):
                lexeme = Lexeme(form, invert=invert, prefix=True)
                group = lexeme if group is None else group | lexeme
            groups.append(group)
        if not groups:
            return super().build_tsquery_content(query, config=config, invert=invert)
        combined = groups[0]
        for group in groups[1:]:
            combined = combined & group if query.operator.lower() == "and" else combined | group
        return SearchQuery(combined, search_type="raw", config=config)


class QueryCompiler(StemmingTsqueryMixin, PostgresSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(StemmingTsqueryMixin, PostgresAutocompleteQueryCompiler):
    pass


class SamspillPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = QueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
