from django.db import migrations

CONTENT_LANGUAGES = ("nb", "da", "en")


def add_locales(apps, schema_editor):
    """Locales for the content languages; every existing page belongs to Norwegian.

    Wagtail made one locale from LANGUAGE_CODE when it was installed; a site set up
    under another language code had its pages in that locale, and those pages are the
    Norwegian originals that translations are made from.
    """
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    default, _ = Locale.objects.get_or_create(language_code="nb")
    for code in CONTENT_LANGUAGES[1:]:
        Locale.objects.get_or_create(language_code=code)
    Page.objects.exclude(locale__language_code__in=CONTENT_LANGUAGES).update(locale=default)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
