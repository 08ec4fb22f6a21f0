from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The front page at /. Editors write the welcome; the lists below it
    (new resources, upcoming gatherings, active discussions) fill themselves."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the page title."),
    )
    body = RichTextField(
        _("welcome text"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    translated_fields = ("intro", "body")
    template = "community/home/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's routing, with the answer for a path remembered (see route_cache)."""
        from wagtail.url_routing import RouteResult

        from community import l10n

        from . import route_cache

        language = l10n.content_language()
        if language is not None and self.translation_key in l10n.translated_keys(language):
            # Wagtail starts from the home page's translation in the active language;
            # addresses always resolve in the Norwegian tree (community/l10n.py).
            original = l10n.originals(HomePage.objects.filter(translation_key=self.translation_key))
            original = original.first()
            if original is not None and original.pk != self.pk:
                return original.route(request, path_components)
        if not path_components:
            return super().route(request, path_components)
        page = route_cache.cached_page(self, path_components)
        if page is not None:
            return RouteResult(page)
        result = super().route(request, path_components)
        page, args, kwargs = result
        if not args and not kwargs and page.live:
            route_cache.remember(self, path_components, page)
        return result

    def get_context(self, request, *args, **kwargs):
        from community.home import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_sections(request.user))
        return context
