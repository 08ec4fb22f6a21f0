"""Demo schools: the municipalities named in the public announcements Samspill grew from."""

from .models import County, Municipality, School

ORDER = 10

# (county slug, municipality, municipality number, school name)
SCHOOLS = [
    ("vestland", "Bergen", "4601", "Bergen kulturskole"),
    ("akershus", "Lørenskog", "3222", "Lørenskog kulturskole"),
    ("akershus", "Bærum", "3201", "Bærum kulturskole"),
    ("innlandet", "Gjøvik", "3407", "Gjøvik kulturskole"),
    ("trondelag", "Trondheim", "5001", "Trondheim kommunale kulturskole"),
    ("trondelag", "Stjørdal", "5035", "Stjørdal kulturskole"),
    ("telemark", "Porsgrunn", "4001", "Porsgrunn kulturskole"),
    ("more-og-romsdal", "Ålesund", "1508", "Ålesund kulturskole"),
    ("rogaland", "Stavanger", "1103", "Stavanger kulturskole"),
    ("rogaland", "Sandnes", "1108", "Sandnes kulturskole"),
    ("oslo", "Oslo", "0301", "Oslo kulturskole"),
    ("nordland", "Bodø", "1804", "Bodø kulturskole"),
    ("region-midtjylland", "Herning", "657", "Herning Musikskole"),
]


def slugify_nordic(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    return name.translate(table).lower().replace(" ", "-")


def seed(context: dict) -> None:
    schools = {}
    for county_slug, municipality_name, number, school_name in SCHOOLS:
        county = County.objects.get(slug=county_slug)
        municipality, _ = Municipality.objects.update_or_create(
            slug=slugify_nordic(municipality_name),
            defaults={"name": municipality_name, "county": county, "code": number},
        )
        school, _ = School.objects.update_or_create(
            slug=slugify_nordic(school_name),
            defaults={"name": school_name, "municipality": municipality},
        )
        schools[municipality_name] = school
    context["schools"] = schools
