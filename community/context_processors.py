from django.conf import settings

from community.notifications.selectors import unread_count_for_header


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": "Samspill",
        "LANGUAGES": settings.LANGUAGES,
        "unread_notifications": (
            unread_count_for_header(user) if user is not None and user.is_authenticated else 0
        ),
    }
