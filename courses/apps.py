from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _setup_after_migrate(sender, **kwargs):
    from .setup import library_setup_with_permissions

    library_setup_with_permissions()


class CoursesConfig(AppConfig):
    """The library: teaching resources, digital-tool guides and courses (Wagtail pages)."""

    name = "courses"
    verbose_name = _("Library")

    def ready(self):
        from community import navigation
        from community.home.selectors import register_section
        from community.members.privacy import (
            register_excluded,
            register_exporter,
            register_file_source,
        )
        from community.members.retention import register_purger
        from community.search import register_provider

        from . import signals  # noqa: F401
        from .files import signals as file_signals  # noqa: F401
        from .learning import signals as learning_signals  # noqa: F401
        from .practice import signals as practice_signals  # noqa: F401
        from .practice.privacy import PRACTICE_MODELS, export_practice, practice_files
        from .practice.services import takes_purge
        from .search import (
            course_search_provider,
            guide_search_provider,
            resource_search_provider,
        )
        from .selectors import home_section

        navigation.register(order=10, label=_("Resources"), path="/resources/", icon="book-open")
        navigation.register(
            order=20, label=_("Tool guides"), path="/guides/", icon="wrench-screwdriver"
        )
        navigation.register(order=25, label=_("Courses"), path="/courses/", icon="academic-cap")
        navigation.register(order=27, label=_("Practice"), path="/practice/", icon="microphone")
        register_section(home_section)
        register_provider(resource_search_provider)
        register_provider(guide_search_provider)
        register_provider(course_search_provider)
        register_exporter(
            "library",
            _export,
            models=(
                "courses.ResourceCollection",
                "courses.ResourcePage",
                "courses.ToolGuidePage",
                "wagtailimages.Image",
                "wagtaildocs.Document",
            ),
        )
        register_file_source(_uploads)
        register_exporter("courses", _export_learning, models=LEARNING_MODELS)
        register_exporter("practice", export_practice, models=PRACTICE_MODELS)
        register_file_source(practice_files)
        register_purger("practice_recordings", takes_purge)
        register_excluded(
            "courses.RegradeLog",
            "an editor's record of a question regraded; it names the editor only as the actor "
            "of a content change (kept as SET_NULL when the account goes)",
        )
        for label in (
            "courses.CoursePage",
            "courses.CourseIndexPage",
            "courses.CourseModulePage",
            "courses.LessonPage",
        ):
            register_excluded(
                label,
                "a published course's pages: Wagtail's owner and lock fields and the "
                "course's list of teachers are editorial records of the course, not the "
                "member's own data (they become empty when the account goes)",
            )
        post_migrate.connect(_setup_after_migrate, sender=self)


def _export(user):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from .models import ResourceCollection, ResourcePage, ToolGuidePage

    return {
        "contributions": [
            {"title": page.title, "url": page.url or "", "live": page.live}
            for page in Page.objects.filter(owner=user).type(ResourcePage, ToolGuidePage)
        ],
        "uploads": [
            {
                "title": item.title,
                "file": item.file.name,
                "uploaded_at": item.created_at.isoformat(),
            }
            for model in (get_image_model(), get_document_model())
            for item in model.objects.filter(uploaded_by_user=user)
        ],
        "lists": [
            {
                "name": collection.title,
                "description": collection.description,
                "pages": list(collection.items.values_list("page__title", flat=True)),
            }
            for collection in ResourceCollection.objects.filter(owner=user)
        ],
    }


def _uploads(user):
    """The images and documents the member uploaded, for the ZIP export."""
    from pathlib import PurePath

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    for model in (get_image_model(), get_document_model()):
        for item in model.objects.filter(uploaded_by_user=user):
            yield f"{model._meta.model_name}-{item.pk}-{PurePath(item.file.name).name}", item.file


LEARNING_MODELS = (
    "courses.Enrolment",
    "courses.LessonProgress",
    "courses.Attempt",
)


def _export_learning(user):
    from .learning.models import Attempt, Enrolment

    return {
        "enrolments": [
            {
                "course": enrolment.course.title,
                "enrolled_at": enrolment.enrolled_at.isoformat(),
                "lessons_done": enrolment.lessons_done,
                "completed_at": enrolment.completed_at.isoformat()
                if enrolment.completed_at
                else None,
            }
            for enrolment in Enrolment.objects.filter(member=user).select_related("course")
        ],
        "answers": [
            {
                "lesson": attempt.lesson.title,
                "answer": attempt.answer,
                "correct": attempt.correct,
                "at": attempt.created_at.isoformat(),
            }
            for attempt in Attempt.objects.filter(member=user).select_related("lesson")
        ],
    }
