"""Page content in the member's language, at the Norwegian page's address.

Pages are written in Norwegian Bokmål. Editors translate a page with Wagtail's simple
translation (*Translate* in the page's action menu), which copies it into the Danish or
English locale, where they edit the copy like any page. The copies are never routed or
listed themselves: every address resolves to the Norwegian page, so its id, permissions,
registrations, chat rooms, tags and links stay one, and URLs carry no language prefix.
When the active language is Danish or English, the translated fields of the page's live
copy are laid over the Norwegian page for that response (`localize`). A page without a
live copy, or a field the copy leaves empty, stays Norwegian.

Why simple translation rather than wagtail-localize: no extra package, no PO-file
workflow for editors, and copies are ordinary pages the admin already knows.

The overlay only changes the in-memory object; `refuse_saving_overlaid_page` makes sure
such an object is never written back.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

# Fields every page has that a translation replaces; page types add their own text
# fields with a `translated_fields` tuple.
BASE_FIELDS = ("title", "seo_title", "search_description")


def content_language() -> str | None:
    """The active language when it is a content language other than the default."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE:
        return None
    if language not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        return None
    return language


def originals(queryset):
    """Only pages in the default locale: the ones that are routed and listed."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def only_originals(pages) -> list:
    """`originals` for search results, which cannot be filtered on the locale's code."""
    from wagtail.models import Locale

    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    return [page for page in pages if default is None or page.locale_id == default.pk]


def is_original(page) -> bool:
    return page.locale.language_code == settings.LANGUAGE_CODE


KEYS_CACHE = "l10n:translated:{language}"
KEYS_TIMEOUT = 24 * 3600


def translated_keys(language: str) -> frozenset:
    """The translation keys of live pages in a language, so a page without a translation
    (most pages, in a site where translation is just starting) costs no query.
    Forgotten whenever a page is published, unpublished, moved or deleted."""
    key = KEYS_CACHE.format(language=language)
    keys = cache.get(key)
    if keys is None:
        from wagtail.models import Page

        keys = frozenset(
            Page.objects.filter(locale__language_code=language, live=True).values_list(
                "translation_key", flat=True
            )
        )
        cache.set(key, keys, KEYS_TIMEOUT)
    return keys


def pages_changed(**kwargs) -> None:
    cache.delete_many(
        [KEYS_CACHE.format(language=code) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    )


def fields_of(model) -> tuple[str, ...]:
    return BASE_FIELDS + tuple(getattr(model, "translated_fields", ()))


def _overlay(page, translation, fields, language) -> None:
    for field in fields:
        value = getattr(translation, field)
        if value:  # an empty field falls back to the Norwegian text
            setattr(page, field, value)
    page._l10n_language = language


def localize(pages: Iterable, language: str | None = None) -> list:
    """Lay each page's live translation over it, one query per page type.

    Returns the pages as a list (the same objects). Without an active content language
    other than Norwegian nothing is queried.
    """
    pages = list(pages)
    language = language or content_language()
    if language is None or not pages:
        return pages
    keys = translated_keys(language)
    by_model = defaultdict(list)
    for page in pages:
        if page.translation_key in keys and getattr(page, "_l10n_language", None) != language:
            by_model[type(page)].append(page)
    for model, group in by_model.items():
        fields = fields_of(model)
        translations = {
            t.translation_key: t
            for t in model.objects.filter(
                translation_key__in={page.translation_key for page in group},
                locale__language_code=language,
                live=True,
            ).only("translation_key", *fields)
        }
        for page in group:
            translation = translations.get(page.translation_key)
            if translation is not None and translation.pk != page.pk:
                _overlay(page, translation, fields, language)
    return pages


def localize_page(page):
    localize([page])
    return page


def refuse_saving_overlaid_page(sender, instance, **kwargs) -> None:
    """A page showing a translation must never be saved over the Norwegian original."""
    if getattr(instance, "_l10n_language", None):
        raise RuntimeError(f"{instance!r} holds translated text and must not be saved")


def translation_created(sender, instance, created, raw=False, **kwargs) -> None:
    """A new translation gets its original's group permissions and workflow, so the
    editors who look after the library's Norwegian index pages edit and publish their
    Danish and English copies too (and under them, the translated resources)."""
    from wagtail.models import GroupPagePermission, Page, WorkflowPage

    if not created or raw or not isinstance(instance, Page) or instance.is_root():
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    original = originals(Page.objects.filter(translation_key=instance.translation_key)).first()
    if original is None:
        return
    for grant in GroupPagePermission.objects.filter(page=original):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page=instance, permission_id=grant.permission_id
        )
    workflow = WorkflowPage.objects.filter(page=original).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow.workflow})
