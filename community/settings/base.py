"""Settings shared by every environment; each value can come from the environment."""

import socket

from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import (
    BASE_DIR,
    database_from_url,
    env,
    fail,
    redis_url,
    sqlite_database,
    storages_from_env,
)
from .federation import openid_connect_apps

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SAMSPILL_SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "daphne",
    "community",
    "community.members",
    "community.schools",
    "community.notifications",
    "community.home",
    "community.gatherings",
    "community.chat",
    "community.policies",
    "community.audit",
    "courses",
    "forums",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "community.members.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "courses.files.apps.LibraryDocumentsConfig",
    "courses.files.apps.LibraryImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "community.nul.DropNulBytesMiddleware",
    "community.csp.ContentSecurityPolicyMiddleware",
    # Before the Site lookup and the session: a stored visitor page skips everything
    # below (community/pagecache.py); the security headers above still apply to it.
    "community.pagecache.VisitorPageCacheMiddleware",
    "community.sites.SiteCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Drops the CSRF cookie from a response when the browser already holds it.
    "community.csrf.KeepCsrfCookieMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "community.audit.context.AuditActorMiddleware",
    "community.members.middleware.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "community.urls"
ASGI_APPLICATION = "community.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
_database_url = env("DATABASE_URL", default="")
DATABASES = {
    "default": database_from_url(_database_url)
    if _database_url
    else sqlite_database(BASE_DIR / "samspill.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache ----------------------------------------
REDIS_URL = redis_url(env("REDIS_URL")) if env("REDIS_URL", default="") else ""
# Probe an idle connection after 5 s, then every 5 s; three missed probes end it.
REDIS_KEEPALIVE = {
    getattr(socket, option): value
    for option, value in (("TCP_KEEPIDLE", 5), ("TCP_KEEPINTVL", 5), ("TCP_KEEPCNT", 3))
    if hasattr(socket, option)  # Linux names; other systems keep their defaults
}
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # No read timeout. A read with one (redis-py 8 defaults to 5 s) runs
                # under asyncio.timeout, and on Python 3.11 about one cancel in fifty
                # of the layer's blocking receive (BZPOPMIN) is then lost: the
                # consumer of a closed socket kept waiting on Redis until Daphne killed
                # it (tests/community/test_redis_cancel.py). A live server answers
                # every blocking receive within channels-redis' 5 s brpop_timeout;
                # a dead one is noticed by TCP keepalive (about 20 s) and health checks.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": None,
                        "socket_connect_timeout": 3,
                        "socket_keepalive": True,
                        "socket_keepalive_options": REDIS_KEEPALIVE,
                        "health_check_interval": 10,
                    }
                ],
                "capacity": 1500,
                "expiry": 30,
            },
        }
    }
    CACHES = {
        "default": {
            # A failing Redis is a cache miss, never an error (community/cache.py).
            "BACKEND": "community.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "samspill",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    # Django's default of 300 entries is less than one busy forum's post fragments, so
    # pages would keep re-rendering what they just stored; 3,000 mostly small entries
    # stay well under 100 MB (whole visitor pages are 30-130 KB each).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }

# --- Background tasks (community/background.py) ------------------------------
# The database backend by default: tasks wait in the database until `manage.py db_worker`
# (started by `make run`) runs them. On PostgreSQL the same backend serves several
# workers (rows are claimed with SKIP LOCKED); docs/deployment.md has the details.
TASKS = {
    "default": {
        "BACKEND": env("SAMSPILL_TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
# A failing task runs again after 60 s, 4 min, 16 min, 64 min, then stays failed.
SAMSPILL_TASK_ATTEMPTS = env.int("SAMSPILL_TASK_ATTEMPTS", default=5)
SAMSPILL_TASK_RETRY_SECONDS = env.int("SAMSPILL_TASK_RETRY_SECONDS", default=60)

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "community.members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "community.members.forms.SignupExtraForm"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samspill] "
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed logins are throttled per address and per account (allauth counts them in the cache).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("SAMSPILL_LOGIN_RATE", default="10/m/ip,5/5m/key"),
}
# Feide and UNI-Login (community/members/federation.py): link once, keep only the `sub`.
SOCIALACCOUNT_ADAPTER = "community.members.federation.SocialAccountAdapter"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": openid_connect_apps(env)}}
# Open sign-up stays off: members join through a school's invitation.
SAMSPILL_OPEN_SIGNUP = env.bool("SAMSPILL_OPEN_SIGNUP", default=False)
# Digital-consent age per country (GDPR art. 8 as each country set it).
SAMSPILL_CONSENT_AGE = {"NO": 13, "DK": 13}

# --- Mail -------------------------------------------------------------------
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Samspill <noreply@samspill.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages and time -----------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", "Norsk bokmål"),
    ("da", "Dansk"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "samspill_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Page content in nb, da and en as Wagtail locale copies (Settings → Locales, "Translate"
# on a page); the address stays the Norwegian page's, see community/l10n.py.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# English dates the English way ("2 Nov 2026, 00:40"), never Django's "12:40 a.m.".
FORMAT_MODULE_PATH = ["community.formats"]

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
SAMSPILL_PRIVATE_ROOT = env.path("SAMSPILL_PRIVATE_ROOT", default=BASE_DIR / "private")
STORAGES = storages_from_env(
    private_root=SAMSPILL_PRIVATE_ROOT,
    staticfiles_backend="django.contrib.staticfiles.storage.StaticFilesStorage",
)
# Set to an internal proxy location (e.g. "/protected-media/") to let nginx send the file
# after Django has checked who may have it (docs/deployment.md).
SAMSPILL_MEDIA_ACCEL_REDIRECT = env("SAMSPILL_MEDIA_ACCEL_REDIRECT", default="")
if SAMSPILL_MEDIA_ACCEL_REDIRECT and env("SAMSPILL_S3_BUCKET", default=""):
    # nginx's internal location reads the local disk; bucket objects stream through Django.
    fail(
        "SAMSPILL_MEDIA_ACCEL_REDIRECT serves files from the disk: leave it empty with SAMSPILL_S3_BUCKET."
    )
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Samspill"
# How long the Site for a host is remembered (community/sites.py); 0 turns it off.
SAMSPILL_SITE_CACHE_SECONDS = env.int("SAMSPILL_SITE_CACHE_SECONDS", default=300)
# Whole visitor pages (community/pagecache.py); 0 turns the page cache off. Services
# invalidate it; the expiry only bounds what changes with the clock alone.
SAMSPILL_PAGE_CACHE_SECONDS = env.int("SAMSPILL_PAGE_CACHE_SECONDS", default=60)
# How long a process trusts its copy of the page cache's token: a change made through
# another process reaches visitors of this one at most this late.
SAMSPILL_PAGE_TOKEN_SECONDS = env.float("SAMSPILL_PAGE_TOKEN_SECONDS", default=1.0)
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's database backend with word forms in three languages (community/search_backend.py);
# on PostgreSQL the index keeps words as written (the `simple` configuration).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "community.search_backend",
        "SEARCH_CONFIG": env("SAMSPILL_SEARCH_CONFIG", default="simple"),
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the admin would send an MD5 of every member's e-mail (pupils too) to it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.forms.LibraryDocumentForm"
# The largest document, audio or video file a member may upload to the library.
SAMSPILL_LIBRARY_MAX_FILE_SIZE = env.int("SAMSPILL_LIBRARY_MAX_FILE_MB", default=100) * 1024 * 1024
# Open Badges for course completions: a PEM Ed25519 private key; without it the key is
# made on first use and kept in the database (courses/learning/credentials.py).
SAMSPILL_BADGE_KEY_FILE = env("SAMSPILL_BADGE_KEY_FILE", default="")
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "mp3",
    "ogg",
    "wav",
    "m4a",
    "mp4",
    "webm",
    "docx",
    "odt",
    "musicxml",
    "mxl",
    "mid",
]

# --- Security that holds everywhere ------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# With Redis, sessions are read from the shared cache and written through to the
# database (one query less on every member request). Without it they stay in the
# database: a local-memory copy per process would keep a session alive in the other
# processes after a logout in one. README, *Configuration*.
SESSION_ENGINE = env(
    "SAMSPILL_SESSION_ENGINE",
    default="django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db",
)
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Privacy notice, accessibility statement, approval pack (community/policies) ------
# The data controller is the municipality (or county) that runs the culture school.
SAMSPILL_CONTROLLER = env("SAMSPILL_CONTROLLER", default="")
SAMSPILL_PRIVACY_CONTACT = env("SAMSPILL_PRIVACY_CONTACT", default="")
SAMSPILL_ACCESSIBILITY_CONTACT = env(
    "SAMSPILL_ACCESSIBILITY_CONTACT", default=SAMSPILL_PRIVACY_CONTACT
)

# How long the audit trail (community/audit) is kept; `manage.py purge_audit` (daily).
SAMSPILL_AUDIT_RETENTION_DAYS = env.int("SAMSPILL_AUDIT_RETENTION_DAYS", default=730)
# How long a member's data archive (/me/data/archive/) can be downloaded.
SAMSPILL_EXPORT_EXPIRY_DAYS = env.int("SAMSPILL_EXPORT_EXPIRY_DAYS", default=7)
# Notifications (read or not) are deleted after this many days (`manage.py retention`).
SAMSPILL_NOTIFICATION_RETENTION_DAYS = env.int("SAMSPILL_NOTIFICATION_RETENTION_DAYS", default=365)
# Starting values of the admin's retention periods (Settings → Retention periods): a
# gathering's registrations are kept this long after it ends (longer than the 6-month
# follow-ups), and accounts unused this many months get a warning, then are erased.
SAMSPILL_REGISTRATION_RETENTION_DAYS = env.int("SAMSPILL_REGISTRATION_RETENTION_DAYS", default=365)
SAMSPILL_INACTIVE_ACCOUNT_MONTHS = env.int("SAMSPILL_INACTIVE_ACCOUNT_MONTHS", default=24)
SAMSPILL_INACTIVE_GRACE_DAYS = env.int("SAMSPILL_INACTIVE_GRACE_DAYS", default=30)

# --- Content-Security-Policy (community/csp.py) -----------------------------------
# Our pages load scripts, styles, images, fonts and sockets only from this site; the only
# frames are the click-to-load video players (courses/video.py); nobody may frame us.
VIDEO_FRAME_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": VIDEO_FRAME_HOSTS,
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
SAMSPILL_ADMIN_PREFIX = "/admin/"
# Wagtail's admin (and only it) differs, measured on Wagtail 8 in a browser (tests/e2e):
# its form widgets and inline panels render inline <script> blocks without access to the
# request (so no nonce), and its bundled vendor.js inserts inline scripts and styles;
# its page preview is a frame of the admin itself. Only signed-in staff reach /admin/,
# and everything else they load still comes from this site alone.
SAMSPILL_ADMIN_CSP = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
    "frame-src": [SELF, *VIDEO_FRAME_HOSTS],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# --- Live chat ---
# Messages per member: (count, seconds). Beyond it the member is told when to try again.
SAMSPILL_CHAT_RATE = (
    env.int("SAMSPILL_CHAT_RATE_COUNT", default=8),
    env.int("SAMSPILL_CHAT_RATE_SECONDS", default=10),
)
SAMSPILL_CHAT_MAX_SOCKETS = env.int("SAMSPILL_CHAT_MAX_SOCKETS", default=6)
# Each Daphne process renews its sockets' presence every heartbeat; a presence not
# renewed within the expiry (a killed process) no longer counts and is swept.
SAMSPILL_CHAT_HEARTBEAT_SECONDS = env.float("SAMSPILL_CHAT_HEARTBEAT_SECONDS", default=20)
SAMSPILL_CHAT_PRESENCE_EXPIRY_SECONDS = env.float(
    "SAMSPILL_CHAT_PRESENCE_EXPIRY_SECONDS", default=60
)
# Joins and leaves in a room are sent as one presence list per interval.
SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS = env.float("SAMSPILL_CHAT_PRESENCE_FLUSH_SECONDS", default=1)
# Above this many people a room's presence list carries the counts and the first
# SAMSPILL_CHAT_PRESENCE_NAMES names (organisers first); "Show everyone" asks for the rest.
SAMSPILL_CHAT_PRESENCE_CAP = env.int("SAMSPILL_CHAT_PRESENCE_CAP", default=50)
SAMSPILL_CHAT_PRESENCE_NAMES = env.int("SAMSPILL_CHAT_PRESENCE_NAMES", default=30)
SAMSPILL_CHAT_RETENTION_DAYS = env.int("SAMSPILL_CHAT_RETENTION_DAYS", default=365)
