"""Fill the facet-term table from the live resources (courses/facets.py)."""

from django.db import migrations


def fill(apps, schema_editor):
    from courses.facets import rebuild

    rebuild(apps)


class Migration(migrations.Migration):
    dependencies = [("courses", "0005_resource_facet_term")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
