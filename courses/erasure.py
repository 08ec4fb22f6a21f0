"""What an erasure does to the library: the member's pages stay under their licence (other
schools may have adapted them), but the author name on them and on every saved revision
becomes "Former member", so the name is nowhere in the database afterwards."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from .models import ResourcePage, ToolGuidePage


@transaction.atomic
def member_library_erase(*, user) -> None:
    former = _("Former member")
    names = {name for name in (user.display_name, user.email) if name}
    pages = Page.objects.filter(owner=user).type(ResourcePage, ToolGuidePage).specific()
    for page in pages:
        shown = page.author_name
        # save() rather than update(): Wagtail's search index follows the page.
        page.author_name = former
        page.save(update_fields=["author_name"], clean=False)
        for revision in Revision.objects.for_instance(page):
            if revision.content.get("author_name") in names | {shown}:
                revision.content["author_name"] = former
                revision.save(update_fields=["content"])
