from django.db import transaction
from django.utils import timezone

from community.realtime.events import AccessChanged, SessionEnded, user_group
from community.realtime.publish import publish_on_commit

from . import privacy
from .models import User


@transaction.atomic
def profile_update(*, user: User, display_name: str, language: str) -> User:
    user.display_name = display_name.strip()
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "language"])
    return user


@transaction.atomic
def language_set(*, user: User, language: str) -> None:
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def member_sockets_close(*, user: User) -> None:
    """Close the member's open sockets, e.g. after logging out."""
    publish_on_commit(user_group(user.pk), SessionEnded())


def member_access_changed(*, user: User) -> None:
    """The member's registration, role or group changed: their open sockets check
    their access again, on every process, and close where it is gone."""
    publish_on_commit(user_group(user.pk), AccessChanged())


def member_export(*, user: User) -> dict:
    """Everything Samspill holds about the member, as JSON-ready data."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "age_band": user.age_band,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "site_roles": sorted(user.groups.values_list("name", flat=True)),
        },
        "schools": [
            {
                "school": m.school.name,
                "role": m.role,
                "joined_at": m.joined_at.isoformat(),
                "consent_recorded_at": m.consent_recorded_at.isoformat()
                if m.consent_recorded_at
                else None,
            }
            for m in user.memberships.select_related("school")
        ],
        "notifications": [
            {
                "title": n.title,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in user.notifications.all()
        ],
    }
    for name, exporter in privacy.exporters().items():
        data[name] = exporter(user)
    return data


@transaction.atomic
def member_erase(*, user: User) -> None:
    """Erase the account. Memberships and notifications go with it (CASCADE);
    content other members rely on keeps its place but loses the author
    (each app's foreign keys decide: SET_NULL where a thread must stay readable)."""
    member_sockets_close(user=user)
    user.delete()
