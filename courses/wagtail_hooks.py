from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .audience import can_view
from .models import ResourcePage, ToolGuidePage
from .snippets import AgeGroup, ContentLanguage, Discipline, Instrument, Level, Platform


@hooks.register("before_serve_page", order=-10)
def library_audience(page, request, serve_args, serve_kwargs):
    """Before Wagtail's own restriction check: visitors are sent to log in, members who
    are not in the audience get a clear 403 rather than a login form they cannot pass."""
    if not isinstance(page, ResourcePage | ToolGuidePage):
        return None
    if can_view(request.user, page):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("This page is for teachers."))


@hooks.register("before_serve_document")
def library_document_audience(document, request):
    """Wagtail's /documents/<id>/<name> links obey the same rule as /media/ (courses/files):
    drafts, revisions and unattached documents included."""
    from .files.selectors import file_readable
    from .models import FileUse

    if file_readable(request.user, FileUse.Kind.DOCUMENT, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("This file belongs to a page you do not have access to."))


def _viewset(snippet_model, icon, columns=("label", "slug")):
    return type(
        f"{snippet_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": snippet_model,
            "icon": icon,
            "list_display": list(columns),
            "search_fields": ["name_nb", "name_da", "name_en"],
        },
    )


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Library terms")
    menu_icon = "tag"
    menu_order = 250
    items = (
        _viewset(Discipline, "folder-open-inverse"),
        _viewset(Instrument, "pick", ("label", "family", "slug")),
        _viewset(Level, "order"),
        _viewset(AgeGroup, "group"),
        _viewset(ContentLanguage, "globe"),
        _viewset(Platform, "desktop"),
    )


register_snippet(TaxonomyGroup)
