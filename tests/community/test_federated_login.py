"""Feide / UNI-Login through allauth's OpenID Connect support, against a real provider
(django-oidc-provider in its own process, tests/oidc/): a member links their account
once and then signs in with it; nothing but the identifier is kept; nobody signs up this
way; a school that requires it refuses its linked teachers' passwords."""

import html
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY

from community.members.models import User
from tests.oidc.provider import oidc_provider

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/oidc/feide/login/callback/"


@pytest.fixture
def feide(settings, tmp_path):
    with oidc_provider(tmp_path, CALLBACK) as url:
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {
                "APPS": [
                    {
                        "provider_id": "feide",
                        "name": "Feide",
                        "client_id": "samspill",
                        "secret": "samspill-secret",
                        "settings": {"server_url": f"{url}/openid"},
                    }
                ]
            }
        }
        yield url


def _through_provider(client, browser, process: str) -> object:
    """Start at Samspill, sign in at the provider as a browser would, come back."""
    start = client.post("/accounts/oidc/feide/login/", {"process": process})
    location = start["Location"]
    assert location.startswith("http://127.0.0.1:"), location
    while not location.startswith(CALLBACK):
        response = browser.get(location, allow_redirects=False)
        if response.status_code == 200 and 'name="password"' in response.text:
            token = response.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
            response = browser.post(
                response.url,
                data={
                    "csrfmiddlewaretoken": token,
                    "username": "kari.feide",
                    "password": "feide-pass",
                    "next": html.unescape(
                        response.text.split('name="next" value="')[1].split('"')[0]
                    ),
                },
                headers={"Referer": response.url},
                allow_redirects=False,
            )
        assert response.status_code in {301, 302}, response.text[:500]
        location = response.headers["Location"]
        if location.startswith("/"):
            parts = urlsplit(response.url)
            location = f"{parts.scheme}://{parts.netloc}{location}"
    return client.get(location.removeprefix("http://testserver"))


def test_link_once_then_sign_in_keeping_only_the_identifier(
    client, feide, kari_other_school_teacher, lorenskog, password
):
    browser = requests.Session()
    client.force_login(kari_other_school_teacher)
    linked = _through_provider(client, browser, "connect")
    assert linked.status_code == 302
    account = SocialAccount.objects.get(user=kari_other_school_teacher)
    assert account.provider == "feide" and account.uid
    assert account.extra_data == {}
    assert not kari_other_school_teacher.emailaddress_set.filter(
        email="kari@feide.example"
    ).exists()

    client.logout()
    signed_in = _through_provider(client, browser, "login")
    assert signed_in.status_code == 302
    assert client.session[SESSION_KEY] == str(kari_other_school_teacher.pk)
    data = client.get("/me/data/").json()
    assert data["linked_sign_in"] == [{"provider": "feide", "uid": account.uid}]

    # The school requires it now: Kari's password no longer signs her in.
    lorenskog.require_federated_login = True
    lorenskog.save()
    client.logout()
    refused = client.post(
        "/accounts/login/",
        {"login": kari_other_school_teacher.email, "password": password},
        follow=True,
    )
    assert SESSION_KEY not in client.session
    assert "Your school asks its teachers to sign in with Feide or UNI-Login." in (
        refused.content.decode()
    )


def test_an_unlinked_identity_signs_nobody_up(client, feide):
    before = User.objects.count()
    response = _through_provider(client, requests.Session(), "login")
    assert SESSION_KEY not in client.session
    assert User.objects.count() == before
    assert response.status_code in {200, 302}


def test_a_teacher_not_linked_yet_is_sent_to_link(
    client, kari_other_school_teacher, lorenskog, password
):
    lorenskog.require_federated_login = True
    lorenskog.save()
    response = client.post(
        "/accounts/login/", {"login": kari_other_school_teacher.email, "password": password}
    )
    assert response["Location"] == "/accounts/3rdparty/"
    assert client.session[SESSION_KEY] == str(kari_other_school_teacher.pk)
