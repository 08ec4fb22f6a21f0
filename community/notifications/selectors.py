from .models import Notification


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user):
    return Notification.objects.filter(recipient=user).select_related("actor")


def delivery_for(user) -> str:
    from .models import Delivery, NotificationPreference

    delivery = (
        NotificationPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    )
    return delivery or Delivery.IN_APP
