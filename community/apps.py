from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The site itself: static assets, template tags, demo content, health."""

    name = "community"
    verbose_name = "Samspill"

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter

        # Every app's URLs say <id:pk> for database ids (see converters.py).
        register_converter(IdConverter, "id")

        from django.db.models.signals import post_delete, post_save, pre_save
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from community.home.models import HomePage

        from . import l10n
        from .pagecache import pages_changed
        from .sites import sites_changed

        pre_save.connect(l10n.refuse_saving_overlaid_page, dispatch_uid="l10n-refuse-overlaid")
        post_save.connect(l10n.translation_created, dispatch_uid="l10n-translation-created")
        page_published.connect(l10n.pages_changed, dispatch_uid="l10n-published")
        page_unpublished.connect(l10n.pages_changed, dispatch_uid="l10n-unpublished")
        post_page_move.connect(l10n.pages_changed, dispatch_uid="l10n-moved")
        post_delete.connect(l10n.pages_changed, sender=Page, dispatch_uid="l10n-deleted")
        # Any page a visitor can see changed: stored visitor pages are out of date.
        page_published.connect(pages_changed, dispatch_uid="pagecache-published")
        page_unpublished.connect(pages_changed, dispatch_uid="pagecache-unpublished")
        post_page_move.connect(pages_changed, dispatch_uid="pagecache-moved")
        post_delete.connect(pages_changed, sender=Page, dispatch_uid="pagecache-deleted")

        for model in (Site, HomePage):
            post_save.connect(sites_changed, sender=model, dispatch_uid=f"sites-{model.__name__}")
            post_delete.connect(
                sites_changed, sender=model, dispatch_uid=f"sites-del-{model.__name__}"
            )
