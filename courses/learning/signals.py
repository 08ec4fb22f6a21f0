"""Published courses and lessons: the discussion category (made once) and every
learner's summary in step with the lessons there are now."""

from wagtail.signals import page_published

from .models import CoursePage, LessonPage


def _course_published(sender, instance, **kwargs):
    from . import services

    services.course_discussion_ensure(course=instance)
    services.course_summaries_refresh(course=instance)


def _lesson_published(sender, instance, **kwargs):
    from . import selectors, services

    course = selectors.course_of_lesson(instance)
    services.course_summaries_refresh(course=course)


page_published.connect(_course_published, sender=CoursePage, dispatch_uid="course-published")
page_published.connect(_lesson_published, sender=LessonPage, dispatch_uid="lesson-published")
