"""Start the throwaway OpenID Connect provider as its own process (tests/oidc/)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
from django.contrib.auth.models import User
from oidc_provider.models import Client, ResponseType
User.objects.create_user("kari.feide", "kari@feide.example", "feide-pass", first_name="Kari")
client = Client.objects.create(
    name="Samspill", client_id="samspill", client_secret="samspill-secret",
    client_type="confidential", jwt_alg="RS256", require_consent=False,
    redirect_uris=[{redirect!r}], scope=["openid", "email", "profile"],
)
client.response_types.add(ResponseType.objects.get(value="code"))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def oidc_provider(tmp_path, redirect_uri: str):
    """Yield the provider's base URL (http://127.0.0.1:<port>) while it runs."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc.provider_settings",
        "OIDC_PROVIDER_DB": str(tmp_path / "provider.sqlite3"),
        "OIDC_PROVIDER_URL": url,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("SAMSPILL_TEST_SERVICES", None)

    def django(*args):
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "django", *args],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=120,
        )

    django("migrate", "--noinput")
    django("creatersakey")
    django("shell", "-c", SETUP.format(redirect=redirect_uri))
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/openid/.well-known/openid-configuration"):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the test OpenID Connect provider did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
