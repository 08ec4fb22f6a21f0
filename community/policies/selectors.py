"""What the privacy pages and the approval pack show, read from the register, the settings
and the release's recorded test results."""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .register import REGISTER, ROLES

RELEASE_CHECKS = Path(__file__).with_name("release_checks.json")


def data_by_role() -> list[dict]:
    return [
        {"role": label, "kinds": [kind.title for kind in REGISTER if key in kind.roles]}
        for key, label in ROLES.items()
    ]


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def where_data_lives() -> list[str]:
    database = settings.DATABASES["default"]
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    places = []
    if engine == "sqlite3":
        places.append(_("Database: an SQLite file on the Samspill server."))
    else:
        places.append(
            _("Database: %(engine)s at %(host)s.")
            % {"engine": engine, "host": database.get("HOST") or "localhost"}
        )
    storage = settings.STORAGES["default"]["BACKEND"]
    if storage.endswith("FileSystemStorage"):
        places.append(_("Uploaded files: the server's disk (MEDIA_ROOT)."))
    else:
        places.append(_("Uploaded files: %(backend)s.") % {"backend": storage})
    if settings.REDIS_URL:
        places.append(
            _("Cache and live messages in transit: Redis at %(host)s.")
            % {"host": _host(settings.REDIS_URL)}
        )
    return places


def sub_processors() -> list[str]:
    """Outside parties that receive personal data in this installation (none by default)."""
    found = []
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    if backend == "smtp" and settings.EMAIL_HOST not in {"localhost", "127.0.0.1", "::1"}:
        found.append(
            _("Mail delivery: %(host)s receives e-mail addresses and mail texts.")
            % {"host": settings.EMAIL_HOST}
        )
    database_host = settings.DATABASES["default"].get("HOST") or ""
    if database_host and database_host not in {"localhost", "127.0.0.1", "::1"}:
        found.append(_("Database hosting: %(host)s.") % {"host": database_host})
    return found


def security_measures() -> list[str]:
    return [
        _("HTTPS only, with HSTS and secure cookies in production."),
        _(
            "Data minimisation: pupils give a display name and an age band; no birth date, "
            "phone or address; no private messages between adults and pupils."
        ),
        _(
            "An authorisation matrix test checks every address for every role on every "
            "release; files of restricted pages are checked on every download."
        ),
        _(
            "A strict Content-Security-Policy; no third-party requests from any page (no "
            "analytics, fonts, CDN or Gravatar); videos load only when the viewer clicks."
        ),
        _("Sign-in throttling; passwords stored only as salted hashes."),
        _("Members download all their data and erase their account themselves."),
    ]


def release_checks() -> dict | None:
    """The test results recorded for this release (manage.py record_release_checks)."""
    try:
        checks = json.loads(RELEASE_CHECKS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for name in ("all", "security", "accessibility"):
        if name in checks:  # "all" is missing when only some suites were run
            checks[name].setdefault("failed", checks[name]["total"] - checks[name]["passed"])
    return checks


def approval_pack() -> dict:
    return {
        "register": REGISTER,
        "by_role": data_by_role(),
        "places": where_data_lives(),
        "sub_processors": sub_processors(),
        "measures": security_measures(),
        "checks": release_checks(),
        "controller": settings.SAMSPILL_CONTROLLER,
        "contact": settings.SAMSPILL_PRIVACY_CONTACT,
    }
