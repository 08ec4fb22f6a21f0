from django.db import migrations

# Norway's counties from 1 January 2024, and Denmark's five regions.
COUNTIES = [
    ("NO", "03", "Oslo"), ("NO", "11", "Rogaland"), ("NO", "15", "Møre og Romsdal"),
    ("NO", "18", "Nordland"), ("NO", "31", "Østfold"), ("NO", "32", "Akershus"),
    ("NO", "33", "Buskerud"), ("NO", "34", "Innlandet"), ("NO", "39", "Vestfold"),
    ("NO", "40", "Telemark"), ("NO", "42", "Agder"), ("NO", "46", "Vestland"),
    ("NO", "50", "Trøndelag"), ("NO", "55", "Troms"), ("NO", "56", "Finnmark"),
    ("DK", "1081", "Region Nordjylland"), ("DK", "1082", "Region Midtjylland"),
    ("DK", "1083", "Region Syddanmark"), ("DK", "1084", "Region Hovedstaden"),
    ("DK", "1085", "Region Sjælland"),
]


def slug(name):
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    return name.translate(table).lower().replace(" ", "-")


def add_counties(apps, schema_editor):
    County = apps.get_model("schools.County")
    for country, code, name in COUNTIES:
        County.objects.update_or_create(
            slug=slug(name), defaults={"name": name, "country": country, "code": code}
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]
    operations = [migrations.RunPython(add_counties, migrations.RunPython.noop)]
