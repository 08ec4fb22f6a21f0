from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .admin_forms import MemberCreationForm, MemberEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user screens, asking for a display name instead of first and last names."""

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
