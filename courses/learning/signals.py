"""Published courses and lessons: the discussion category (made once) and every
learner's summary in step with the lessons there are now."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.snippets import Discipline, Level

from .models import CourseModulePage, CoursePage, LessonPage


def _course_published(sender, instance, **kwargs):
    from community import l10n

    from . import services

    if not l10n.is_original(instance):
        return  # a translation shares the original's discussion and learners

    services.course_discussion_ensure(course=instance)
    services.course_summaries_refresh(course=instance)


def _lesson_published(sender, instance, **kwargs):
    from . import selectors, services

    course = selectors.course_of_lesson(instance)
    services.course_summaries_refresh(course=course)


page_published.connect(_course_published, sender=CoursePage, dispatch_uid="course-published")
page_published.connect(_lesson_published, sender=LessonPage, dispatch_uid="lesson-published")


def _outline_changed(sender, **kwargs):
    from .selectors import outline_bump

    outline_bump()


# Course pages show the library's terms by name.
for model in (Discipline, Level):
    post_save.connect(_outline_changed, sender=model, dispatch_uid=f"outline-term-{model.__name__}")

for model in (CoursePage, CourseModulePage, LessonPage):
    for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
        signal.connect(
            _outline_changed,
            sender=model,
            dispatch_uid=f"outline-{model.__name__}-{id(signal)}",
        )
