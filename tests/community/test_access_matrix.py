"""Every URL × every persona → the expected status (see tests/access.py)."""

import importlib
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import PERSONAS, Row
from tests.personas import make_people

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


class _Worlds:
    """The personas and one access_rows module's objects, built once per module in an
    outer transaction. Each case runs in a savepoint inside it (pytest-django's `db`)
    that is rolled back, so every case still starts from the same untouched world, as
    if it had built it itself; rebuilding it per case was most of the matrix's time."""

    def __init__(self, blocker, media_root):
        self.blocker, self.media_root = blocker, media_root
        self.module = self.atomic = self.world = None

    def enter(self, module):
        if module is self.module:
            return self.world
        self.close()
        with self.blocker.unblock():
            # Inside a case's own transaction the world would vanish with that case.
            assert not transaction.get_connection().in_atomic_block, "world before db"
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            people = make_people()
            objects = module.setup(people) if hasattr(module, "setup") else {}
        self.module, self.world = module, (people, objects)
        return self.world

    def close(self):
        if self.atomic is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
        self.module = self.atomic = self.world = None


@pytest.fixture(scope="module")
def _worlds(django_db_setup, django_db_blocker, tmp_path_factory):
    worlds = _Worlds(django_db_blocker, tmp_path_factory.mktemp("matrix-media"))
    yield worlds
    worlds.close()


@pytest.fixture
def world(request, _worlds, settings):
    """(people, objects) for this case's module; the outer transaction is opened
    before the case's own (`db`), so the case's changes roll back to it."""
    # Files the shared objects save (documents, images) live in one media folder.
    settings.MEDIA_ROOT = _worlds.media_root
    people_and_objects = _worlds.enter(request.node.callspec.params["module"])
    request.getfixturevalue("db")
    return people_and_objects


@pytest.mark.parametrize(("module", "row", "persona"), CASES)
def test_access(module, row: Row, persona, world, db, client):
    # `db` is named after `world` only so pytest-django sets up the test database.
    people, objects = world
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
