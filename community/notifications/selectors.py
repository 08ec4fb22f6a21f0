from django.core.cache import cache

from .models import Notification

# The header's unread badge is on every member page. Its count is kept in the cache
# per member and dropped after commit by every service that changes it
# (services.unread_changed_on_commit); the timeout bounds any change made around them.
UNREAD_TIMEOUT = 300


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_count_for_header(user) -> int:
    """`unread_count`, from the cache when it holds it (one round trip, no query)."""
    if not user.is_authenticated:
        return 0
    key = unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = unread_count(user)
        cache.set(key, count, UNREAD_TIMEOUT)
    return count


def notifications_for(user):
    return Notification.objects.filter(recipient=user).select_related("actor")


def delivery_for(user) -> str:
    from .models import Delivery, NotificationPreference

    delivery = (
        NotificationPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    )
    return delivery or Delivery.IN_APP
