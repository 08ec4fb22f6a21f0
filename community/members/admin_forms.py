"""Wagtail's admin user forms with Samspill's fields: a display name, not first and last names."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

FIELDS = {"email", "display_name", "language", "is_superuser", "groups"}


class MemberCreationForm(UserCreationForm):
    first_name = None
    last_name = None
    display_name = forms.CharField(label=_("Display name"), max_length=60)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    class Meta(UserCreationForm.Meta):
        fields = FIELDS


class MemberEditForm(UserEditForm):
    first_name = None
    last_name = None
    display_name = forms.CharField(label=_("Display name"), max_length=60)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    class Meta(UserEditForm.Meta):
        fields = FIELDS | {"is_active"}
