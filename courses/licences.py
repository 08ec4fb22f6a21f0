"""Licences of library pages and courses, with the links that explain them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    CC_BY = "cc-by", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa", "CC BY-NC-SA 4.0"
    CC_BY_ND = "cc-by-nd", "CC BY-ND 4.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
}
# Licences that let anyone adapt the work (ND forbids derivatives; all rights reserved
# lets only the author adapt their own work).
ADAPTABLE_LICENCES = {Licence.CC_BY, Licence.CC_BY_SA, Licence.CC_BY_NC, Licence.CC_BY_NC_SA}
# ShareAlike: an adaptation must carry the same licence.
SHARE_ALIKE = {Licence.CC_BY_SA, Licence.CC_BY_NC_SA}
