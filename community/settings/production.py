"""Production: refuses to start without a real secret key; HTTPS everywhere."""

from .base import *  # noqa: F403
from .base import SAMSPILL_PRIVATE_ROOT
from .env import env, fail, storages_from_env

if not env("DJANGO_SECRET_KEY", default=""):
    fail("DJANGO_SECRET_KEY must be set in production (50+ random characters).")
SECRET_KEY = env("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50:
    fail("DJANGO_SECRET_KEY is too short; use at least 50 random characters.")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
STORAGES = storages_from_env(
    private_root=SAMSPILL_PRIVATE_ROOT,
    staticfiles_backend="whitenoise.storage.CompressedManifestStaticFilesStorage",
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Load balancers probe health over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
