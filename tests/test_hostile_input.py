"""Bad input never gives a 500: every URL of the authorisation matrix, and every form on
its pages, driven with hostile values by Hypothesis.

For each area's rows (tests/*/access_rows.py), every example picks a persona and a
hostile value source, then for every row:
- numbers in the path are replaced by hostile ones (beyond 64 bits, zero);
- the row's own data and well-known parameters (`next`, `q`, `page`, `sort`, `quote`)
  carry hostile strings;
- every form the page shows (GET filters and POST forms) is submitted to its own action
  with hostile values for each of its fields.
Any status is fine except a server error; the client re-raises the exception, so a
failure names it. Examples are bounded so the test stays quick.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.access import PERSONAS
from tests.community.test_access_matrix import _row_modules

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    '"',
    "'",
    "\\",
    "%",
    "\x00",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "9" * 25,
    str(2**63),
    str(2**64),
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "//evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "=1+1",
    "\u202e",
    "𝄞",
    "a" * 3000,
    "Ny sal\r\nBcc: x@example.org",
    "\"'); DROP TABLE x; --",
]
HOSTILE = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str))
HUGE_IDS = st.sampled_from([str(2**63), str(2**64), "9" * 30, "0"])
COMMON = ("next", "q", "page", "sort", "quote", "language")


class _Forms(HTMLParser):
    """Forms on a page: (method, action, field names)."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = [(attrs.get("method") or "get").lower(), attrs.get("action"), set()]
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea", "button") and self._current is not None:
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._current[2].add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _check(response, what):
    assert response.status_code < 500, f"{what}: {response.status_code}"


def _own_path(action, page_path):
    if not action:
        return page_path
    parts = urlsplit(action)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # another site, or a relative link we do not guess
    return parts.path


def _drive(client, draw, row, objects):
    path = row.path(objects) if callable(row.path) else row.path
    url = path or reverse(row.name, args=row.args(objects) if row.args else None)
    hostile_url = re.sub(r"(?<=/)\d+(?=/|\.|$)", lambda m: draw(HUGE_IDS), url)
    data = row.data(objects) if callable(row.data) else (row.data or {})
    fields = {key: draw(HOSTILE) for key in [*data, *COMMON]}
    method = getattr(client, row.method)
    _check(method(hostile_url, fields), f"{row.method} {hostile_url}")
    _check(method(url, fields), f"{row.method} {url} {fields!r}")
    if row.method != "get":
        return
    page = client.get(url)
    _check(page, f"get {url}")
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return
    parser = _Forms()
    parser.feed(page.content.decode(errors="replace"))
    for form_method, action, names in parser.forms:
        target = _own_path(action, url)
        if target is None or target.startswith("/admin/"):
            continue
        values = {name: draw(HOSTILE) for name in names}
        send = client.post if form_method == "post" else client.get
        _check(send(target, values), f"{form_method} {target} {values!r}")


@pytest.mark.parametrize("module", list(_row_modules()), ids=lambda m: m.__name__)
def test_no_hostile_value_gives_a_500(module, people):
    objects = module.setup(people) if hasattr(module, "setup") else {}

    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: a stable build
        # A failure already names the request and its values; shrinking would only
        # repeat the whole matrix many times.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(persona=st.sampled_from(PERSONAS), data=st.data())
    def run(persona, data):
        client = Client(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=True)
        if persona != "visitor":
            client.force_login(people[persona])
        for row in module.ROWS:
            _drive(client, data.draw, row, objects)

    run()
