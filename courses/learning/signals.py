"""A published course gets its discussion category (once)."""

from wagtail.signals import page_published

from .models import CoursePage


def _course_published(sender, instance, **kwargs):
    from . import services

    services.course_discussion_ensure(course=instance)


page_published.connect(_course_published, sender=CoursePage, dispatch_uid="course-discussion")
