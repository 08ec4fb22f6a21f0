"""Every URL × every persona → the expected status (see tests/access.py)."""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import PERSONAS, Row

# URL namespaces that belong to libraries, each with its own permission system.
LIBRARY_NAMESPACES = {"admin", "wagtailadmin", "wagtaildocs", "wagtailimages", "wagtail_serve"}
LIBRARY_PREFIXES = ("account_", "wagtail", "django-admin", "socialaccount", "mfa_", "usersessions")


def _row_modules():
    root = Path(tests.__file__).parent
    for path in sorted(root.rglob("access_rows.py")):
        module_name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        yield importlib.import_module(module_name)


def _all_rows():
    for module in _row_modules():
        for row in module.ROWS:
            yield module, row


def _named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in LIBRARY_NAMESPACES:
                continue
            inner = f"{namespace}{ns}:" if ns else namespace
            yield from _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}{pattern.name}"
            if not name.startswith(LIBRARY_PREFIXES) and not namespace.startswith(LIBRARY_PREFIXES):
                yield name


def test_every_url_is_in_the_matrix():
    covered = set()
    for _module, row in _all_rows():
        if row.name:
            covered.add(row.name)
        covered.update(row.covers)
    missing = sorted(set(_named_patterns()) - covered)
    assert not missing, f"URLs without rows in an access_rows.py: {missing}"


CASES = [
    pytest.param(module, row, persona, id=f"{row.label()}-{row.method}-{persona}")
    for module, row in _all_rows()
    for persona in PERSONAS
]


@pytest.mark.parametrize(("module", "row", "persona"), CASES)
def test_access(module, row: Row, persona, client, people):
    objects = module.setup(people) if hasattr(module, "setup") else {}
    if persona != "visitor":
        client.force_login(people[persona])
    path = row.path(objects) if callable(row.path) else row.path
    url = path or reverse(row.name, args=row.args(objects) if row.args else None)
    data = row.data(objects) if callable(row.data) else (row.data or {})
    response = getattr(client, row.method)(url, data)
    assert response.status_code == row.status_for(persona), (
        f"{persona} {row.method.upper()} {url}: {response.status_code}"
    )
    # Every HTML response, whoever asks, carries the Content-Security-Policy.
    if response.get("Content-Type", "").startswith("text/html"):
        assert "script-src 'self'" in response.get("Content-Security-Policy", ""), url
