"""The pages a municipality asks for: linked from every footer, in three languages, built
from one register that must name every model holding members' data; the approval pack
downloads and reports this release's recorded test results."""

import datetime
import json

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from community.policies import selectors
from community.policies.management.commands import record_release_checks
from community.policies.register import NOT_PERSONAL, REGISTER

pytestmark = pytest.mark.django_db

PAGES = ["/privacy/", "/privacy/pupils/", "/accessibility/", "/privacy/approval-pack/"]


def test_every_footer_links_the_four_pages(client, ingrid_pupil_14):
    for path in ["/", "/resources/", "/accounts/login/"]:
        html = client.get(path).content.decode()
        assert all(f'href="{page}"' in html for page in PAGES), path
    client.force_login(ingrid_pupil_14)
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    assert "Dine data på Samspill" in client.get("/privacy/pupils/").content.decode()


def test_notices_speak_each_language(client):
    for language, heading in [
        ("nb", "Personvernerklæring"),
        ("da", "Privatlivspolitik"),
        ("en", "Privacy notice"),
    ]:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get("/privacy/").content.decode()
        assert f"<h1>{heading}</h1>" in html, language
    assert "Uutilsynet" in client.get("/accessibility/").content.decode()


def test_register_names_every_model_holding_members_data():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    registered = {label for kind in REGISTER for label in kind.models} | set(NOT_PERSONAL)
    ours = ("members", "schools", "notifications", "home", "gatherings", "chat")
    ours += ("courses", "forums", "account", "audit")
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in ours
        and (
            model is user_model
            or any(
                field.is_relation and field.related_model is user_model
                for field in model._meta.get_fields()
                if field.concrete
            )
        )
        and model._meta.label not in registered
    ]
    assert not missing, f"add these to community/policies/register.py: {missing}"


def test_approval_pack_downloads_with_sub_processors(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.get("/privacy/approval-pack/?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="samspill-approval-pack.html"'
    html = response.content.decode()
    assert "<h2>Databehandlere</h2>" in html and "<p>Ingen. Samspill sender" in html
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.example.no"
    assert "smtp.example.no" in client.get("/privacy/approval-pack/").content.decode()


def test_recorded_test_results_appear_in_the_pack(client, tmp_path, monkeypatch):
    report = tmp_path / "report.xml"
    report.write_text(
        "<testsuites><testsuite>"
        '<testcase classname="tests.community.test_access_matrix" name="a"/>'
        '<testcase classname="tests.community.test_access_matrix" name="b"><failure/></testcase>'
        '<testcase classname="tests.e2e.test_foundation" name="c"/>'
        '<testcase classname="tests.forums.test_posting" name="d"><skipped/></testcase>'
        "</testsuite></testsuites>"
    )
    target = tmp_path / "checks.json"
    monkeypatch.setattr(selectors, "RELEASE_CHECKS", target)
    monkeypatch.setattr(record_release_checks, "RELEASE_CHECKS", target)
    call_command("record_release_checks", str(report))
    checks = json.loads(target.read_text())
    assert checks["all"] == {"passed": 2, "failed": 1, "total": 3}
    assert checks["security"] == {"passed": 1, "failed": 1, "total": 2}
    assert checks["accessibility"] == {"passed": 1, "failed": 0, "total": 1}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/privacy/approval-pack/").content.decode()
    assert "1 of 2 passed, 1 failed" in html
    assert "All tests" in html
    # make release-checks runs only some suites: the pack then names no total for all.
    call_command("record_release_checks", "--partial", str(report))
    assert "all" not in json.loads(target.read_text())
    html = client.get("/privacy/approval-pack/").content.decode()
    assert "1 of 2 passed, 1 failed" in html and "All tests" not in html


def test_this_release_has_recorded_results_in_the_repository():
    """release_checks.json is committed (make test refreshes it), so the pack of a fresh
    checkout shows real numbers for the security and accessibility suites."""
    checks = selectors.release_checks()
    assert checks is not None, "run make test or make release-checks and commit the file"
    assert checks["security"]["total"] > 100 and checks["accessibility"]["total"] > 5
    assert datetime.date.fromisoformat(checks["recorded_at"]) <= timezone.localdate()
