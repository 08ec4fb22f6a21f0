"""What the library needs in every database: run after each migrate (idempotent).

The Teachers group, the initial taxonomy, /resources/ and /guides/ under the home
page, the review workflow (Library editors approve) and the page permissions that
let teachers write drafts in the admin while only editors publish.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from community.members.roles import SiteRole

from .audience import TEACHERS_GROUP
from .snippets import (
    AGE_GROUPS,
    DISCIPLINES,
    INSTRUMENTS,
    LANGUAGES,
    LEVELS,
    PLATFORMS,
    AgeGroup,
    ContentLanguage,
    Discipline,
    Instrument,
    Level,
    Platform,
)

WORKFLOW_NAME = "Library review"


def _terms(model, rows, extra_field=None):
    for order, row in enumerate(rows):
        slug, nb, da, en = row[:4]
        defaults = {"name_nb": nb, "name_da": da, "name_en": en, "sort_order": order}
        if extra_field:
            defaults[extra_field] = row[4]
        model.objects.get_or_create(slug=slug, defaults=defaults)


def _index(model, title, slug, intro):
    from wagtail.models import Page

    from community.home.models import HomePage

    existing = model.objects.first()
    if existing is not None:
        return existing
    if _deleted_by_an_editor(model):
        return None  # an editor removed it on purpose: the next migrate keeps it removed
    home = HomePage.objects.first()
    if home is None:
        return None
    if Page.objects.child_of(home).filter(slug=slug).exists():
        return None
    page = model(title=title, slug=slug, intro=intro)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _deleted_by_an_editor(model) -> bool:
    """Wagtail's audit log records every page deleted in the admin."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import PageLogEntry

    return PageLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action="wagtail.delete"
    ).exists()


def _permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def library_setup() -> None:
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from .models import CourseIndexPage, ResourceIndexPage, ToolGuideIndexPage

    teachers, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
    editors, _ = Group.objects.get_or_create(name=SiteRole.EDITOR.value)
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    teachers.permissions.add(admin_access)
    editors.permissions.add(admin_access)
    # Editors translate pages (Wagtail's simple translation, community/l10n.py).
    translate = Permission.objects.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).first()
    if translate is not None:
        editors.permissions.add(translate)
    for model in (Discipline, Instrument, Level, AgeGroup, ContentLanguage, Platform):
        for action in ("add", "change", "delete", "view"):
            editors.permissions.add(
                Permission.objects.get(
                    content_type__app_label="courses", codename=f"{action}_{model._meta.model_name}"
                )
            )
    # Wagtail grants images and documents per collection: teachers upload and choose,
    # editors may also change what others uploaded.
    root = Collection.get_first_root_node()
    grants = {
        teachers: ["add_image", "choose_image", "add_document", "choose_document"],
        editors: [
            "add_image",
            "choose_image",
            "change_image",
            "add_document",
            "choose_document",
            "change_document",
        ],
    }
    if root is not None:
        for group, codenames in grants.items():
            for codename in codenames:
                app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )

    _terms(Discipline, DISCIPLINES)
    _terms(Level, LEVELS)
    _terms(AgeGroup, AGE_GROUPS)
    _terms(ContentLanguage, LANGUAGES, "code")
    _terms(Instrument, INSTRUMENTS, "family")
    _terms(Platform, PLATFORMS)

    indexes = [
        _index(
            ResourceIndexPage,
            "Ressurser",
            "resources",
            "Noter, lydfiler, video og undervisningsopplegg fra kulturskolelærere, til fri bruk.",
        ),
        _index(
            ToolGuideIndexPage,
            "Digitale verktøy",
            "guides",
            "Veiledninger til digitale verktøy, med personvernstatus i din kommune.",
        ),
        _index(
            CourseIndexPage,
            "Kurs",
            "courses",
            "Kurs for lærere og læringsstier for elever, bygd av bibliotekets ressurser.",
        ),
    ]

    task, _ = GroupApprovalTask.objects.get_or_create(name="Editor review")
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    organisers, _ = Group.objects.get_or_create(name=SiteRole.ORGANISER.value)
    course_index = CourseIndexPage.objects.first()
    if course_index is not None:
        # Organisers write draft courses from their gatherings; editors publish them.
        GroupPagePermission.objects.get_or_create(
            group=organisers, page=course_index, permission=_permission("add_page")
        )
    for index_page in indexes:
        if index_page is None:
            continue
        WorkflowPage.objects.get_or_create(page=index_page, defaults={"workflow": workflow})
        # Teachers add pages and edit their own drafts; editors publish anything below.
        GroupPagePermission.objects.get_or_create(
            group=teachers, page=index_page, permission=_permission("add_page")
        )
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=index_page, permission=_permission(codename)
            )


def library_setup_with_permissions() -> None:
    """library_setup() after making sure every app's content types and permissions exist:
    on a first migrate (or after a flush) Wagtail's may not yet."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from wagtail.models import Collection

    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0)
        create_permissions(config, verbosity=0)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    library_setup()
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from .files.services import file_uses_rebuild
    from .models import FileUse

    # Sites that had pages and files before FileUse existed: read their pages once.
    has_files = get_image_model().objects.exists() or get_document_model().objects.exists()
    if has_files and not FileUse.objects.exists():
        file_uses_rebuild()
    from .services import database_statistics_refresh

    database_statistics_refresh(force=True)
