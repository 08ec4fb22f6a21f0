"""The Content-Security-Policy: strict on every page, the one documented exception limited
to Wagtail's admin, files keep their sandbox, and no Gravatar anywhere.
(The matrix checks the header on every HTML response; tests/e2e/test_security.py checks
that the browser reports no violation.)"""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_pages_get_the_strict_policy(client, astrid_teacher):
    for path in ["/", "/resources/", "/accounts/login/"]:
        policy = _directives(client.get(path))
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert sorted(policy["frame-src"]) == [
            "https://player.vimeo.com",
            "https://www.youtube-nocookie.com",
        ]
    client.force_login(astrid_teacher)
    assert _directives(client.get("/me/"))["script-src"] == ["'self'"]


def test_the_admin_exception_is_limited_to_the_admin(client, eva_editor):
    client.force_login(eva_editor)
    admin = client.get("/admin/")
    policy = _directives(admin)
    assert "'unsafe-inline'" in policy["script-src"] and policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in admin["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get("/me/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get("/administrator/")["Content-Security-Policy"]


def test_no_gravatar_in_the_admin(client, admin_user):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client.force_login(admin_user)
    for path in ["/admin/", "/admin/users/", "/admin/account/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "gravatar" not in response.content.decode().lower(), path
