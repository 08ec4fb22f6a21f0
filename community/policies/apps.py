from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """What a municipality asks for: privacy notices, the accessibility statement and the
    approval pack, all built from one register of the personal data Samspill keeps."""

    name = "community.policies"
    label = "policies"
    verbose_name = _("Privacy and accessibility")
